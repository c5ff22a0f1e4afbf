/**
 * The people of a story as a reader meets them: canonical name, the other names and the
 * descriptions the articles use (`Ye`, `the rapper`), a role where the text states one, how
 * often they are quoted and which articles mention them. Built from `findPeople` and the quote
 * index; cached per story, since a story never changes once built.
 */
import { makeSnippet } from '../answer/snippet.ts';
import { findPeople, type Person } from '../people/index.ts';
import type { Quote, SpeakerKind } from '../quotes/index.ts';
import { completeNames, matchSpeaker, type SpeakerForms } from '../quotes/speakers.ts';
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

const cache = new WeakMap<Story, readonly StoryPerson[]>();

/**
 * The people of a story, most mentioned first.
 *
 * @example
 * storyPeople(story)[1] // { name: 'Kanye West', aliases: ['Ye', 'West', 'Kanye', 'the rapper', ...], role: 'rapper', quotes: 2, ... }
 */
export function storyPeople(story: Story): readonly StoryPerson[] {
  const cached = cache.get(story);
  if (cached) return cached;
  const counts = new Map(story.quotes.speakers.map((s) => [s.name, s.quotes]));
  const order = new Map(story.corpus.articles.map((a, i) => [a.id, i]));
  const people = findPeople(story.corpus.articles, story.aliases).map((person): StoryPerson => {
    const used = usedForms(story, person);
    const descriptions = person.descriptions.filter((d) => used.has(d));
    return {
      name: person.name,
      kind: 'person',
      aliases: person.forms.filter((f) => f !== person.name && used.has(f)),
      descriptions,
      role: roleOf(descriptions),
      quotes: counts.get(person.name) ?? 0,
      sources: [...person.sources].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    };
  });
  // Speakers that are no detected person (organisations, unnamed sources, a person only a cue
  // named) are listed after the people, most quoted first.
  const known = new Set(people.map((p) => p.name));
  const others = story.quotes.speakers
    .filter((s) => !known.has(s.name))
    .map((s): StoryPerson => {
      const sources = new Set(
        story.quotes.quotes
          .filter((q) => q.speaker === s.name)
          .flatMap((q) => q.mentions.map((m) => m.source)),
      );
      return {
        name: s.name,
        kind: s.kind,
        aliases: [],
        descriptions: [],
        role: null,
        quotes: s.quotes,
        sources: [...sources].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
      };
    });
  const all = [...people, ...others];
  cache.set(story, all);
  return all;
}

/**
 * Finds a person by name, alias or description, tolerating case and small typos.
 *
 * @example
 * findStoryPerson(story, 'ye') // { kind: 'found', person: { name: 'Kanye West', ... } }
 */
export function findStoryPerson(story: Story, query: string): PersonMatch {
  const people = storyPeople(story);
  const match = matchSpeaker(query, forms(people));
  const person = match.name ? people.find((p) => p.name === match.name) : undefined;
  return person ? { kind: 'found', person } : { kind: 'none', suggestions: match.suggestions };
}

/**
 * Names for autocomplete over everyone in the story (speakers or not), best first.
 *
 * @example
 * completePeople(story, 'ax', 25) // ['David Axelrod']
 */
export function completePeople(story: Story, query: string, limit: number): readonly string[] {
  return completeNames(query, forms(storyPeople(story)), limit);
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

function forms(people: readonly StoryPerson[]): SpeakerForms[] {
  return people.map((p) => ({ name: p.name, forms: p.aliases, quotes: p.quotes }));
}

/**
 * The forms of a person the articles actually use: a first name only counts where it is not
 * part of the full name, and generated initials the text never writes are left out.
 */
function usedForms(story: Story, person: Person): Set<string> {
  const candidates = [...new Set(person.forms)].sort((a, b) => b.length - a.length);
  const used = new Set<string>();
  for (const article of story.corpus.articles) {
    const taken: { start: number; end: number }[] = [];
    for (const form of candidates) {
      const describes = /^the\s/i.test(form);
      for (const match of article.raw.matchAll(formPattern(form, describes ? 'gi' : 'g', false))) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        if (taken.some((t) => start >= t.start && end <= t.end)) continue;
        taken.push({ start, end });
        used.add(form);
      }
    }
  }
  return used;
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
