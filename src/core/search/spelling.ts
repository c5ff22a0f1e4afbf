/**
 * Matching a question word the corpus never uses to the word it most likely means: the same
 * word without its diacritics (`Malmo` for `Malmö`), an abbreviation of a capitalised name the
 * corpus spells out (`WWI` for `World War I`), or a spelling within one or two edits
 * (`Ghengis` for `Genghis`, `seige` for `siege`).
 */
import { stripDiacritics } from '../text/lexicon.ts';
import type { SearchIndex } from './search-index.ts';

/** Words shorter than this are never corrected: too many short words are one edit apart. */
export const MIN_CORRECTED_LENGTH = 4;
/** From this length two edits are allowed. */
export const TWO_EDITS_LENGTH = 8;

interface SpellingTables {
  /**
   * Surface words by the length of their plain form (diacritics stripped), with that form:
   * `Celeron` is one edit from `Céloron`'s plain `celoron`, two from `céloron` itself.
   */
  readonly byLength: Map<number, { word: string; plain: string }[]>;
  /** Initials of runs of capitalised words (`wwi` -> `world war i`), lower-cased. */
  readonly initials: Map<string, string>;
  /** Folded words the corpus writes with a capital inside a sentence: names. */
  readonly names: Set<string>;
}

const tablesByIndex = new WeakMap<SearchIndex, SpellingTables>();

/** Longest run of capitalised words read for abbreviations. */
const MAX_RUN = 8;

const CAPITALISED_RUN =
  /\b\p{Lu}[\p{L}’']*(?:\s+(?:of\s+|the\s+|and\s+|for\s+)?\p{Lu}[\p{L}’']*)+/gu;

/**
 * Builds an index's spelling tables now instead of on its first question: they scan every
 * passage (about 90 ms at 1,000 articles), which the first user asking would otherwise wait for.
 * Called when a story is built or loaded, like its views.
 */
export function prepareSpelling(index: SearchIndex): void {
  tables(index);
}

/** Whether an index's spelling tables are built (a story has them from the start). */
export function spellingPrepared(index: SearchIndex): boolean {
  return tablesByIndex.has(index);
}

function tables(index: SearchIndex): SpellingTables {
  const known = tablesByIndex.get(index);
  if (known) return known;
  const byLength = new Map<number, { word: string; plain: string }[]>();
  for (const word of index.surface) {
    const plain = stripDiacritics(word);
    if (plain.length < MIN_CORRECTED_LENGTH - 2 || /[^\p{L}]/u.test(word)) continue;
    const list = byLength.get(plain.length) ?? [];
    list.push({ word, plain });
    byLength.set(plain.length, list);
  }
  for (const list of byLength.values())
    list.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const initials = new Map<string, string>();
  const names = new Set<string>();
  for (const passage of index.passages) {
    for (const m of passage.text.matchAll(/(?<=[\p{L}\p{N},;:]\s+)\p{Lu}[\p{L}]+/gu))
      names.add(stripDiacritics(m[0].toLowerCase()));
    for (const match of passage.text.matchAll(CAPITALISED_RUN)) {
      // Every stretch of the run counts: `During World War I` also spells `World War I`.
      const parts = match[0].split(/\s+/).slice(0, MAX_RUN);
      for (let from = 0; from < parts.length; from++) {
        if (!/^\p{Lu}/u.test(parts[from] ?? '')) continue;
        for (let to = from + 2; to <= parts.length; to++) {
          const stretch = parts.slice(from, to);
          if (!/^\p{Lu}/u.test(stretch.at(-1) ?? '')) continue;
          const key = stretch
            .filter((p) => /^\p{Lu}/u.test(p))
            .map((p) => p[0])
            .join('')
            .toLowerCase();
          if (key.length >= 2 && !initials.has(key))
            initials.set(key, stretch.join(' ').toLowerCase());
        }
      }
    }
  }
  const result = { byLength, initials, names };
  tablesByIndex.set(index, result);
  return result;
}

/**
 * Damerau-Levenshtein distance (adjacent transpositions count one), or `max + 1` as soon as it
 * must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prevPrev[j - 2] ?? 0) + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** A correction: the corpus word meant, and how far the typed word is from it. */
export interface Correction {
  readonly word: string;
  /** Edits between the typed word and the corpus word: 0 for diacritics and abbreviations. */
  readonly edits: number;
}

/**
 * The corpus word (folded surface form) a word the corpus never uses most likely stands for,
 * or null. `typed` is the word as the user typed it: only a word typed in capitals is read as
 * an abbreviation, and a name (`name`: capitalised inside the question) is only read as a name
 * of the corpus one edit away (`Ghengis`), never as a common word (`Victoria` is no `victory`).
 *
 * @example
 * correctWord(index, 'ghengis', 'Ghengis', true) // { word: 'genghis', edits: 1 }
 */
export function correctWord(
  index: SearchIndex,
  word: string,
  typed: string,
  name = false,
): Correction | null {
  // Only whether it was typed as an abbreviation matters of how the word was typed.
  const abbreviation = /^\p{Lu}{2,6}$/u.test(typed);
  let memo = correctionsByIndex.get(index);
  if (!memo) {
    memo = new Map();
    correctionsByIndex.set(index, memo);
  }
  const key = `${abbreviation ? 'A' : 'a'}${name ? 'N' : 'n'}${word}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const found = findCorrection(index, word, abbreviation, name);
  if (memo.size >= MAX_REMEMBERED_CORRECTIONS) memo.clear();
  memo.set(key, found);
  return found;
}

/**
 * Corrections found so far, per index: routing asks a question of every story of a library, and
 * the words one story never uses (another story's names) are looked for again with every
 * question about them. Bounded: questions are anyone's input.
 */
const correctionsByIndex = new WeakMap<SearchIndex, Map<string, Correction | null>>();
const MAX_REMEMBERED_CORRECTIONS = 1000;

function findCorrection(
  index: SearchIndex,
  word: string,
  abbreviation: boolean,
  name: boolean,
): Correction | null {
  const plain = stripDiacritics(word);
  if (plain !== word && index.surface.has(plain)) return { word: plain, edits: 0 };
  const t = tables(index);
  if (abbreviation) {
    const spelled = t.initials.get(word);
    if (spelled) return { word: spelled, edits: 0 };
  }
  if (plain.length < MIN_CORRECTED_LENGTH) return null;
  const max = !name && plain.length >= TWO_EDITS_LENGTH ? 2 : 1;
  let best: { word: string; distance: number; df: number } | null = null;
  for (let length = plain.length - max; length <= plain.length + max; length++) {
    for (const other of t.byLength.get(length) ?? []) {
      // A correction keeps the first letter: `seige` -> `siege`, never `beige`.
      if (other.plain[0] !== plain[0]) continue;
      // Names are collected without their diacritics.
      if (name && !t.names.has(other.plain)) continue;
      const distance = editDistance(plain, other.plain, max);
      if (distance > max) continue;
      const df = index.documentFrequency.get(index.lexicon.term(other.word)) ?? 0;
      if (!best || distance < best.distance || (distance === best.distance && df > best.df))
        best = { word: other.word, distance, df };
    }
  }
  return best ? { word: best.word, edits: best.distance } : null;
}
