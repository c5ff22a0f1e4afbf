import type { Sentence, Span } from '../corpus/types.ts';
import { DOCUMENT_VERBS, HONORIFICS, SPEECH_VERBS } from '../people/lexicon.ts';
import type { ClassifiedSegment, MaskedArticle } from '../people/mask.ts';
import { findMentions, type Mention } from '../people/mentions.ts';
import type { PeopleModel } from '../people/model.ts';
import { lower, type Token, tokenize } from '../people/tokens.ts';
import { groupUnits, type QuoteUnit } from './units.ts';

/**
 * The attribution rules, most precise first. `cluster` is applied afterwards, when a quote
 * nobody could attribute in one outlet is attributed in another that carried it.
 */
export type AttributionRule =
  | 'cue-after'
  | 'cue-before'
  | 'according-to'
  | 'speech-subject'
  | 'continuation'
  | 'previous-subject'
  | 'single-person'
  | 'cluster'
  | 'none';

/** Who said a quotation, which rule decided it, and the words that named them. */
export interface Attribution {
  readonly speaker: string | null;
  readonly rule: AttributionRule;
  /** The mention the rule relied on (`he`, `the "You & I" singer`), when there was one. */
  readonly cue: ResolvedMention | null;
}

/** A mention with the person it was resolved to (null: unknown). */
export interface ResolvedMention extends Mention {
  readonly person: string | null;
}

/** A quotation of one article with its attribution. */
export interface AttributedUnit extends QuoteUnit {
  readonly source: string;
  readonly attribution: Attribution;
}

/** The outcome for one article: its quotations and every mention of a person it resolved. */
export interface ArticleAttribution {
  readonly units: readonly AttributedUnit[];
  readonly mentions: readonly ResolvedMention[];
}

const MAX_CUE_AFTER_WORDS = 8;
const MAX_WORDS_AFTER_VERB = 5;
const PRONOUN_LOOKBACK = 3;

/**
 * Attributes every quotation of an article, reading it in order so that pronouns resolve
 * against who the previous sentences were about. Each rule either decides (possibly
 * `speaker: null` when it found a cue it could not resolve: unknown beats a wrong name) or
 * passes to the next.
 *
 * @example
 * attributeArticle(maskArticle(seed004), model).units[0]?.attribution
 * // { speaker: 'John Legend', rule: 'cue-after', cue: { text: 'John Legend', ... } }
 */
export function attributeArticle(item: MaskedArticle, model: PeopleModel): ArticleAttribution {
  return new ArticleReader(item, model).read();
}

/** `,” Ms Stone said`: between the mark and the name only punctuation and honorifics. */
function onlyPunctuationOrTitles(gap: string): boolean {
  const words = gap.split(/[^\p{L}]+/u).filter(Boolean);
  return words.every((w) => HONORIFICS.has(w.toLowerCase())) && !/[\p{N}]/u.test(gap);
}

/**
 * Reads one article in order. Every lookup is by position (binary search over sorted offsets) or
 * by a table kept up to date while reading, never a scan of everything read so far, so the cost
 * grows with the article's length, not with its square (an article of 4,000 quotations).
 */
class ArticleReader {
  private readonly sentences: readonly Sentence[];
  private readonly sentenceStarts: readonly number[];
  private readonly mentions: Mention[][];
  /** Every mention, sorted by offset, and their start offsets. */
  private readonly allMentions: readonly Mention[];
  private readonly mentionStarts: readonly number[];
  /** Speech segments (titles left out), sorted by offset, and their opening offsets. */
  private readonly speech: readonly ClassifiedSegment[];
  private readonly speechOpens: readonly number[];
  private readonly resolved = new Map<Mention, string | null>();
  private readonly subjects: (string | null | undefined)[] = [];
  /** When each person was last mentioned or quoted, and the last person of each gender. */
  private readonly lastSeen = new Map<string, number>();
  private readonly lastOfGender = new Map<'male' | 'female', string>();
  private seen = 0;
  private readonly units: QuoteUnit[];
  private readonly done: AttributedUnit[] = [];
  /** The first quotation whose words overlap each sentence, and the last one of each paragraph. */
  private readonly covering: (QuoteUnit | undefined)[] = [];
  private readonly attributions = new Map<QuoteUnit, Attribution>();
  private readonly lastInParagraph = new Map<number, AttributedUnit>();

  constructor(
    private readonly item: MaskedArticle,
    private readonly model: PeopleModel,
  ) {
    this.sentences = item.article.sentences;
    this.sentenceStarts = this.sentences.map((s) => s.start);
    this.mentions = this.sentences.map((s) => findMentions(model, item.masked, s));
    this.allMentions = this.mentions.flat();
    this.mentionStarts = this.allMentions.map((m) => m.start);
    this.speech = item.segments.filter((s) => s.kind !== 'title');
    this.speechOpens = this.speech.map((s) => s.open);
    this.units = groupUnits(item.article, item.segments);
    for (const unit of this.units) {
      for (const segment of unit.segments) {
        const last = this.sentenceAt(Math.max(segment.start, segment.end - 1));
        for (let k = this.sentenceAt(segment.start); k <= last; k++) {
          const sentence = this.sentences[k];
          const overlaps = sentence && segment.start < sentence.end && segment.end > sentence.start;
          if (overlaps && !this.covering[k]) this.covering[k] = unit;
        }
      }
    }
  }

  read(): ArticleAttribution {
    const byFirstSentence = new Map<number, QuoteUnit[]>();
    for (const unit of this.units) {
      const k = this.sentenceAt(unit.segments[0]?.open ?? 0);
      const list = byFirstSentence.get(k);
      if (list) list.push(unit);
      else byFirstSentence.set(k, [unit]);
    }
    for (let k = 0; k < this.sentences.length; k++) {
      for (const mention of this.mentions[k] ?? []) this.resolve(mention, k);
      let cued: string | null | undefined;
      for (const unit of byFirstSentence.get(k) ?? []) {
        const attribution = this.attribute(unit, k);
        const done = { ...unit, source: this.item.article.id, attribution };
        this.done.push(done);
        this.attributions.set(unit, attribution);
        for (const segment of unit.segments) this.lastInParagraph.set(segment.paragraph, done);
        if (attribution.speaker) this.see(attribution.speaker);
        if (
          !unit.partial &&
          (attribution.rule === 'cue-after' || attribution.rule === 'cue-before')
        ) {
          cued = attribution.speaker;
        }
      }
      this.subjects[k] = cued ?? this.subjectOf(k) ?? this.coveringSpeaker(k);
    }
    const mentions = this.allMentions.map(
      (m): ResolvedMention => ({ ...m, person: this.resolved.get(m) ?? null }),
    );
    return { units: this.done, mentions };
  }

  // ---- mentions -------------------------------------------------------------------------

  private resolve(mention: Mention, k: number): string | null {
    if (this.resolved.has(mention)) return this.resolved.get(mention) ?? null;
    let person: string | null = null;
    if (mention.kind === 'pronoun') person = this.resolvePronoun(mention, k);
    else if (mention.candidates.length === 1) person = mention.candidates[0] ?? null;
    else if (mention.candidates.length > 1) person = this.mostRecent(mention.candidates);
    this.resolved.set(mention, person);
    if (person) this.see(person);
    return person;
  }

  private see(person: string): void {
    this.lastSeen.set(person, ++this.seen);
    const gender = this.model.byName.get(person)?.gender;
    if (gender) this.lastOfGender.set(gender, person);
  }

  private mostRecent(candidates: readonly string[]): string | null {
    let best: string | null = null;
    let when = 0;
    for (const name of candidates) {
      const seen = this.lastSeen.get(name) ?? 0;
      if (seen > when) {
        best = name;
        when = seen;
      }
    }
    return best;
  }

  /**
   * `he`/`she` is who the previous sentence was about when the gender fits (the `she said`
   * after a sentence about one woman goes to her); otherwise the last person of that gender.
   */
  private resolvePronoun(mention: Mention, k: number): string | null {
    const gender = mention.gender;
    for (let j = k - 1; j >= Math.max(0, k - PRONOUN_LOOKBACK); j--) {
      const subject = this.subjects[j];
      if (!subject) continue;
      const known = this.model.byName.get(subject)?.gender ?? null;
      if (known === null || known === gender) return subject;
      break;
    }
    return gender ? (this.lastOfGender.get(gender) ?? null) : null;
  }

  private person(mention: Mention): string | null {
    return this.resolve(mention, this.sentenceAt(mention.start));
  }

  /** The sentence's subject: the nearest plausible person before its first speech verb. */
  private subjectOf(k: number): string | null {
    const sentence = this.sentences[k];
    if (!sentence) return null;
    const plausible = (this.mentions[k] ?? []).filter(
      (m) => m.plausible && !m.possessive && this.person(m),
    );
    if (plausible.length === 0) return null;
    for (const verb of this.verbs(sentence)) {
      const before = plausible.filter((m) => m.end <= verb.start);
      const nearest = before[before.length - 1];
      if (nearest) return this.person(nearest);
    }
    const first = plausible[0];
    return first ? this.person(first) : null;
  }

  private coveringSpeaker(k: number): string | null {
    const unit = this.covering[k];
    return (unit && this.attributions.get(unit)?.speaker) ?? null;
  }

  private verbs(span: Span): Token[] {
    return tokenize(this.item.masked, span).filter((t) => SPEECH_VERBS.has(lower(t.text)));
  }

  private mentionsIn(start: number, end: number): Mention[] {
    const out: Mention[] = [];
    for (let i = firstAtOrAfter(this.mentionStarts, start); i < this.allMentions.length; i++) {
      const m = this.allMentions[i];
      if (!m || m.start >= end) break;
      if (m.end <= end) out.push(m);
    }
    return out;
  }

  private sentenceAt(offset: number): number {
    return Math.max(0, firstAtOrAfter(this.sentenceStarts, offset + 1) - 1);
  }

  // ---- rules ----------------------------------------------------------------------------

  private attribute(unit: QuoteUnit, k: number): Attribution {
    for (const segment of unit.segments) {
      const found = this.cueAfter(segment.close);
      if (found) return found;
    }
    for (const segment of unit.segments) {
      const found = this.cueBefore(segment.open);
      if (found) return found;
    }
    return (
      this.accordingTo(k) ??
      this.speechSubject(k) ??
      this.continuation(unit) ??
      this.singlePerson(k) ?? { speaker: null, rule: 'none', cue: null }
    );
  }

  private decide(rule: AttributionRule, mentions: readonly Mention[]): Attribution | null {
    if (mentions.length === 0) return null;
    const chosen = mentions.find((m) => this.person(m)) ?? mentions[0];
    if (!chosen) return null;
    // `Patel and Stone said in a joint statement`: two speakers, so no single name is right.
    const speaker = this.coordinated(chosen) ? null : this.person(chosen);
    return { speaker, rule, cue: { ...chosen, person: speaker } };
  }

  private coordinated(mention: Mention): boolean {
    const list = this.mentions[this.sentenceAt(mention.start)] ?? [];
    return list.some((other) => {
      if (other === mention || other.kind === 'pronoun') return false;
      const [a, b] = other.start < mention.start ? [other, mention] : [mention, other];
      if (!/^\s*(?:and|&)\s*$/.test(this.item.masked.slice(a.end, b.start))) return false;
      // Only now resolve: names and descriptions do not depend on reading order.
      const person = this.person(other);
      return person !== null && person !== this.person(mention);
    });
  }

  /** `“...,” Legend explained`, `,” said the mayor`, `,” the "You & I" singer told host X`. */
  private cueAfter(close: number | null): Attribution | null {
    if (close === null) return null;
    const sentence = this.sentences[this.sentenceAt(close)];
    if (!sentence) return null;
    const nextOpen = this.speech[firstAtOrAfter(this.speechOpens, close + 1)];
    const end = Math.min(sentence.end, nextOpen?.open ?? sentence.end);
    const tokens = tokenize(this.item.masked, { start: close + 1, end });
    const v = tokens.findIndex(
      (t, i) => i <= MAX_CUE_AFTER_WORDS && SPEECH_VERBS.has(lower(t.text)),
    );
    const verb = tokens[v];
    if (!verb) return null;
    const subject = this.mentionsIn(close + 1, verb.start);
    const first = subject[0];
    if (first && onlyPunctuationOrTitles(this.item.masked.slice(close + 1, first.start))) {
      // `,” Doe’s lawyer said`: someone of Doe's spoke, not Doe. Unknown beats a wrong name.
      if (first.possessive) return { speaker: null, rule: 'cue-after', cue: null };
      return this.decide('cue-after', subject);
    }
    if (v === 0) {
      // Inverted: `,” said the mayor`, `,” said Doe’s lawyer, John Park`.
      const rest = this.item.masked.slice(verb.end, end);
      const stop = rest.search(/[.;:!?]/);
      const limit = stop < 0 ? end : verb.end + stop;
      const after = this.mentionsIn(verb.end, limit);
      const named = after.filter((m) => !m.possessive);
      if (after[0]?.possessive && named.length === 0) {
        return { speaker: null, rule: 'cue-after', cue: null };
      }
      return this.decide('cue-after', named);
    }
    return null;
  }

  /** `He said: “`, `Legend wrote in part: “`, `a message from Legend in one tweet read, “`. */
  private cueBefore(open: number): Attribution | null {
    const k = this.sentenceAt(open);
    const sentence = this.sentences[k];
    if (!sentence) return null;
    let from = sentence.start;
    // The nearest quotation closed before this one, within the sentence, bounds the cue.
    for (let i = firstAtOrAfter(this.speechOpens, open) - 1; i >= 0; i--) {
      const s = this.speech[i];
      if (!s || (s.close !== null && s.close < sentence.start)) break;
      if (s.close !== null && s.close < open) {
        from = Math.max(from, s.close + 1);
        break;
      }
    }
    const before = this.item.masked.slice(from, open);
    if (!/[,:—–]\s*$/.test(before)) return null;
    const tokens = tokenize(this.item.masked, { start: from, end: open });
    let v = -1;
    for (
      let i = tokens.length - 1;
      i >= Math.max(0, tokens.length - 1 - MAX_WORDS_AFTER_VERB);
      i--
    ) {
      if (SPEECH_VERBS.has(lower(tokens[i]?.text ?? ''))) {
        v = i;
        break;
      }
    }
    const verb = tokens[v];
    if (!verb) return null;
    const mentions = this.mentionsIn(from, verb.start);
    if (DOCUMENT_VERBS.has(lower(verb.text))) {
      const author = mentions.filter((m) =>
        /\bfrom\s+$/i.test(this.item.masked.slice(Math.max(0, m.start - 8), m.start)),
      );
      if (author.length > 0) return this.decide('cue-before', author);
      if (mentions.length === 0) {
        // `It read, “...”`: the document of the previous sentence, written by its subject.
        const previous = this.subjects[k - 1] ?? null;
        return previous ? { speaker: previous, rule: 'cue-before', cue: null } : null;
      }
    }
    const subjects = mentions.filter((m) => m.plausible && !m.possessive).reverse();
    const decided = this.decide('cue-before', subjects);
    if (decided) return decided;
    // `Doe’s lawyer said: “`: a cue whose subject is nobody we know. Unknown beats a wrong name.
    const ownSubject = tokens.slice(0, v).some((t) => /^\p{L}/u.test(t.text));
    return ownSubject && mentions.some((m) => m.possessive)
      ? { speaker: null, rule: 'cue-before', cue: null }
      : null;
  }

  /** `According to club owner Victor Salas, the Mariners are “exploring every option.”` */
  private accordingTo(k: number): Attribution | null {
    const sentence = this.sentences[k];
    if (!sentence) return null;
    const text = this.item.masked.slice(sentence.start, sentence.end);
    for (const match of text.matchAll(/\baccording to\s+/gi)) {
      const at = sentence.start + (match.index ?? 0) + match[0].length;
      const clauseEnd = this.item.masked.slice(at, sentence.end).search(/[,;:.]/);
      const end = clauseEnd < 0 ? sentence.end : at + clauseEnd;
      const found = this.mentionsIn(at, end).filter((m) => this.person(m));
      if (found.length > 0) return this.decide('according-to', found);
    }
    return null;
  }

  /** `Legend admitted they were "never the closest of friends."` */
  private speechSubject(k: number): Attribution | null {
    const sentence = this.sentences[k];
    if (!sentence) return null;
    const plausible = (this.mentions[k] ?? []).filter((m) => m.plausible && !m.possessive);
    for (const verb of this.verbs(sentence)) {
      const before = plausible.filter((m) => m.end <= verb.start && this.person(m));
      const nearest = before[before.length - 1];
      if (nearest) return this.decide('speech-subject', [nearest]);
    }
    return null;
  }

  /** A paragraph that is only a quotation continues the previous paragraph's speaker. */
  private continuation(unit: QuoteUnit): Attribution | null {
    const first = unit.segments[0];
    if (!first) return null;
    const paragraph = this.item.article.paragraphs[first.paragraph];
    if (!paragraph || first.open !== paragraph.start) return null;
    const outside = this.item.masked.slice(paragraph.start, paragraph.end);
    if (/\p{L}/u.test(outside)) return null;
    const previous = this.lastInParagraph.get(first.paragraph - 1);
    if (previous?.attribution.speaker && !previous.partial) {
      return { speaker: previous.attribution.speaker, rule: 'continuation', cue: null };
    }
    let lastSentence = this.sentenceAt(paragraph.start);
    while (lastSentence >= 0 && (this.sentences[lastSentence]?.end ?? 0) > paragraph.start) {
      lastSentence--;
    }
    const subject = lastSentence >= 0 ? this.subjects[lastSentence] : null;
    return subject ? { speaker: subject, rule: 'previous-subject', cue: null } : null;
  }

  /** The only plausible person named around the quotation (this sentence and the one before). */
  private singlePerson(k: number): Attribution | null {
    const around = [...(this.mentions[k - 1] ?? []), ...(this.mentions[k] ?? [])].filter(
      (m) => m.plausible && !m.possessive && this.person(m),
    );
    const people = new Set(around.map((m) => this.person(m)));
    if (people.size !== 1) return null;
    return this.decide('single-person', around);
  }
}

/** The index of the first value `>= x` in ascending `values` (`values.length` when none). */
function firstAtOrAfter(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
