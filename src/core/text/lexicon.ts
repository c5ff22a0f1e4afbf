import { stemmer } from 'stemmer';
import { RiftError } from '../errors.ts';
import type { WordVectors } from './vectors.ts';

/** Removes combining marks (`malmö` -> `malmo`); ASCII is returned as it is. */
export function stripDiacritics(word: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  return /^[\u0000-\u007f]*$/.test(word) ? word : word.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * General-English vocabulary knowledge, loaded from `config/lexicon.json`: stop words, irregular
 * word forms and synonym groups used for query expansion. Nothing in it is about one story.
 */
export interface LexiconData {
  readonly stopWords: readonly string[];
  /** Irregular forms to their base form: `met` -> `meet`, `wives` -> `wife`. */
  readonly forms: Readonly<Record<string, string>>;
  /** Groups of interchangeable words or phrases: `["feud", "rift", "fallout", ...]`. */
  readonly synonyms: readonly (readonly string[])[];
  /**
   * Verbs of being somewhere (`live`, `stay`, `move`): in a "where" question, a passage that
   * names a place answers them without repeating the verb (`He's up in Wyoming`).
   */
  readonly locative: readonly string[];
  /** Multi-word expressions read as one word: `fall out` -> `fallout`, `no longer` -> `nolonger`. */
  readonly phrases: Readonly<Record<string, string>>;
}

/** Bound on the stemming cache, so hostile input cannot grow it without limit. */
const MAX_CACHED_TERMS = 500_000;

/** A lexicon ready for use: term normalisation and expansion. */
export interface Lexicon {
  /** True for words that carry no meaning for search (`the`, `did`, `what`). */
  isStopWord(word: string): boolean;
  /** The index term of a folded word: base form, then Porter stem. `met` -> `meet`. */
  term(word: string): string;
  /** Index terms related to a term by a synonym group, without the term itself. */
  expand(term: string): readonly string[];
  /** True for the index term of a locative verb. */
  isLocative(term: string): boolean;
  /** Joins multi-word expressions in a list of folded words: `fell`, `out` -> `fallout`. */
  joinPhrases(words: readonly string[]): string[];
  /** Word vectors for paraphrase, when they are available (loaded on first use). */
  readonly vectors: WordVectors | null;
}

/**
 * Validates lexicon JSON and builds the lookups. Errors name the file and the field.
 *
 * @example
 * createLexicon({ stopWords: ['the'], forms: { met: 'meet' }, synonyms: [['feud', 'rift']] }).expand('feud') // ['rift']
 */
export function createLexicon(
  data: unknown,
  file = 'config/lexicon.json',
  vectors: WordVectors | null | (() => WordVectors | null) = null,
): Lexicon {
  // A loader defers reading the table until something answers with this lexicon: a process that
  // only hands the story to its workers never pays for it.
  let table = typeof vectors === 'function' ? undefined : vectors;
  const load = typeof vectors === 'function' ? vectors : () => null;
  const valid = validate(data, file);
  const stop = new Set(valid.stopWords.map((w) => w.toLowerCase()));
  const forms = new Map(
    Object.entries(valid.forms).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
  );
  // A corpus repeats a small vocabulary millions of times: stem each word once.
  const terms = new Map<string, string>();
  const term = (word: string) => {
    const known = terms.get(word);
    if (known !== undefined) return known;
    // Diacritics do not tell words apart for search: `Malmö` and `Malmo` are one term.
    const lower = stripDiacritics(word.toLowerCase().replace(/'s$/, '').replace(/'/g, ''));
    const result = stemmer(forms.get(lower) ?? lower);
    if (terms.size < MAX_CACHED_TERMS) terms.set(word, result);
    return result;
  };
  const phrases = new Map(
    Object.entries(valid.phrases).map(([k, v]) => [
      k.toLowerCase().split(/\s+/).join(' '),
      v.toLowerCase(),
    ]),
  );
  const longest = Math.max(1, ...[...phrases.keys()].map((k) => k.split(' ').length));
  const starts = new Set([...phrases.keys()].map((k) => k.split(' ')[0] as string));
  const joinPhrases = (list: readonly string[]) => {
    if (phrases.size === 0) return [...list];
    const out: string[] = [];
    for (let i = 0; i < list.length; i++) {
      let joined = false;
      // Most words start no phrase: skip the lookups for them.
      if (!starts.has(list[i] as string)) {
        out.push(list[i] as string);
        continue;
      }
      for (let n = Math.min(longest, list.length - i); n >= 2 && !joined; n--) {
        const phrase = phrases.get(list.slice(i, i + n).join(' '));
        if (phrase) {
          out.push(phrase);
          i += n - 1;
          joined = true;
        }
      }
      if (!joined) out.push(list[i] as string);
    }
    return out;
  };
  const related = new Map<string, Set<string>>();
  for (const group of valid.synonyms) {
    // A phrase in a group stands for its content words: "no longer" -> "longer".
    const terms = group.flatMap((entry) =>
      joinPhrases(entry.toLowerCase().split(/[\s-]+/))
        .filter((w) => w && !stop.has(w))
        .map(term),
    );
    for (const t of terms) {
      const set = related.get(t) ?? new Set<string>();
      for (const other of terms) if (other !== t) set.add(other);
      related.set(t, set);
    }
  }
  const locative = new Set(valid.locative.map(term));
  return {
    get vectors() {
      if (table === undefined) table = load();
      return table;
    },
    joinPhrases,
    isLocative: (t) => locative.has(t),
    isStopWord: (word) => stop.has(word) || stop.has(word.toLowerCase()),
    term,
    expand: (t) => [...(related.get(t) ?? [])],
  };
}

function validate(data: unknown, file: string): LexiconData {
  const fail = (field: string, want: string): never => {
    throw new RiftError('CONFIG_INVALID', `${file}: "${field}" must be ${want}.`);
  };
  if (typeof data !== 'object' || data === null) return fail('(root)', 'an object');
  const record = data as Record<string, unknown>;
  const stopWords = record.stopWords ?? [];
  if (!Array.isArray(stopWords) || !stopWords.every((w) => typeof w === 'string')) {
    fail('stopWords', 'an array of strings');
  }
  const forms = record.forms ?? {};
  if (
    typeof forms !== 'object' ||
    forms === null ||
    Array.isArray(forms) ||
    !Object.values(forms).every((v) => typeof v === 'string')
  ) {
    fail('forms', 'an object mapping words to base forms');
  }
  const synonyms = record.synonyms ?? [];
  if (
    !Array.isArray(synonyms) ||
    !synonyms.every((g) => Array.isArray(g) && g.every((w) => typeof w === 'string'))
  ) {
    fail('synonyms', 'an array of arrays of strings');
  }
  const phrases = record.phrases ?? {};
  if (
    typeof phrases !== 'object' ||
    phrases === null ||
    Array.isArray(phrases) ||
    !Object.values(phrases).every((v) => typeof v === 'string')
  ) {
    fail('phrases', 'an object mapping phrases to one word');
  }
  const locative = record.locative ?? [];
  if (!Array.isArray(locative) || !locative.every((w) => typeof w === 'string')) {
    fail('locative', 'an array of strings');
  }
  return { stopWords, forms, synonyms, phrases, locative } as LexiconData;
}
