import { isEnglishWord } from '../people/english.ts';
import type { NameForms } from '../search/names.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { correctWord } from '../search/spelling.ts';
import { fold, words } from '../text/fold.ts';
import type { Lexicon } from '../text/lexicon.ts';

/** The kind of answer a question wants. */
export type AnswerKind =
  | 'why'
  | 'when'
  | 'where'
  | 'who'
  | 'how-many'
  | 'age'
  | 'yes-no'
  | 'title'
  | 'what';

/** One meaningful word of the question, with the index terms that may stand for it. */
export interface Concept {
  /** As typed (folded). */
  readonly word: string;
  /** Its index term. */
  readonly term: string;
  /** Related index terms from the lexicon or the name table, weighted lower. */
  readonly related: readonly string[];
  /**
   * Other index terms naming the same thing, counted as the word itself: another part of the
   * same person's name found in no other name (`west` for `kanye`), an alias, the words of a
   * spelled-out abbreviation. Also listed in `related`.
   */
  readonly forms: readonly string[];
  /** The word names a person or thing (capitalised, or a known name form). */
  readonly name: boolean;
  /** The corpus uses the word or one of its related terms (after correcting its spelling). */
  readonly known: boolean;
  /**
   * The corpus word the typed word was read as, when it differs: diacritics (`malmo` ->
   * `malmö`), an abbreviation spelled out, or a spelling one or two edits away.
   */
  readonly corrected: string | null;
  /** Edits between the typed word and `corrected` (0 for diacritics and abbreviations). */
  readonly edits: number;
}

/** What the question analyser learned from a question. */
export interface QuestionAnalysis {
  readonly kind: AnswerKind;
  /** The question asks for someone's words (`what did X say`, `how did X reply`). */
  readonly wantsQuote: boolean;
  /** `only`, `just`, `solely`: the question doubts a single explanation. */
  readonly restrictive: boolean;
  readonly concepts: readonly Concept[];
  /**
   * Index terms standing for the question's grammatical subject when it is a name:
   * `How did Legend answer Kanye's reply?` -> Legend's terms. Empty when there is none.
   */
  readonly subject: readonly string[];
  /**
   * The word the question is about when it names one: `capacity` in `What is the capacity of
   * the stadium?`. An answer must speak of it.
   */
  readonly focus: string | null;
  /** Capitalised words the corpus never uses (`Taylor Swift`, `Lakers`). */
  readonly unknownNames: readonly string[];
  /**
   * The index term of the noun that names the kind of answer, when the question has one:
   * `song` in `Which songs did they make?`, `citi` in `What city is it in?`. A passage naming
   * a thing of that kind (a quoted title, a place) holds it without repeating the word.
   */
  readonly answerNoun: string | null;
}

const KIND_RULES: readonly [AnswerKind, RegExp][] = [
  [
    'why',
    /^(why|how come)\b|\b(what|which) (was|is|were|are) the (reasons?|causes?)\b|\bwhat (caused|led to|made)\b|\breasons? (for|why|behind)\b/,
  ],
  ['age', /\bhow old\b|\bwhat age\b|\bwhat is (his|her|their) age\b/],
  ['how-many', /^how (many|much)\b|\bwhat (number|percentage|amount|share)\b/],
  ['when', /^when\b|\b(what|which) (year|date|month|day|time|decade)\b|^how long\b|\bsince when\b/],
  ['where', /^where\b|\b(what|which) (city|country|place|state|town|venue|location)\b/],
  [
    'who',
    /^(who|whose)\b|\bwhom\b|\b(which|what) (person|people|persons|group|organi[sz]ation|company|team|artist|singer|rapper|player|official|candidate|lawyer|leader|president|king|queen|emperor|ruler)\b/,
  ],
  [
    'title',
    /\b(which|what) (songs?|albums?|tracks?|singles?|films?|movies?|shows?|books?|records?|podcasts?|titles?)\b/,
  ],
  ['yes-no', /^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/],
];
/** The noun after `which`/`what` that names a kind of answer with a shape: a place or a title. */
const ANSWER_NOUN =
  /\b(?:which|what) (cit(?:y|ies)|countr(?:y|ies)|places?|states?|towns?|venues?|locations?|songs?|albums?|tracks?|singles?|films?|movies?|shows?|books?|records?|podcasts?|titles?)\b/;
const QUOTE_CUES =
  /\b(say|said|says|tell|told|reply|replied|respond|responded|answer|answered|write|wrote|text|message|tweet|tweeted|react|reacted|quote|words)\b/;
const RESTRICTIVE = /\b(only|just|solely|entirely|purely|simply|all about)\b/;

/**
 * What a question says whatever the corpus it is asked of: the kind of answer, its meaningful
 * words (each once, with its index term), which of them are capitalised, and the cues read from
 * its words alone.
 */
interface QuestionReading {
  readonly kind: AnswerKind;
  readonly capitalised: ReadonlySet<string>;
  /** Each word as typed, by its folded form. */
  readonly typedAs: ReadonlyMap<string, string>;
  readonly words: readonly { readonly word: string; readonly term: string }[];
  readonly subjectWord: string | undefined;
  readonly focusWord: string | undefined;
  /** The noun naming the kind of answer (`songs` in "Which songs ..."), see {@link ANSWER_NOUN}. */
  readonly answerWord: string | undefined;
  readonly wantsQuote: boolean;
  readonly restrictive: boolean;
}

/**
 * The last question read with each lexicon: routing asks one question of every story of a
 * library, which share a lexicon, and only the rest of the analysis depends on the story.
 */
const lastReading = new WeakMap<Lexicon, { question: string; reading: QuestionReading }>();

function readQuestion(question: string, lexicon: Lexicon): QuestionReading {
  const last = lastReading.get(lexicon);
  if (last?.question === question) return last.reading;
  const folded = fold(question);
  const kind = KIND_RULES.find(([, rule]) => rule.test(folded))?.[0] ?? 'what';
  const typed = question.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? [];
  // A capital that only opens the question (`Besides`, `Rather`, `Normally`) says nothing about
  // a name; an abbreviation in capitals (`WWI`) does.
  // The first word is a name when English does not know it (`Jacksonville began ...`).
  const capitalised = new Set(
    typed
      .filter(
        (w, i) =>
          /^\p{Lu}/u.test(w) &&
          (i > 0 || /^\p{Lu}[\p{Lu}\d]+$/u.test(w) || !isEnglishWord(w.replace(/['’]s$/, ''))),
      )
      .map((w) => fold(w).replace(/'s$/, '')),
  );
  const typedAs = new Map(typed.map((w) => [fold(w).replace(/'s$/, ''), w]));
  // `how long`, `how old`, `how many`: the adjective is part of the question word.
  // `what year`, `which century`: the noun names the kind of answer (a year, not the word
  // "year"), which the answering sentence states rather than repeats.
  const asked = folded
    .replace(/^how (long|many|much|often|far)\b/, 'how')
    .replace(
      /\b(what|which) (years?|dates?|months?|days?|decades?|century|centuries|era|period|time)\b/,
      '$1',
    );
  const meaningful: { word: string; term: string }[] = [];
  const seen = new Set<string>();
  for (const raw of lexicon.joinPhrases(words(asked))) {
    const word = raw.replace(/'s$/, '');
    if (lexicon.isStopWord(word) || seen.has(word)) continue;
    seen.add(word);
    meaningful.push({ word, term: lexicon.term(word) });
  }
  const reading = {
    kind,
    capitalised,
    typedAs,
    words: meaningful,
    subjectWord: /\b(?:did|does|do|is|was|has|had|will|would|can|could)\s+([\p{L}'’.]+)/u
      .exec(folded)?.[1]
      ?.replace(/'s$/, ''),
    focusWord:
      /^(?:what|which) (?:is|was|are|were) (?:the|a|an|his|her|their|its) ([\p{L}'’-]+)/u.exec(
        folded,
      )?.[1],
    answerWord: ANSWER_NOUN.exec(folded)?.[1],
    wantsQuote: QUOTE_CUES.test(folded),
    restrictive: RESTRICTIVE.test(folded),
  };
  lastReading.set(lexicon, { question, reading });
  return reading;
}

/**
 * Analyses a question: the kind of answer it wants and its meaningful words, each with the terms
 * that may stand for it in the corpus.
 *
 * @example
 * analyzeQuestion('How many votes did Kanye get?', index).kind // 'how-many'
 */
export function analyzeQuestion(question: string, index: SearchIndex): QuestionAnalysis {
  const { lexicon } = index;
  const read = readQuestion(question, lexicon);
  const {
    kind,
    capitalised,
    typedAs,
    subjectWord,
    focusWord,
    answerWord,
    wantsQuote,
    restrictive,
  } = read;
  const concepts: Concept[] = [];
  for (const { word, term: own } of read.words) {
    let term = own;
    let corrected: string | null = null;
    let edits = 0;
    if (!index.vocabulary.has(term) && !index.surface.has(word)) {
      const correction = correctWord(index, word, typedAs.get(word) ?? word, capitalised.has(word));
      corrected = correction?.word ?? null;
      edits = correction?.edits ?? 0;
      if (corrected) {
        // A spelled-out abbreviation stands for its words' terms; the first is the term.
        const parts = termsOfPhrase(corrected, index);
        term = parts[0] ?? term;
      }
    }
    const nameForms = namesWithForm(index, word);
    const isName = capitalised.has(word) || nameForms.length > 0;
    const related = new Set<string>(lexicon.expand(term));
    const forms = new Set<string>();
    for (const n of nameForms) {
      for (const form of n.forms) {
        for (const part of form.split(' ')) {
          if (part === word || lexicon.isStopWord(part)) continue;
          related.add(lexicon.term(part));
          // A part shared with another name (`john`) may be someone else.
          if (namesHolding(index, part) === 1) forms.add(lexicon.term(part));
        }
      }
    }
    if (corrected) for (const t of termsOfPhrase(corrected, index).slice(1)) forms.add(t);
    for (const f of forms) related.add(f);
    related.delete(term);
    forms.delete(term);
    const known =
      index.vocabulary.has(term) ||
      index.surface.has(word) ||
      [...related].some((t) => index.vocabulary.has(t));
    concepts.push({
      word,
      term,
      related: [...related],
      forms: [...forms],
      name: isName,
      known,
      corrected,
      edits,
    });
  }
  const unknownNames = concepts
    .filter((c) => c.name && capitalised.has(c.word) && !c.known)
    .map((c) => c.word);
  const subjectConcept = concepts.find((c) => c.name && c.word === subjectWord);
  return {
    kind,
    answerNoun: concepts.find((c) => c.word === answerWord)?.term ?? null,
    focus: concepts.find((c) => c.word === focusWord)?.word ?? null,
    subject: subjectConcept ? [subjectConcept.term, ...subjectConcept.related] : [],
    wantsQuote,
    restrictive,
    concepts,
    unknownNames,
  };
}

/** The index terms of a phrase's content words. */
function termsOfPhrase(phrase: string, index: SearchIndex): string[] {
  return words(phrase)
    .filter((w) => !index.lexicon.isStopWord(w))
    .map((w) => index.lexicon.term(w));
}

const holdersByIndex = new WeakMap<SearchIndex, Map<string, number>>();

/** Counts the words of the corpus's names and lists them by form now, not on the first question. */
export function prepareQuestions(index: SearchIndex): void {
  namesHolding(index, '');
  namesWithForm(index, '');
}

const byFormByIndex = new WeakMap<SearchIndex, Map<string, readonly NameForms[]>>();

/** The corpus's names with `form` among their forms, in the corpus's order. */
function namesWithForm(index: SearchIndex, form: string): readonly NameForms[] {
  let byForm = byFormByIndex.get(index);
  if (!byForm) {
    const lists = new Map<string, NameForms[]>();
    for (const n of index.names) {
      for (const f of new Set(n.forms)) {
        const list = lists.get(f);
        if (list) list.push(n);
        else lists.set(f, [n]);
      }
    }
    byForm = lists;
    byFormByIndex.set(index, byForm);
  }
  return byForm.get(form) ?? [];
}

/** How many of the corpus's names have `part` among their words. */
function namesHolding(index: SearchIndex, part: string): number {
  let holders = holdersByIndex.get(index);
  if (!holders) {
    holders = new Map();
    for (const n of index.names) {
      for (const p of new Set(n.forms.flatMap((f) => f.split(' '))))
        holders.set(p, (holders.get(p) ?? 0) + 1);
    }
    holdersByIndex.set(index, holders);
  }
  return holders.get(part) ?? 0;
}
