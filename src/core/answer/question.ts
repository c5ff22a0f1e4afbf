import type { SearchIndex } from '../search/search-index.ts';
import { fold, words } from '../text/fold.ts';

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
  /** The word names a person or thing (capitalised, or a known name form). */
  readonly name: boolean;
  /** The corpus uses the word or one of its related terms. */
  readonly known: boolean;
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
    /^(who|whom|whose)\b|\b(which|what) (person|people|artist|singer|rapper|player|official|candidate|lawyer)\b/,
  ],
  [
    'title',
    /\b(which|what) (songs?|albums?|tracks?|singles?|films?|movies?|shows?|books?|records?|podcasts?|titles?)\b/,
  ],
  ['yes-no', /^(is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b/],
];
const QUOTE_CUES =
  /\b(say|said|says|tell|told|reply|replied|respond|responded|answer|answered|write|wrote|text|message|tweet|tweeted|react|reacted|quote|words)\b/;
const RESTRICTIVE = /\b(only|just|solely|entirely|purely|simply|all about)\b/;
const QUESTION_OPENERS = new Set([
  'what',
  'why',
  'when',
  'where',
  'who',
  'whom',
  'whose',
  'which',
  'how',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'has',
  'have',
  'had',
  'can',
  'could',
  'will',
  'would',
  'should',
  'tell',
  'and',
  'so',
  'but',
]);

/**
 * Analyses a question: the kind of answer it wants and its meaningful words, each with the terms
 * that may stand for it in the corpus.
 *
 * @example
 * analyzeQuestion('How many votes did Kanye get?', index).kind // 'how-many'
 */
export function analyzeQuestion(question: string, index: SearchIndex): QuestionAnalysis {
  const folded = fold(question);
  const kind = KIND_RULES.find(([, rule]) => rule.test(folded))?.[0] ?? 'what';
  const { lexicon } = index;
  const typed = question.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? [];
  const capitalised = new Set(
    typed
      .filter((w, i) => /^\p{Lu}/u.test(w) && !(i === 0 && QUESTION_OPENERS.has(w.toLowerCase())))
      .map((w) => fold(w).replace(/'s$/, '')),
  );

  const concepts: Concept[] = [];
  const seen = new Set<string>();
  // `how long`, `how old`, `how many`: the adjective is part of the question word.
  const asked = folded.replace(/^how (long|many|much|often|far)\b/, 'how');
  for (const raw of lexicon.joinPhrases(words(asked))) {
    const word = raw.replace(/'s$/, '');
    if (lexicon.isStopWord(word) || seen.has(word)) continue;
    seen.add(word);
    const term = lexicon.term(word);
    const nameForms = index.names.filter((n) => n.forms.includes(word));
    const isName = capitalised.has(word) || nameForms.length > 0;
    const related = new Set<string>(lexicon.expand(term));
    for (const n of nameForms) {
      for (const form of n.forms) {
        for (const part of form.split(' '))
          if (part !== word && !lexicon.isStopWord(part)) related.add(lexicon.term(part));
      }
    }
    related.delete(term);
    const known =
      index.vocabulary.has(term) ||
      index.surface.has(word) ||
      [...related].some((t) => index.vocabulary.has(t));
    concepts.push({ word, term, related: [...related], name: isName, known });
  }
  const unknownNames = concepts
    .filter(
      (c) =>
        c.name &&
        capitalised.has(c.word) &&
        !index.surface.has(c.word) &&
        !index.vocabulary.has(c.term),
    )
    .map((c) => c.word);
  const subjectWord = /\b(?:did|does|do|is|was|has|had|will|would|can|could)\s+([\p{L}'’.]+)/u
    .exec(folded)?.[1]
    ?.replace(/'s$/, '');
  const subjectConcept = concepts.find((c) => c.name && c.word === subjectWord);
  const focusWord =
    /^(?:what|which) (?:is|was|are|were) (?:the|a|an|his|her|their|its) ([\p{L}'’-]+)/u.exec(
      folded,
    )?.[1];
  return {
    kind,
    focus: concepts.find((c) => c.word === focusWord)?.word ?? null,
    subject: subjectConcept ? [subjectConcept.term, ...subjectConcept.related] : [],
    wantsQuote: QUOTE_CUES.test(folded),
    restrictive: RESTRICTIVE.test(folded),
    concepts,
    unknownNames,
  };
}
