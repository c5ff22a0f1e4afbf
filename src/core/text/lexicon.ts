import { stemmer } from 'stemmer';
import { RiftError } from '../errors.ts';

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
}

/** A lexicon ready for use: term normalisation and expansion. */
export interface Lexicon {
  /** True for words that carry no meaning for search (`the`, `did`, `what`). */
  isStopWord(word: string): boolean;
  /** The index term of a folded word: base form, then Porter stem. `met` -> `meet`. */
  term(word: string): string;
  /** Index terms related to a term by a synonym group, without the term itself. */
  expand(term: string): readonly string[];
}

/**
 * Validates lexicon JSON and builds the lookups. Errors name the file and the field.
 *
 * @example
 * createLexicon({ stopWords: ['the'], forms: { met: 'meet' }, synonyms: [['feud', 'rift']] }).expand('feud') // ['rift']
 */
export function createLexicon(data: unknown, file = 'config/lexicon.json'): Lexicon {
  const valid = validate(data, file);
  const stop = new Set(valid.stopWords.map((w) => w.toLowerCase()));
  const forms = new Map(Object.entries(valid.forms).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]));
  const term = (word: string) => {
    const lower = word.toLowerCase().replace(/'s$/, '').replace(/'/g, '');
    return stemmer(forms.get(lower) ?? lower);
  };
  const related = new Map<string, Set<string>>();
  for (const group of valid.synonyms) {
    // A phrase in a group stands for its content words: "no longer" -> "longer".
    const terms = group.flatMap((entry) =>
      entry
        .toLowerCase()
        .split(/[\s-]+/)
        .filter((w) => w && !stop.has(w))
        .map(term),
    );
    for (const t of terms) {
      const set = related.get(t) ?? new Set<string>();
      for (const other of terms) if (other !== t) set.add(other);
      related.set(t, set);
    }
  }
  return {
    isStopWord: (word) => stop.has(word.toLowerCase()),
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
  if (typeof forms !== 'object' || forms === null || Array.isArray(forms) ||
      !Object.values(forms).every((v) => typeof v === 'string')) {
    fail('forms', 'an object mapping words to base forms');
  }
  const synonyms = record.synonyms ?? [];
  if (!Array.isArray(synonyms) ||
      !synonyms.every((g) => Array.isArray(g) && g.every((w) => typeof w === 'string'))) {
    fail('synonyms', 'an array of arrays of strings');
  }
  return { stopWords, forms, synonyms } as LexiconData;
}
