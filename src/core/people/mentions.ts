import type { Span } from '../corpus/types.ts';
import { NON_SUBJECT_MARKERS, PRONOUN_GENDER, SUBORDINATORS } from './lexicon.ts';
import type { PeopleModel } from './model.ts';
import { lower, tokenize } from './tokens.ts';

/** How the text refers to someone: by name, by pronoun or by description. */
export type MentionKind = 'name' | 'pronoun' | 'description';

/** A reference to a person outside quotation marks. */
export interface Mention extends Span {
  readonly kind: MentionKind;
  readonly text: string;
  /** Everyone the words could stand for (for a pronoun: filled in by resolution). */
  readonly candidates: readonly string[];
  /** The head noun of a description (`singer`), null otherwise. */
  readonly role: string | null;
  readonly gender: 'male' | 'female' | null;
  readonly possessive: boolean;
  /**
   * False when the words after a preposition, a verb of telling or a subordinator make the
   * mention an object or part of a clause (`told host David Axelrod`, `with West`).
   */
  readonly plausible: boolean;
}

// Words as name forms are written: letters and digits, joined by inner periods or hyphens.
const WORD = /[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*\.?/gu;
const PRONOUN = /(?<![\p{L}])(he|she|He|She)(?![\p{L}’'])/gu;

/**
 * Finds the mentions of people in a span of masked text (quotations blanked), sorted by offset.
 * Overlaps go to the longest: `the club’s owner` over `owner`, `Victor Salas` over `Salas`.
 *
 * @example
 * findMentions(model, 'West, an outspoken supporter of then-president Trump, replied', span)
 * // [{ kind: 'name', text: 'West', candidates: ['Kanye West'], plausible: true }, ...]
 */
export function findMentions(model: PeopleModel, masked: string, span: Span): Mention[] {
  const text = masked.slice(span.start, span.end);
  const found: Mention[] = [];
  const add = (mention: Omit<Mention, 'plausible'>) => {
    found.push({ ...mention, plausible: isPlausible(masked, span.start, mention.start) });
  };
  // Names: try the longest form first at each word, as one alternation regex would, but by
  // lookup, so the cost does not grow with the number of people in the corpus.
  const tokens = [...text.matchAll(WORD)];
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(model.maxFormWords, tokens.length - i); n >= 1; n--) {
      const first = tokens[i];
      const last = tokens[i + n - 1];
      if (!first || !last) continue;
      const from = first.index ?? 0;
      let to = (last.index ?? 0) + last[0].length;
      let form = text.slice(from, to);
      let people = model.forms.get(form);
      // A sentence-final period is not part of the name: `... said Legend.`
      if (!people && form.endsWith('.')) {
        form = form.slice(0, -1);
        to -= 1;
        people = model.forms.get(form);
      }
      if (!people) continue;
      const possessive = /^['’]s(?![\p{L}\p{N}])/u.test(text.slice(to, to + 3));
      if (possessive) to += 2;
      const start = span.start + from;
      add({
        start,
        end: span.start + to,
        kind: 'name',
        text: form,
        candidates: people.map((p) => p.name),
        role: null,
        gender: null,
        possessive,
      });
      i += n - 1;
      break;
    }
  }
  for (const match of text.matchAll(model.descriptionPattern)) {
    const start = span.start + (match.index ?? 0);
    const role = (match[2] ?? '').toLowerCase();
    const modifiers = match[1] ?? '';
    // `the Yeezy mogul`: a modifier that is someone's name form decides.
    const words = tokenize(modifiers, { start: 0, end: modifiers.length }).map((t) => t.base);
    const byModifier = words.flatMap((word) => model.forms.get(word) ?? []);
    const people = byModifier.length > 0 ? byModifier : (model.roles.get(role) ?? []);
    add({
      start,
      end: start + match[0].length,
      kind: 'description',
      text: match[0].replace(/['’]s$/, ''),
      candidates: [...new Set(people.map((p) => p.name))],
      role,
      gender: null,
      possessive: match[3] !== undefined,
    });
  }
  for (const match of text.matchAll(PRONOUN)) {
    const start = span.start + (match.index ?? 0);
    add({
      start,
      end: start + match[0].length,
      kind: 'pronoun',
      text: match[0],
      candidates: [],
      role: null,
      gender: PRONOUN_GENDER[lower(match[0])] ?? null,
      possessive: false,
    });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // Keep the longest of overlapping mentions (a description that contains a name keeps both
  // out: `the Yeezy mogul` resolved through its modifier).
  const kept: Mention[] = [];
  for (const mention of found) {
    const last = kept[kept.length - 1];
    if (last && mention.start < last.end) continue;
    kept.push(mention);
  }
  return kept;
}

/**
 * Walks back through the clause: a preposition, verb of telling or subordinator disqualifies;
 * `but` begins a new clause, whose subject the mention may be.
 */
function isPlausible(masked: string, floor: number, start: number): boolean {
  const before = masked.slice(Math.max(floor, start - 80), start);
  const clause = before.split(/[,;:—–()]/).pop() ?? '';
  const words = tokenize(clause, { start: 0, end: clause.length }).slice(-4);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = lower(words[i]?.text ?? '');
    // `... in most markets of the region but Holm says`: `but` starts a clause of its own.
    if (word === 'but') return true;
    if (NON_SUBJECT_MARKERS.has(word) || SUBORDINATORS.has(word)) return false;
  }
  return true;
}
