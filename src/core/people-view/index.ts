/**
 * The people of a story as a reader meets them: canonical name, the other names and the
 * descriptions the articles use (`Ye`, `the rapper`), a role where the text states one, how
 * often they are quoted and which articles mention them. Built once with the story, from the
 * people the quote analysis found and the quote index; the story's views keep it.
 */
import { makeSnippet } from '../answer/snippet.ts';
import type { Person } from '../people/index.ts';
import type { Quote, SpeakerKind } from '../quotes/index.ts';
import type { Story } from '../story.ts';

/** A person of the story. */
export interface StoryPerson {
  /**
   * The full name as the corpus gives it; for an organisation its name, for an unnamed source
   * the description as written (`a senior provincial official`).
   */
  readonly name: string;
  /** A person, an organisation or an unnamed description that is quoted. */
  readonly kind: SpeakerKind;
  /** Other names and descriptions the articles use for them, as written (`Ye`, `the rapper`). */
  readonly aliases: readonly string[];
  /** The subset of `aliases` that describe rather than name (`the 43-year-old singer`). */
  readonly descriptions: readonly string[];
  /** What they are in the story, from the descriptions (`coach`, `council member`), or null. */
  readonly role: string | null;
  /** Statements of theirs quoted in the corpus (each counted once across outlets). */
  readonly quotes: number;
  /** Ids of the articles that mention them, in corpus order. */
  readonly sources: readonly string[];
}

/** A description of a person and the sentence that uses it. */
export interface PersonDescription {
  readonly text: string;
  /** The first sentence using it, verbatim, and every article that uses it. */
  readonly snippet: string;
  readonly source: string;
  readonly sources: readonly string[];
}

/** Everything about one person: descriptions with where they come from, and top quotes. */
export interface PersonCard {
  readonly person: StoryPerson;
  readonly descriptions: readonly PersonDescription[];
  /** Their most widely reported quotes first. */
  readonly quotes: readonly Quote[];
}

/** How a query matched a person. */
export type PersonMatch =
  | { readonly kind: 'found'; readonly person: StoryPerson }
  | { readonly kind: 'none'; readonly suggestions: readonly string[] };

/** Top quotes on a person's card. */
export const CARD_QUOTES = 3;
/** Longest description sentence on a card. */
export const CARD_SNIPPET_CHARS = 300;

/**
 * The people of a story, most mentioned first, then the speakers that are no detected person.
 * Linear in the corpus: each article is read once for the forms any person may use in it.
 *
 * @example
 * storyPeople(story, peopleOf(analysis))[1] // { name: 'Kanye West', aliases: ['Ye', 'West', 'Kanye', 'the rapper', ...], role: 'rapper', quotes: 2, ... }
 */
export function storyPeople(story: Story, found: readonly Person[]): readonly StoryPerson[] {
  const counts = new Map(story.quotes.speakers.map((s) => [s.name, s.quotes]));
  const order = new Map(story.corpus.articles.map((a, i) => [a.id, i]));
  const inOrder = (ids: Iterable<string>) =>
    [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const used = usedForms(story, found);
  const people = found.map((person): StoryPerson => {
    const uses = used.get(person) ?? new Set<string>();
    const descriptions = person.descriptions.filter((d) => uses.has(d));
    return {
      name: person.name,
      kind: 'person',
      aliases: person.forms.filter((f) => f !== person.name && uses.has(f)),
      descriptions,
      role: roleOf(descriptions),
      quotes: counts.get(person.name) ?? 0,
      sources: inOrder(person.sources),
    };
  });
  // Speakers that are no detected person (organisations, unnamed sources, a person only a cue
  // named) are listed after the people, most quoted first.
  const known = new Set(people.map((p) => p.name));
  const sourcesOf = new Map<string, Set<string>>();
  for (const quote of story.quotes.quotes) {
    if (!quote.speaker || known.has(quote.speaker)) continue;
    const sources = sourcesOf.get(quote.speaker) ?? new Set<string>();
    for (const mention of quote.mentions) sources.add(mention.source);
    sourcesOf.set(quote.speaker, sources);
  }
  const others = story.quotes.speakers
    .filter((s) => !known.has(s.name))
    .map(
      (s): StoryPerson => ({
        name: s.name,
        kind: s.kind,
        aliases: [],
        descriptions: [],
        role: null,
        quotes: s.quotes,
        sources: inOrder(sourcesOf.get(s.name) ?? []),
      }),
    );
  return [...people, ...others];
}

/**
 * A person's card: each description with the sentence that uses it, and their quotes reported
 * by the most outlets.
 */
export function personCard(story: Story, person: StoryPerson): PersonCard {
  const descriptions = person.descriptions.flatMap((text): PersonDescription[] => {
    const find = (pattern: RegExp) =>
      story.corpus.articles.flatMap((article) =>
        article.sentences
          .filter((s) => pattern.test(s.text))
          .map((s) => ({ source: article.id, text: s.text })),
      );
    const hits = find(formPattern(text, 'i', false));
    // Cite a sentence where the words name the person, not `the mayor's office`, when one exists.
    const first = find(formPattern(text, 'i', true))[0] ?? hits[0];
    if (!first) return [];
    const words = new Set(text.toLowerCase().split(/\s+/));
    return [
      {
        text,
        snippet: makeSnippet(
          first.text,
          (token) => (words.has(token.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, '')) ? 1 : 0),
          CARD_SNIPPET_CHARS,
        ),
        source: first.source,
        sources: [...new Set([first.source, ...hits.map((h) => h.source)])],
      },
    ];
  });
  const quotes = story.quotes.quotes
    .map((quote, i) => ({ quote, i }))
    .filter(({ quote }) => quote.speaker === person.name)
    .sort(
      (a, b) =>
        new Set(b.quote.mentions.map((m) => m.source)).size -
          new Set(a.quote.mentions.map((m) => m.source)).size || a.i - b.i,
    )
    .slice(0, CARD_QUOTES)
    .map(({ quote }) => quote);
  return { person, descriptions, quotes };
}

/**
 * The forms of each person the articles actually use: a form counts where no longer form of the
 * same person covers it (a first name only where it is not part of the full name), and generated
 * initials the text never writes are left out. Each article is read once: a form is tried only
 * where the article has every one of its words (a match is bounded by non-word characters on both
 * sides, so the words of what it matches are the form's words), so the work grows with the
 * corpus, not with people times articles; without that test every description (`the singer`)
 * was tried in every article, since every article has `the`.
 */
function usedForms(story: Story, people: readonly Person[]): Map<Person, Set<string>> {
  // Every form of everyone, under its rarest-looking word: the longest (case folded).
  // Longest first: a form inside a longer one of the same person is not a use of its own.
  const byKeyWord = new Map<string, FormEntry[]>();
  for (const person of people) {
    const forms = [...new Set(person.forms)].sort((a, b) => b.length - a.length);
    forms.forEach((form, rank) => {
      const words = [...new Set(form.toLowerCase().match(WORDS) ?? [])];
      const key = words.reduce<string | undefined>(
        (best, w) => (best === undefined || w.length > best.length ? w : best),
        undefined,
      );
      if (key === undefined) return;
      const entry = { person, form, rank, words };
      const list = byKeyWord.get(key);
      if (list) list.push(entry);
      else byKeyWord.set(key, [entry]);
    });
  }
  const used = new Map<Person, Set<string>>();
  for (const article of story.corpus.articles) {
    const candidates = new Map<Person, { form: string; rank: number }[]>();
    const present = new Set(article.raw.toLowerCase().match(WORDS) ?? []);
    for (const word of present) {
      for (const { person, form, rank, words } of byKeyWord.get(word) ?? []) {
        if (words.length > 1 && !words.every((w) => present.has(w))) continue;
        const list = candidates.get(person);
        if (list) list.push({ form, rank });
        else candidates.set(person, [{ form, rank }]);
      }
    }
    // Many people share a description (`the singer`): find each form's matches once per article.
    const text = new FormText(article.raw);
    const matches = new Map<string, Span[]>();
    const spansOf = (form: string) => {
      const known = matches.get(form);
      if (known) return known;
      const spans = text.find(form, /^the\s/i.test(form));
      matches.set(form, spans);
      return spans;
    };
    for (const [person, forms] of candidates) {
      // Nothing to learn here when every form the article may hold is known to be used.
      const known = used.get(person);
      if (known && forms.every(({ form }) => known.has(form))) continue;
      // A form is used where one of its matches lies outside every match of a longer form.
      // Matches of longer forms that are themselves inside another one change nothing (inside
      // is transitive), so all of them go into the cover, which is built only when a form not
      // yet known to be used has matches to check against it (most forms match nothing).
      const cover = new SpanCover();
      let pending: Span[] = [];
      for (const { form } of forms.sort((a, b) => a.rank - b.rank)) {
        const spans = spansOf(form);
        if (spans.length === 0) continue;
        if (!known?.has(form)) {
          if (pending.length > 0) cover.add(pending);
          pending = [];
          if (spans.some((span) => !cover.contains(span))) {
            const uses = used.get(person) ?? new Set<string>();
            uses.add(form);
            used.set(person, uses);
          }
        }
        pending = pending.length === 0 ? [...spans] : [...pending, ...spans];
      }
    }
  }
  return used;
}

/** Letters and digits: a form matches only where neither comes right before or after it. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * An article's text, searched for forms as whole words: a form's whitespace matches any run of
 * whitespace, its apostrophes either apostrophe, and it must not have a letter or digit right
 * before or after it (`Ye` is not found in `Yes`); forms starting with `the` ignore case. The same
 * matches as a regular expression per form, without compiling one per form: with Unicode
 * classes in look-behinds that cost about a millisecond each, more than the search itself.
 * Spans are offsets in the text with whitespace runs shortened to one space, the same for every
 * form, so which match lies inside which is unchanged.
 */
class FormText {
  private readonly text: string;
  private lower: string | null = null;

  constructor(raw: string) {
    this.text = normalizeForm(raw);
  }

  /** The matches of `form`, left to right, none overlapping (as a global regex finds them). */
  find(form: string, ignoreCase: boolean): Span[] {
    const needle = ignoreCase ? normalizeForm(form).toLowerCase() : normalizeForm(form);
    if (needle === '') return [];
    let haystack = this.text;
    if (ignoreCase) {
      this.lower ??= this.text.toLowerCase();
      // Lower case of the same length keeps offsets; a rare text where it does not (`İ`) is
      // searched with a regular expression.
      if (this.lower.length !== this.text.length) {
        return [...this.text.matchAll(formPattern(form, 'gi', false))].map((m) => ({
          start: m.index ?? 0,
          end: (m.index ?? 0) + m[0].length,
        }));
      }
      haystack = this.lower;
    }
    const spans: Span[] = [];
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) return spans;
      const end = at + needle.length;
      if (!wordCharBefore(this.text, at) && !wordCharAt(this.text, end)) {
        spans.push({ start: at, end });
        from = end;
      } else from = at + 1;
    }
  }
}

/** Whitespace runs as one space and `’` as `'`: how forms and texts are compared. */
function normalizeForm(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/’/g, "'");
}

/** True when the code point ending just before `index` is a letter or digit. */
function wordCharBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const low = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(pair ? index - 2 : index - 1) ?? 0));
}

/** True when the code point starting at `index` is a letter or digit. */
function wordCharAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(index) ?? 0));
}

/** A half-open range of an article's text. */
interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Spans, and whether one lies inside any of them, in logarithmic time: kept sorted by start
 * with the running maximum of their ends, rebuilt when spans are added (once per form). Checking
 * every match against every earlier one was quadratic in a person's mentions in an article.
 */
class SpanCover {
  private spans: Span[] = [];
  private maxEnd: number[] = [];

  add(spans: readonly Span[]): void {
    if (spans.length === 0) return;
    this.spans = [...this.spans, ...spans].sort((a, b) => a.start - b.start);
    let max = -1;
    this.maxEnd = this.spans.map((span) => {
      max = Math.max(max, span.end);
      return max;
    });
  }

  /** True when some span starts at or before `span` and ends at or after it. */
  contains(span: Span): boolean {
    // The last span starting at or before `span.start`; the ends up to it are summed in maxEnd.
    let lo = 0;
    let hi = this.spans.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.spans[mid]?.start ?? 0) <= span.start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (this.maxEnd[last] ?? -1) >= span.end;
  }
}

/** Runs of letters and digits: a form matches only where the text has each of its runs as a word. */
const WORDS = /[\p{L}\p{N}]+/gu;

/** One form of one person, with its rank among that person's forms (longest first). */
interface FormEntry {
  readonly person: Person;
  readonly form: string;
  readonly rank: number;
  /** Its distinct words, case folded. */
  readonly words: readonly string[];
}

function formPattern(form: string, flags: string, noPossessive: boolean): RegExp {
  const escaped = form
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/['’]/g, "['’]")
    .replace(/\s+/g, '\\s+');
  // With `noPossessive`, `the mayor's office` does not count as a use of `the mayor`.
  const after = noPossessive ? "(?![\\p{L}\\p{N}]|['’]s\\b)" : '(?![\\p{L}\\p{N}])';
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${after}`, `${flags}u`);
}

/**
 * The role the descriptions agree on: their most frequent head noun (`the 52-year-old coach`,
 * `the coach` -> `coach`), with a plain modifier when the text uses one (`the council member`).
 */
function roleOf(descriptions: readonly string[]): string | null {
  const heads = new Map<string, number>();
  for (const d of descriptions) {
    const head = d.split(/\s+/).pop()?.toLowerCase() ?? '';
    if (/^\p{Ll}+$/u.test(head)) heads.set(head, (heads.get(head) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [head, n] of heads) if (!best || n > (heads.get(best) ?? 0)) best = head;
  if (!best) return null;
  const compound = descriptions
    .map((d) => new RegExp(`^the (\\p{Ll}+) ${best}$`, 'u').exec(d.toLowerCase())?.[1])
    .find((w): w is string => w !== undefined && !/^(former|new|old|same|other)$/.test(w));
  return compound ? `${compound} ${best}` : best;
}
