import type { Sentence, Span } from '../corpus/types.ts';
import { DOCUMENT_VERBS, HONORIFICS, SPEECH_VERBS } from '../people/lexicon.ts';
import type { ClassifiedSegment, MaskedArticle } from '../people/mask.ts';
import { findMentions, type Mention } from '../people/mentions.ts';
import type { PeopleModel } from '../people/model.ts';
import { lower, type Token, tokenize } from '../people/tokens.ts';
import {
  DOCUMENT_NOUNS,
  ORGANISATION_NOUNS,
  type PhraseReference,
  type PhraseSpeaker,
  readSubject,
  type SpeakerKind,
} from './subject.ts';
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
  /** A person's full name, an organisation's name, or an unnamed description as written. */
  readonly speaker: string | null;
  /** What the speaker is; null when there is none. */
  readonly kind: SpeakerKind | null;
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
/** A cue with an appositive (`X, director of defence studies at Y, said`) may run this long. */
const MAX_APPOSITIVE_CUE_WORDS = 30;
const MAX_SUBJECT_WORDS = 12;
const MAX_WORDS_AFTER_VERB = 5;
const PRONOUN_LOOKBACK = 3;
/** Paragraphs naming nobody that a paragraph made only of a quotation reads back past. */
const MAX_SILENT_PARAGRAPHS = 1;
/**
 * Nouns for a text whose words a quotation may reproduce: the documents a cue can name, and
 * writing on display (`A sign on the gate was blunt.` then `“Closed until further notice.”`).
 */
const WRITINGS = new Set([
  ...DOCUMENT_NOUNS,
  ...'sign signs banner banners placard placards poster posters note notes headline caption slogan'.split(
    ' ',
  ),
]);

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
  /** Organisations and descriptions that were the subject of a sentence or spoke, by sentence. */
  private readonly otherSubjects: (PhraseSpeaker | undefined)[] = [];
  private readonly descriptionsByHead = new Map<string, PhraseSpeaker>();
  private readonly organisations: PhraseSpeaker[] = [];

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
      // A post embedded from a social network is no part of the narrative: its byline is nobody
      // the next `he said` can be about.
      const embedded = this.item.embedded[this.sentences[k]?.paragraph ?? -1] === true;
      for (const mention of this.mentions[k] ?? []) if (!embedded) this.resolve(mention, k);
      let cued: string | null | undefined;
      let cuedOther: PhraseSpeaker | undefined;
      for (const unit of byFirstSentence.get(k) ?? []) {
        const attribution = this.attribute(unit, k);
        const done = { ...unit, source: this.item.article.id, attribution };
        this.done.push(done);
        this.attributions.set(unit, attribution);
        for (const segment of unit.segments) this.lastInParagraph.set(segment.paragraph, done);
        if (attribution.speaker && attribution.kind === 'person') this.see(attribution.speaker);
        const cue = attribution.rule === 'cue-after' || attribution.rule === 'cue-before';
        if (!unit.partial && cue) {
          if (attribution.kind === 'person' || attribution.speaker === null) {
            cued = attribution.speaker;
          } else if (attribution.speaker && attribution.kind) {
            cuedOther = { name: attribution.speaker, kind: attribution.kind, head: '' };
          }
        }
      }
      if (embedded) continue;
      this.subjects[k] = cued ?? this.subjectOf(k) ?? this.coveringSpeaker(k);
      this.otherSubjects[k] = cuedOther ?? (this.subjects[k] ? undefined : this.otherSubjectOf(k));
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
      const nearest = this.subjectBefore(plausible, verb);
      if (nearest) return this.person(nearest);
    }
    const first = plausible[0];
    return first ? this.person(first) : null;
  }

  /**
   * `The Millbrook Water Commission said in a statement that ...`, `A senior official, who was
   * not authorized to speak, said ...`: the organisation or description before the sentence's
   * first speech verb, when no person is its subject.
   */
  private otherSubjectOf(k: number): PhraseSpeaker | undefined {
    const sentence = this.sentences[k];
    const verb = sentence ? this.verbs(sentence)[0] : undefined;
    if (!sentence || !verb) return undefined;
    const phrase = this.item.masked.slice(sentence.start, verb.start);
    if (phrase.split(/\s+/).length > MAX_SUBJECT_WORDS + 8) return undefined;
    // `..., the Millbrook Water Commission announced.`: the subject after the last comma.
    const ref = readSubject(phrase) ?? readSubject(phrase.split(',').pop() ?? '');
    if (ref?.kind !== 'speaker' || ref.speaker.kind === 'person') return undefined;
    this.remember(ref.speaker);
    return ref.speaker;
  }

  private remember(speaker: PhraseSpeaker): void {
    if (speaker.kind === 'description') this.descriptionsByHead.set(speaker.head, speaker);
    if (speaker.kind === 'organisation') this.organisations.push(speaker);
  }

  /** What a cue's words name when they name no known person. */
  private fromPhrase(
    ref: PhraseReference | null,
    k: number,
    rule: AttributionRule,
  ): Attribution | null {
    if (!ref) return null;
    const spoke = (speaker: PhraseSpeaker | undefined): Attribution | null => {
      if (!speaker) return null;
      this.remember(speaker);
      return { speaker: speaker.name, kind: speaker.kind, rule, cue: null };
    };
    switch (ref.kind) {
      case 'speaker':
        return spoke(ref.speaker);
      case 'it':
        return spoke(this.organisations[this.organisations.length - 1]);
      case 'document': {
        // `the statement read`: written by whoever the previous sentence was about.
        for (const j of [k - 1, k]) {
          const person = this.subjects[j];
          if (person) return { speaker: person, kind: 'person', rule, cue: null };
          const other = this.otherSubjects[j];
          if (other) return spoke(other);
        }
        return null;
      }
      case 'definite': {
        // `the official said` after `a senior provincial official said`; `the commission said`.
        const known = this.descriptionsByHead.get(ref.head);
        if (known) return spoke(known);
        // `the commission said` after `the Harbour Water Commission`; `the agency said` after
        // `The Norland State Department called for ...`: the organisation last named as a
        // speaker, when none has that head (a guess, but one the article set up).
        const named = ORGANISATION_NOUNS.has(ref.head)
          ? (this.organisations.findLast((o) => o.name.toLowerCase().includes(ref.head)) ??
            this.organisations.at(-1))
          : undefined;
        // `the company said` with no organisation named before: the description as written.
        return spoke(named ?? { name: ref.text, kind: 'description', head: ref.head });
      }
      default: {
        const never: never = ref;
        return never;
      }
    }
  }

  /** The person quoted across sentence `k`: organisations and descriptions never take `he`. */
  private coveringSpeaker(k: number): string | null {
    const unit = this.covering[k];
    const attribution = unit ? this.attributions.get(unit) : undefined;
    return attribution?.kind === 'person' ? attribution.speaker : null;
  }

  private verbs(span: Span): Token[] {
    return tokenize(this.item.masked, span).filter(isSpeechVerb);
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
      const found = this.cueAfter(segment);
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
      this.singlePerson(k) ??
      nobody('none')
    );
  }

  private decide(rule: AttributionRule, mentions: readonly Mention[]): Attribution | null {
    if (mentions.length === 0) return null;
    const chosen = mentions.find((m) => this.person(m)) ?? mentions[0];
    if (!chosen) return null;
    // `Patel and Stone said in a joint statement`: two speakers, so no single name is right.
    const speaker = this.coordinated(chosen) ? null : this.person(chosen);
    return { speaker, kind: speaker ? 'person' : null, rule, cue: { ...chosen, person: speaker } };
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

  /**
   * `“...,” Legend explained`, `,” said the mayor`, `,” the "You & I" singer told host X`,
   * `,” Save Our Pier coordinator Tom Ek said`, `,” Ana Ruiz, director of studies at the
   * Harbour Institute, said`, `,” a spokesperson said`, `,” the company said in a statement`, and after an
   * exclamation or question mark that ended the sentence: `all!” Ruiz said.`
   */
  private cueAfter(segment: ClassifiedSegment): Attribution | null {
    const close = segment.close;
    if (close === null) return null;
    let k = this.sentenceAt(close);
    let sentence = this.sentences[k];
    if (!sentence) return null;
    if (sentence.end <= close + 1 && /[!?]\s*$/.test(segment.text)) {
      // The segmenter ended the sentence at `!”`: the cue is the next, when it starts in lower
      // case or right with a name and is short.
      const next = this.sentences[k + 1];
      if (!next || !/^\s*$/.test(this.item.masked.slice(close + 1, next.start))) return null;
      k += 1;
      sentence = next;
    }
    const nextOpen = this.speech[firstAtOrAfter(this.speechOpens, close + 1)];
    const end = Math.min(sentence.end, nextOpen?.open ?? sentence.end);
    const tokens = tokenize(this.item.masked, { start: close + 1, end });
    let v = tokens.findIndex((t, i) => i <= MAX_APPOSITIVE_CUE_WORDS && isSpeechVerb(t));
    // `the legal claim said`, `a post read`: a speech word right before a speech verb is a noun.
    while (v >= 0 && isSpeechVerb(tokens[v + 1])) v++;
    const verb = tokens[v];
    if (!verb) return null;
    if (v === 0) return this.invertedCue(verb, end, k);
    const gap = this.item.masked.slice(close + 1, verb.start);
    // `X, director of defence studies at Y, said`: the subject is what precedes the appositive.
    const appositive = /^\s*[,.!?]?\s*([^,]+),[\s\S]*,\s*$/.exec(gap);
    if (v > MAX_CUE_AFTER_WORDS && !appositive) return null;
    const subjectEnd = appositive?.[1]
      ? close + 1 + gap.indexOf(appositive[1]) + appositive[1].length
      : verb.start;
    // `..., including Lake Halden, it said`: the pronoun right before the verb is its subject.
    if (/(?:^|[\s,])(?:it|they)\s+(?:\p{Ll}+ly\s+)?$/iu.test(gap)) {
      const read = this.fromPhrase({ kind: 'it' }, k, 'cue-after');
      if (read) return read;
    }
    const subject = this.mentionsIn(close + 1, subjectEnd);
    const speakers = subject.filter((m) => m.plausible);
    const last = speakers[speakers.length - 1];
    // `,” Doe’s lawyer said`: someone of Doe's spoke, not Doe. Unknown beats a wrong name.
    if (last?.possessive) return nobody('cue-after');
    if (last && this.person(last)) return this.decide('cue-after', [last]);
    const phrase = this.item.masked.slice(close + 1, subjectEnd).replace(/^\s*[,.!?]\s*/, '');
    const read = this.fromPhrase(readSubject(phrase), k, 'cue-after');
    if (read) return read;
    return last ? this.decide('cue-after', [last]) : null;
  }

  /** `,” said the mayor`, `,” said Doe’s lawyer, John Park`, `,” said Mariners coach Marcus Bell.` */
  private invertedCue(verb: Token, end: number, k: number): Attribution | null {
    const rest = this.item.masked.slice(verb.end, end);
    const stop = sentenceStop(rest);
    const limit = stop < 0 ? end : verb.end + stop;
    const after = this.mentionsIn(verb.end, limit);
    const comma = rest.indexOf(',');
    const npEnd = comma >= 0 && verb.end + comma < limit ? verb.end + comma : limit;
    const head = after.filter((m) => m.end <= npEnd && m.plausible);
    const last = head[head.length - 1];
    if (last && !last.possessive && this.person(last)) return this.decide('cue-after', [last]);
    const named = after.filter((m) => !m.possessive && m.plausible && this.person(m));
    if (after[0]?.possessive) {
      return named.length > 0 ? this.decide('cue-after', named) : nobody('cue-after');
    }
    const read = this.fromPhrase(
      readSubject(this.item.masked.slice(verb.end, npEnd)),
      k,
      'cue-after',
    );
    if (read) return read;
    return this.decide('cue-after', named);
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
      if (isSpeechVerb(tokens[i])) {
        v = i;
        break;
      }
    }
    const verb = tokens[v];
    if (!verb) return /:\s*$/.test(before) ? this.colonCue(from, open) : null;
    const mentions = this.mentionsIn(from, verb.start);
    if (DOCUMENT_VERBS.has(lower(verb.text))) {
      const author = mentions.filter((m) =>
        /\bfrom\s+$/i.test(this.item.masked.slice(Math.max(0, m.start - 8), m.start)),
      );
      if (author.length > 0) return this.decide('cue-before', author);
      if (mentions.length === 0) {
        // `It read, “...”`: the document of the previous sentence, written by its subject.
        return this.fromPhrase({ kind: 'document' }, k, 'cue-before');
      }
    }
    const subjects = mentions.filter((m) => m.plausible && !m.possessive).reverse();
    const decided = this.decide('cue-before', subjects);
    if (decided?.speaker) return decided;
    // `A spokesperson for the ministry said: “`, `Her statement read: “`, `the Harbour Authority said: “`.
    const clause = (this.item.masked.slice(from, verb.start).split(/[.;]/).pop() ?? '').replace(
      /^\s*(?:and|but)\s+/i,
      '',
    );
    // `In a statement on its website, the Harbour Authority said:` the words right
    // before the verb are its subject.
    const nearest = clause.split(',').pop() ?? '';
    const read = this.fromPhrase(readSubject(nearest) ?? readSubject(clause), k, 'cue-before');
    if (read) return read;
    if (decided) return decided;
    // `Doe’s lawyer said: “`: a cue whose subject is nobody we know. Unknown beats a wrong name.
    const ownSubject = tokens.slice(0, v).some((t) => /^\p{L}/u.test(t.text));
    return ownSubject && mentions.some((m) => m.possessive) ? nobody('cue-before') : null;
  }

  /**
   * `Ostrow, the port doctor on the coast, is more blunt: “`: a sentence introducing
   * the quotation with a colon, whose subject is a person named at its start.
   */
  private colonCue(from: number, open: number): Attribution | null {
    const first = this.mentionsIn(from, open)[0];
    if (!first || first.possessive || !first.plausible || !this.person(first)) return null;
    if (
      /[\p{L}\p{N}]/u.test(
        this.item.masked.slice(from, first.start).replace(/\b(?:but|and|so)\b/gi, ''),
      )
    ) {
      return null;
    }
    return this.decide('cue-before', [first]);
  }

  /** `According to club owner Victor Salas, the Mariners are “exploring every option.”` */
  private accordingTo(k: number): Attribution | null {
    const sentence = this.sentences[k];
    if (!sentence) return null;
    const text = this.item.masked.slice(sentence.start, sentence.end);
    for (const match of text.matchAll(/\baccording to\s+/gi)) {
      const at = sentence.start + (match.index ?? 0) + match[0].length;
      const clauseEnd = clauseStop(this.item.masked.slice(at, sentence.end));
      const end = clauseEnd < 0 ? sentence.end : at + clauseEnd;
      const found = this.mentionsIn(at, end).filter((m) => this.person(m));
      if (found.length > 0) return this.decide('according-to', found);
      const read = this.fromPhrase(readSubject(this.item.masked.slice(at, end)), k, 'according-to');
      if (read) return read;
    }
    return null;
  }

  /** `Legend admitted they were "never the closest of friends."` */
  private speechSubject(k: number): Attribution | null {
    const sentence = this.sentences[k];
    if (!sentence) return null;
    const plausible = (this.mentions[k] ?? []).filter((m) => m.plausible && !m.possessive);
    for (const verb of this.verbs(sentence)) {
      const before = plausible.filter((m) => this.person(m));
      const nearest = this.subjectBefore(before, verb);
      if (nearest) return this.decide('speech-subject', [nearest]);
    }
    return null;
  }

  /**
   * The subject of a verb among the mentions before it: the nearest, unless a relative clause or
   * an appositive stands between an earlier mention and the verb (`Lena Voss, who grew up near
   * the pier, said`): then the mention it describes.
   */
  private subjectBefore(mentions: readonly Mention[], verb: Span): Mention | undefined {
    const before = mentions.filter((m) => m.end <= verb.start);
    const described = before.find((m) =>
      /^\s*,\s*(?:who|whose|which|a|an|the)\b[^.;:]*,\s*$/i.test(
        this.item.masked.slice(m.end, verb.start),
      ),
    );
    return described ?? before[before.length - 1];
  }

  /** A paragraph that is only a quotation continues the previous paragraph's speaker. */
  private continuation(unit: QuoteUnit): Attribution | null {
    const first = unit.segments[0];
    if (!first) return null;
    const paragraph = this.item.article.paragraphs[first.paragraph];
    if (!paragraph) return null;
    // `“...,” according to Dr. X, a doctor. “In fact, ...”`: a quotation that is a sentence of its
    // own, right after another in its paragraph, is the same speaker's.
    const sentence = this.sentences[this.sentenceAt(first.open)];
    const alone = sentence && !/\p{L}/u.test(this.item.masked.slice(sentence.start, sentence.end));
    const before = this.lastInParagraph.get(first.paragraph);
    if (alone && first.open !== paragraph.start && before?.attribution.speaker && !before.partial) {
      const { speaker, kind } = before.attribution;
      return { speaker, kind, rule: 'continuation', cue: null };
    }
    if (first.open !== paragraph.start) return null;
    const outside = this.item.masked.slice(paragraph.start, paragraph.end);
    if (/\p{L}/u.test(outside)) return null;
    const previous = this.lastInParagraph.get(first.paragraph - 1);
    if (previous?.attribution.speaker && !previous.partial) {
      const { speaker, kind } = previous.attribution;
      return { speaker, kind, rule: 'continuation', cue: null };
    }
    let lastSentence = this.sentenceAt(paragraph.start);
    while (lastSentence >= 0 && (this.sentences[lastSentence]?.end ?? 0) > paragraph.start) {
      lastSentence--;
    }
    // The previous paragraph's last subject: `Ek said he expects delays ... That would push the
    // opening to May.` then a paragraph that is only a quotation.
    // A paragraph that names nobody (`The loss was largest after a stroke.`) between the two
    // leaves the subject where it was: read on back past it, once.
    for (let back = 0; back <= MAX_SILENT_PARAGRAPHS && lastSentence >= 0; back++) {
      const previousParagraph = this.sentences[lastSentence]?.paragraph;
      let j = lastSentence;
      while (j > 0 && !this.subjects[j] && this.sentences[j - 1]?.paragraph === previousParagraph)
        j--;
      const subject = j >= 0 ? this.subjects[j] : null;
      if (subject) return { speaker: subject, kind: 'person', rule: 'previous-subject', cue: null };
      const other = this.otherSubjects[lastSentence];
      if (other)
        return { speaker: other.name, kind: other.kind, rule: 'previous-subject', cue: null };
      // Only a paragraph with no one in it, not quoted, with no mention and naming no writing
      // (`A sign on the gate was blunt.`: what follows may be the sign's words) is read past.
      let first = lastSentence;
      while (first > 0 && this.sentences[first - 1]?.paragraph === previousParagraph) first--;
      for (let i = first; i <= lastSentence; i++) {
        if ((this.mentions[i]?.length ?? 0) > 0 || this.covering[i] || this.namesWriting(i))
          return null;
      }
      lastSentence = first - 1;
    }
    return null;
  }

  /** True when sentence `k` names a text that could be what a quotation after it reproduces. */
  private namesWriting(k: number): boolean {
    const sentence = this.sentences[k];
    if (!sentence) return false;
    return tokenize(this.item.masked, sentence).some((t) => WRITINGS.has(lower(t.text)));
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

/**
 * A speech verb as written: in lower case, so `State` of `the State Department` or a
 * capitalised `Read` is a name, not the verb.
 */
function isSpeechVerb(token: Token | undefined): boolean {
  return token !== undefined && /^\p{Ll}/u.test(token.text) && SPEECH_VERBS.has(token.text);
}

/** An attribution that found a cue but no one it could name. */
function nobody(rule: AttributionRule): Attribution {
  return { speaker: null, kind: null, rule, cue: null };
}

/** Where a clause ends: `,;:` or a period that does not end `Dr.` or an initial (`J.`). */
function clauseStop(text: string): number {
  for (const match of text.matchAll(/[,;:]|(\p{L}*)\./gu)) {
    const word = (match[1] ?? '').toLowerCase();
    if (match[0].endsWith('.') && (word.length === 1 || HONORIFICS.has(word))) continue;
    return (match.index ?? 0) + match[0].length - 1;
  }
  return -1;
}

/** Where a sentence ends inside `text`: `.;:!?`, not the period of `Dr.` or of an initial. */
function sentenceStop(text: string): number {
  for (const match of text.matchAll(/[;:!?]|(\p{L}*)\./gu)) {
    const word = (match[1] ?? '').toLowerCase();
    if (match[0].endsWith('.') && (word.length === 1 || HONORIFICS.has(word))) continue;
    return (match.index ?? 0) + match[0].length - 1;
  }
  return -1;
}
