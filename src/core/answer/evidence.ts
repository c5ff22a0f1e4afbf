/**
 * The evidence a passage gives for a question, as a vector of named features, each in a small
 * range. Ranking is a weighted sum of them with weights fitted on development data
 * (`npm run fit`, `test/eval/fit-answer.ts`); nothing here knows a story.
 */
import type { SearchIndex } from '../search/search-index.ts';
import { SUPPORT_SATURATION } from '../search/search-index.ts';
import { fold, words } from '../text/fold.ts';
import { cosine } from '../text/vectors.ts';
import type { AnswerKind, QuestionAnalysis } from './question.ts';
import { type ShapeWords, shapesOf, shapeWords } from './shapes.ts';

/** BM25 parameters of the lexical base (the textbook ones). */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

const KINDS: readonly AnswerKind[] = [
  'why',
  'when',
  'where',
  'who',
  'how-many',
  'age',
  'yes-no',
  'title',
  'what',
];
const SHAPES = ['date', 'number', 'name', 'place', 'title', 'person'] as const;

/** Every ranking feature, in the order of the vectors. */
export const RANK_FEATURES = [
  /** BM25 of the passage's words, relative to the best candidate's. */
  'bm25',
  /** idf-weighted share of the question's terms the passage holds. */
  'coverage',
  /** Share found only through a related term (lexicon synonym, another part of a name). */
  'related',
  /** Share found only in the sentences just before (who "he" is, what "it" is). */
  'before',
  /** Share found only in the sentence just after. */
  'after',
  /** Share of the question the passage's whole paragraph holds. */
  'paragraph',
  /** The paragraph's share relative to the best candidate paragraph's (1 for the best). */
  'paragraphBest',
  /** Share matched only by a word of the same family (`conquest` for `conquering`). */
  'family',
  /** Share matched only by a word of close meaning, by word vectors (`aired` for `broadcast`). */
  'similar',
  /** Cosine of the question's and the passage's meaning (idf-weighted word vectors). */
  'meaning',
  /** The same for the passage's whole paragraph. */
  'paragraphMeaning',
  /** Each question word's closest word in the passage (cosine), idf-weighted. */
  'alignment',
  /** The matched terms stand close together. */
  'proximity',
  /** Share of the question's word pairs the passage repeats in order. */
  'phrase',
  /** The passage says more than the question (log of its new terms). */
  'novelty',
  /** Log of the passage's length in terms. */
  'length',
  /** An article's headline. */
  'headline',
  /** Outlets repeating the passage (news). */
  'support',
  /** Someone's words, when words are asked for (news). */
  'quote',
  /** A qualified cause, for "was it only ..." questions (news). */
  'qualifier',
  /** A causal cue, for "why". */
  'cause',
  /** A quotation by someone the question names (news: their own account). */
  'speakerNamed',
  /** For "why": a causal statement many outlets repeat (news: the story's reason). */
  'reportedCause',
  /**
   * The question's named subject is the first person the passage's own (unquoted) words name:
   * the sentence is about what the subject did (`Legend was open about his support of ...`).
   */
  'subjectActs',
  /** Someone else is the first person the passage's own words name: another's deed or words. */
  'otherActs',
  /** The passage has the shape the question's kind wants (a date for "when", a title for "which song"), pooled over kinds. */
  'shapeWanted',
  /**
   * "How did X answer Y?": the passage is the subject's words and the sentence before it is
   * another person's, holding the question's other words (news: the reply to a reply).
   */
  'replyFollows',
  // Answer shapes outside the question's words, by question kind, weighted by topic.
  ...KINDS.flatMap((kind) => SHAPES.map((shape) => `${kind}:${shape}` as const)),
] as const;

/** The name of a ranking feature. */
export type RankFeature = (typeof RANK_FEATURES)[number];

const FEATURE_INDEX = new Map<string, number>(RANK_FEATURES.map((f, i) => [f, i]));

/** The position of a feature in the vectors. */
export function featureIndex(name: RankFeature): number {
  return FEATURE_INDEX.get(name) ?? -1;
}

/** One term of the question, with its weight. */
export interface WeightedTerm {
  readonly term: string;
  /** Terms counted as this one (another part of the same name, an alias). */
  readonly forms: readonly string[];
  readonly related: readonly string[];
  readonly idf: number;
}

/** Per-index figures the features need, computed once per index. */
interface IndexStats {
  readonly averageLength: number;
  /** For each passage, the paragraph it belongs to (a dense id across articles). */
  readonly paragraphOf: Uint32Array;
  /** For each paragraph, the index terms of all its sentences. */
  readonly paragraphTerms: readonly ReadonlySet<string>[];
}

const statsByIndex = new WeakMap<SearchIndex, IndexStats>();

/**
 * Builds the per-index tables the features read (paragraphs and their terms, the words of
 * people's names) now, not on the first question. Part of {@link prepareAnswers}.
 */
export function prepareEvidence(index: SearchIndex): void {
  stats(index);
  personTerms(index);
}

function stats(index: SearchIndex): IndexStats {
  let s = statsByIndex.get(index);
  if (!s) {
    let total = 0;
    for (const t of index.terms) total += t.size;
    const paragraphOf = new Uint32Array(index.passages.length);
    const paragraphTerms: Set<string>[] = [];
    let last = '';
    index.passages.forEach((p, i) => {
      const key = `${p.article}:${index.articles[p.article]?.sentences[p.sentence]?.paragraph ?? p.sentence}`;
      if (key !== last || paragraphTerms.length === 0) paragraphTerms.push(new Set());
      last = key;
      paragraphOf[i] = paragraphTerms.length - 1;
      const own = paragraphTerms[paragraphTerms.length - 1] as Set<string>;
      for (const t of index.terms[i] ?? []) own.add(t);
    });
    s = { averageLength: total / Math.max(1, index.terms.length), paragraphOf, paragraphTerms };
    statsByIndex.set(index, s);
  }
  return s;
}

/** The paragraph a passage belongs to: a dense id across the corpus's articles. */
export function paragraphOf(index: SearchIndex, passage: number): number {
  return stats(index).paragraphOf[passage] ?? 0;
}

/** idf as BM25 has it (Lucene's form, never negative). */
export function bm25Idf(index: SearchIndex, term: string): number {
  const n = index.passages.length;
  const df = index.documentFrequency.get(term) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The question's known terms, each weighted by its idf. */
export function weightedTerms(index: SearchIndex, analysis: QuestionAnalysis): WeightedTerm[] {
  return analysis.concepts
    .filter((c) => c.known)
    .map((c) => ({
      term: c.term,
      forms: c.forms.filter((r) => index.documentFrequency.has(r)),
      related: c.related.filter((r) => index.documentFrequency.has(r)),
      idf: bm25Idf(index, c.term),
    }));
}

/** BM25 of one passage for the question's terms (each passage holds a term once: a sentence). */
export function bm25Score(
  index: SearchIndex,
  passage: number,
  terms: readonly WeightedTerm[],
  alsoHeld: (term: string) => boolean = () => false,
): number {
  const own = index.terms[passage];
  if (!own) return 0;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * own.size) / stats(index).averageLength);
  let score = 0;
  for (const t of terms) {
    if (own.has(t.term) || t.forms.some((f) => own.has(f)) || alsoHeld(t.term))
      score += (t.idf * (BM25_K1 + 1)) / (1 + norm);
  }
  return score;
}

/** A passage that answers no question term without saying it. */
const NOTHING_ANSWERED = (_term: string): boolean => false;

/**
 * The question's terms a passage answers without repeating them, counted as held in coverage
 * and in BM25 alike: a "where" question's verb of being somewhere when the passage names a
 * place (`He's up in Wyoming` for `Where does he live?`), and the noun naming the kind of
 * answer when the passage has that shape (a quoted title for `Which songs ...?`, a place for
 * `What city ...?`).
 */
function answeredFor(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  asked: ReadonlySet<string>,
  passage: number,
): (term: string) => boolean {
  const placed = analysis.kind === 'where' && index.features[passage]?.place === true;
  const noun = analysis.answerNoun;
  const wanted = WANTED_SHAPE[analysis.kind];
  let typed = false;
  if (noun && (wanted === 'place' || wanted === 'title')) {
    const shapes = shapesOf(passageShapes(index, passage), (word) =>
      asked.has(index.lexicon.term(word)),
    );
    typed = shapes[wanted];
  }
  if (!placed && !typed) return NOTHING_ANSWERED;
  return (term) => (placed && index.lexicon.isLocative(term)) || (typed && term === noun);
}

/** True when the question has terms a passage may answer without repeating them. */
function answersUnsaid(analysis: QuestionAnalysis): boolean {
  return analysis.kind === 'where' || analysis.answerNoun !== null;
}

/** True when `id - back` (or `id + ahead`) is in the same article as `id`. */
function neighbour(index: SearchIndex, id: number, offset: number): number | null {
  const here = index.passages[id];
  const there = index.passages[id + offset];
  return here && there && there.article === here.article ? id + offset : null;
}

/** Share of the question a passage and its neighbours must hold to be fully on its topic. */
export const ON_TOPIC = 0.5;

/** How many sentences before a passage count as its context. */
export const BEFORE_SENTENCES = 2;

/** What the features of one candidate are measured against: the best of its group. */
interface GroupContext {
  /** The question's meaning vector (idf-weighted word vectors), or null without vectors. */
  readonly meaning: Float64Array | null;
  /** The best candidate's BM25. */
  readonly bestBm25: number;
  /** The best share of the question held by a candidate's paragraph. */
  readonly bestParagraph: number;
  /**
   * How close in meaning a question word is to a passage word, by the word's id in the
   * passages' vocabulary (`PassageReading.vectorIds`; 0 without vectors), remembered for the
   * question: the same passage words come back in many candidates.
   */
  readonly nearness: (asked: string) => (id: number) => number;
  /** The question's weight: the sum of its terms' idf (1 when none has any). */
  readonly total: number;
  /** The question's terms and their forms: the words a passage holds of it. */
  readonly asked: ReadonlySet<string>;
  /** The question word each term stands for (its vectors are the word's). */
  readonly wordOf: ReadonlyMap<string, string>;
  /**
   * What a speaker's words are for the question (see `speakerFit`), remembered for it: the same
   * speakers come back in many candidates.
   */
  readonly bySpeaker: Map<string, SpeakerFit>;
}

/** What a speaker is for a question (see `GroupContext.bySpeaker`). */
interface SpeakerFit {
  /** The question names the speaker. */
  readonly named: boolean;
  /** The speaker is the question's subject. */
  readonly subject: boolean;
  /** `quoteScore` of the speaker's quotations. */
  readonly quote: number;
}

/**
 * Share (idf-weighted) of the question's terms found anywhere in a passage's paragraph; the
 * terms the passage answers without saying them (`answered`) count as found.
 */
function paragraphShare(
  index: SearchIndex,
  terms: readonly WeightedTerm[],
  passage: number,
  answered: (term: string) => boolean = () => false,
): number {
  const s = stats(index);
  const held = s.paragraphTerms[s.paragraphOf[passage] ?? 0];
  if (!held) return 0;
  let total = 0;
  let found = 0;
  for (const t of terms) {
    total += t.idf;
    if (held.has(t.term) || t.forms.some((f) => held.has(f)) || answered(t.term)) found += t.idf;
  }
  return total > 0 ? found / total : 0;
}

/**
 * The feature vectors of a question's candidates, best BM25 first as proposed: the group's
 * best BM25 and best paragraph are what the relative features are measured against.
 *
 * With `weighed`, only the first that many candidates get a vector; the group is still all of
 * them, so each vector is the one the whole group gives that candidate (no feature of one
 * candidate reads another's vector).
 */
export function candidateEvidence(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  terms: readonly WeightedTerm[],
  proposed: readonly { readonly passage: number; readonly bm25: number }[],
  weighed: number = proposed.length,
): Float64Array[] {
  let bestBm25 = 0;
  let bestParagraph = 0;
  const asked = new Set(terms.flatMap((t) => [t.term, ...t.forms]));
  const unsaid = answersUnsaid(analysis);
  const answered = proposed.map((c) =>
    unsaid ? answeredFor(index, analysis, asked, c.passage) : NOTHING_ANSWERED,
  );
  const candidates = unsaid
    ? proposed.map((c, i) => ({
        passage: c.passage,
        bm25: bm25Score(index, c.passage, terms, answered[i]),
      }))
    : proposed;
  const paragraphs = candidates.map((c, i) => paragraphShare(index, terms, c.passage, answered[i]));
  for (const [i, c] of candidates.entries()) {
    bestBm25 = Math.max(bestBm25, c.bm25);
    bestParagraph = Math.max(bestParagraph, paragraphs[i] as number);
  }
  const evaluated = candidates.slice(0, weighed);
  // Every weighed candidate's words are read first, so the vocabulary is complete for this
  // question.
  for (const c of evaluated) reading(index, c.passage);
  const vocabulary = vocabularyOf(index);
  const vectors = index.lexicon.vectors;
  const byWord = new Map<string, (id: number) => number>();
  const nearness = (asked: string) => {
    let near = byWord.get(asked);
    if (!near) {
      const row = vectors?.row(asked) ?? -1;
      const seen = new Float64Array(vocabulary.rows.length).fill(Number.NaN);
      near = (id) => {
        if (!vectors || row < 0) return 0;
        let s = seen[id] as number;
        if (Number.isNaN(s)) {
          s = vectors.rowSimilarity(row, vocabulary.rows[id] as number);
          seen[id] = s;
        }
        return s;
      };
      byWord.set(asked, near);
    }
    return near;
  };
  const context: GroupContext = {
    bestBm25,
    bestParagraph,
    meaning: questionMeaning(index, analysis, terms),
    nearness,
    total: terms.reduce((a, t) => a + t.idf, 0) || 1,
    asked,
    wordOf: new Map(
      terms.map((t) => [t.term, analysis.concepts.find((c) => c.term === t.term)?.word ?? t.term]),
    ),
    bySpeaker: new Map(),
  };
  return evaluated.map((c, i) =>
    passageEvidence(
      index,
      analysis,
      terms,
      c,
      paragraphs[i] as number,
      answered[i] ?? NOTHING_ANSWERED,
      context,
    ),
  );
}

/** Cosine below which two words are not taken for paraphrases. */
const SIMILAR_FLOOR = 0.5;

/** The question's meaning: its words' vectors weighted by idf. */
function questionMeaning(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  terms: readonly WeightedTerm[],
): Float64Array | null {
  const vectors = index.lexicon.vectors;
  if (!vectors) return null;
  const v = new Float64Array(vectors.dimensions);
  const unseen = bm25Idf(index, '\u0000');
  for (const c of analysis.concepts) {
    const idf = terms.find((t) => t.term === c.term)?.idf ?? unseen;
    vectors.accumulate(c.word, idf, v);
  }
  return v;
}

const meaningByIndex = new WeakMap<SearchIndex, (Float64Array | null)[]>();

const paragraphMeaningByIndex = new WeakMap<SearchIndex, Map<number, Float64Array>>();

/** The per-index map `store` keeps for an index, made on first use. */
function mapFor<V>(
  store: WeakMap<SearchIndex, Map<number, V>>,
  index: SearchIndex,
): Map<number, V> {
  let map = store.get(index);
  if (!map) {
    map = new Map();
    store.set(index, map);
  }
  return map;
}

/** A paragraph's meaning: the sum of its passages' meanings, computed once. */
function paragraphMeaning(index: SearchIndex, passage: number): Float64Array | null {
  const vectors = index.lexicon.vectors;
  if (!vectors) return null;
  const cache = mapFor(paragraphMeaningByIndex, index);
  const paragraph = paragraphOf(index, passage);
  const known = cache.get(paragraph);
  if (known) return known;
  const v = new Float64Array(vectors.dimensions);
  for (let p = passage; p >= 0 && paragraphOf(index, p) === paragraph; p--)
    add(v, passageMeaning(index, p));
  for (let p = passage + 1; p < index.passages.length && paragraphOf(index, p) === paragraph; p++)
    add(v, passageMeaning(index, p));
  cache.set(paragraph, v);
  return v;
}

function add(into: Float64Array, v: Float64Array | null): void {
  if (v) for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + (v[i] as number);
}

/**
 * A passage's meaning: its content words' vectors weighted by idf, computed once (from
 * `textWords`, the words of its text, when the caller has them).
 */
function passageMeaning(
  index: SearchIndex,
  passage: number,
  textWords?: readonly string[],
): Float64Array | null {
  const vectors = index.lexicon.vectors;
  if (!vectors) return null;
  let cache = meaningByIndex.get(index);
  if (!cache) {
    cache = new Array(index.passages.length).fill(null);
    meaningByIndex.set(index, cache);
  }
  const known = cache[passage];
  if (known) return known;
  const v = new Float64Array(vectors.dimensions);
  for (const w of textWords ?? words(index.passages[passage]?.text ?? '')) {
    if (index.lexicon.isStopWord(w)) continue;
    vectors.accumulate(w, bm25Idf(index, index.lexicon.term(w)), v);
  }
  cache[passage] = v;
  return v;
}

/**
 * The distinct content words of the passages read so far that have a word vector, each with
 * an id (its position) and its row in the table: the features compare question words with
 * passage words by id, without looking words up again.
 */
interface Vocabulary {
  readonly ids: Map<string, number>;
  /** Word-vector row of each id. */
  readonly rows: number[];
}

const vocabularyByIndex = new WeakMap<SearchIndex, Vocabulary>();

function vocabularyOf(index: SearchIndex): Vocabulary {
  let v = vocabularyByIndex.get(index);
  if (!v) {
    v = { ids: new Map(), rows: [] };
    vocabularyByIndex.set(index, v);
  }
  return v;
}

/** What a passage's words give the features, read once per passage rather than per question. */
interface PassageReading {
  /** Vocabulary ids of the passage's distinct content words that have a word vector. */
  readonly vectorIds: Int32Array;
  /** Terms of the displayed text's content words, in order. */
  readonly terms: readonly string[];
  readonly shapes: ShapeWords;
  /**
   * The first `FAMILY_PREFIX` letters of the passage's index terms that long, for families:
   * see {@link familiesOf} (made when first asked; most questions match every word directly).
   */
  families: ReadonlySet<string> | null;
  /** The passage's own words: see {@link ownWords} (made when first asked). */
  own: readonly OwnWord[] | null;
}

/** One of a passage's own words outside quotation marks (see {@link ownWords}). */
interface OwnWord {
  readonly word: string;
  readonly term: string;
  readonly capital: boolean;
}

const readingsByIndex = new WeakMap<SearchIndex, Map<number, PassageReading>>();
const shapesByIndex = new WeakMap<SearchIndex, Map<number, ShapeWords>>();

/**
 * A passage's shape-bearing words, made once: read apart from the rest of its reading, since
 * finding which question terms a passage answers unsaid (`answeredFor`) looks at every proposed
 * candidate's shapes, and routing weighs only the first candidates' other evidence.
 */
function passageShapes(index: SearchIndex, passage: number): ShapeWords {
  const cache = mapFor(shapesByIndex, index);
  let shapes = cache.get(passage);
  if (!shapes) {
    shapes = shapeWords(index.passages[passage]?.displayText ?? '');
    cache.set(passage, shapes);
  }
  return shapes;
}

/**
 * What the features read of a passage's words, made the first time a question weighs it. Most
 * of a ranking's cost the first time: the passage's words are read once here for all of it
 * (vectors, terms and, with word vectors, its meaning), and what only some questions need
 * (word families, the words outside quotations) waits until one asks.
 */
function reading(index: SearchIndex, passage: number): PassageReading {
  const cache = mapFor(readingsByIndex, index);
  const known = cache.get(passage);
  if (known) return known;
  const p = index.passages[passage];
  const { lexicon } = index;
  const text = p?.text ?? '';
  const textWords = words(text);
  const content = [...new Set(textWords)].filter((w) => !lexicon.isStopWord(w));
  const vocabulary = vocabularyOf(index);
  const vectorIds: number[] = [];
  for (const w of content) {
    let id = vocabulary.ids.get(w);
    if (id === undefined) {
      const row = lexicon.vectors?.row(w) ?? -1;
      if (row < 0) continue;
      id = vocabulary.rows.length;
      vocabulary.ids.set(w, id);
      vocabulary.rows.push(row);
    }
    vectorIds.push(id);
  }
  // Every candidate's meaning is read too: from the same words.
  passageMeaning(index, passage, textWords);
  const display = p?.displayText ?? '';
  const terms = (display === text ? textWords : words(display))
    .filter((w) => !lexicon.isStopWord(w))
    .map((w) => lexicon.term(w));
  const read: PassageReading = {
    vectorIds: Int32Array.from(vectorIds),
    terms,
    shapes: passageShapes(index, passage),
    families: null,
    own: null,
  };
  cache.set(passage, read);
  return read;
}

/** The first `FAMILY_PREFIX` letters of a passage's index terms that long, made once. */
function familiesOf(
  index: SearchIndex,
  passage: number,
  read: PassageReading,
): ReadonlySet<string> {
  if (!read.families) {
    const families = new Set<string>();
    for (const t of index.terms[passage] ?? [])
      if (t.length >= FAMILY_PREFIX) families.add(t.slice(0, FAMILY_PREFIX));
    read.families = families;
  }
  return read.families;
}

/**
 * The passage's own words outside quotation marks, in order, as index terms (possessives left
 * out: `Bell's demand` is not Bell acting), each with whether it is capitalised; made once.
 */
function ownWords(index: SearchIndex, passage: number, read: PassageReading): readonly OwnWord[] {
  if (!read.own) {
    const { lexicon } = index;
    const unquoted = (index.passages[passage]?.displayText ?? '').replace(/["“][^"“”]*["”]?/g, ' ');
    const raw = (unquoted.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? []).filter(
      (w) => !/['’]s$/u.test(w),
    );
    read.own = raw
      .map((w) => fold(w))
      .map((w, i) => ({
        word: w,
        term: lexicon.term(w),
        capital: /^\p{Lu}/u.test(raw[i] ?? ''),
      }));
  }
  return read.own;
}

/** Shortest common beginning of two stems for them to count as one family of words. */
const FAMILY_PREFIX = 5;

/** True when a stem shares its first `FAMILY_PREFIX` letters with one of the passage's (`conquer`, `conquest`). */
function inFamily(families: ReadonlySet<string>, term: string): boolean {
  return term.length >= FAMILY_PREFIX && families.has(term.slice(0, FAMILY_PREFIX));
}

/** The feature vector of one passage for a question, within its group of candidates. */
function passageEvidence(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  terms: readonly WeightedTerm[],
  candidate: { readonly passage: number; readonly bm25: number },
  /** The share of the question the passage's paragraph holds. */
  paragraph: number,
  /** The question terms the passage answers without saying them (see `answeredFor`). */
  answered: (term: string) => boolean,
  context: GroupContext,
): Float64Array {
  const { passage, bm25 } = candidate;
  const { bestBm25 } = context;
  const v = new Float64Array(RANK_FEATURES.length);
  const p = index.passages[passage];
  const own = index.terms[passage];
  if (!p || !own) return v;
  const read = reading(index, passage);
  const { total, asked } = context;
  let covered = 0;
  let related = 0;
  let before = 0;
  let after = 0;
  let family = 0;
  let similar = 0;
  // Per question term: the passage holds it (or a form of it), or holds a related term.
  const held = new Uint8Array(terms.length);
  const relatedHeld = new Uint8Array(terms.length);
  // In a "where" question, a passage naming a place answers a verb of being somewhere
  // without repeating it: `He's up in Wyoming` for `Where does he live?`.
  terms.forEach((t, k) => {
    if (own.has(t.term) || t.forms.some((f) => own.has(f))) held[k] = 1;
    else if (t.related.some((r) => own.has(r))) relatedHeld[k] = 1;
    if (held[k] || answered(t.term)) covered += t.idf;
    else if (relatedHeld[k]) related += t.idf;
    else if (inFamily(familiesOf(index, passage, read), t.term)) family += t.idf;
    else if (heldAround(index, passage, BACKWARDS, t.term)) before += t.idf;
    else if (heldAround(index, passage, AHEAD, t.term)) after += t.idf;
  });
  const coverage = covered / total;
  // How much of the question the passage and its neighbours speak of: what the answer-shape,
  // agreement and attribution signals are weighted by, so they only count on the topic.
  const topic = Math.min(1, (covered + related + before + after) / total / ON_TOPIC);
  v[AT.bm25] = bestBm25 > 0 ? bm25 / bestBm25 : 0;
  v[AT.coverage] = coverage;
  v[AT.related] = related / total;
  v[AT.before] = before / total;
  v[AT.after] = after / total;
  v[AT.family] = family / total;
  const vectors = index.lexicon.vectors;
  // Each question word not in the passage, against its closest passage word in meaning.
  const closest = new Float64Array(terms.length);
  if (vectors) {
    terms.forEach((t, k) => {
      if (held[k]) return;
      const near = context.nearness(context.wordOf.get(t.term) ?? t.term);
      let best = 0;
      for (const id of read.vectorIds) best = Math.max(best, near(id));
      closest[k] = best;
    });
  }
  terms.forEach((t, k) => {
    if (held[k] || relatedHeld[k]) return;
    const best = closest[k] as number;
    if (best >= SIMILAR_FLOOR) similar += t.idf * ((best - SIMILAR_FLOOR) / (1 - SIMILAR_FLOOR));
  });
  v[AT.similar] = similar / total;
  const meaning = passageMeaning(index, passage);
  v[AT.meaning] = context.meaning && meaning ? cosine(context.meaning, meaning) : 0;
  const whole = paragraphMeaning(index, passage);
  v[AT.paragraphMeaning] = context.meaning && whole ? cosine(context.meaning, whole) : 0;
  if (vectors) {
    let aligned = 0;
    terms.forEach((t, k) => {
      aligned += t.idf * (held[k] ? 1 : (closest[k] as number));
    });
    v[AT.alignment] = aligned / total;
  }
  v[AT.paragraph] = paragraph;
  v[AT.paragraphBest] = context.bestParagraph > 0 ? paragraph / context.bestParagraph : 0;

  // Order and closeness of the matched terms in the passage's own words.
  const positions: { term: string; at: number }[] = [];
  const passageTerms = read.terms;
  let fresh = 0;
  const seenFresh = new Set<string>();
  passageTerms.forEach((term, at) => {
    if (asked.has(term)) positions.push({ term, at });
    else if (!seenFresh.has(term)) {
      seenFresh.add(term);
      fresh++;
    }
  });
  v[AT.proximity] = proximity(positions);
  v[AT.phrase] = phraseShare(terms, read.terms);
  v[AT.novelty] = Math.log1p(fresh) / Math.log(10);
  v[AT.length] = Math.log1p(own.size) / Math.log(50);
  v[AT.headline] = p.headline ? 1 : 0;

  // Agreement, attribution and causes only count on the question's topic.
  const features = index.features[passage];
  const sources = index.articles.length;
  const saturation = Math.min(sources, SUPPORT_SATURATION);
  const support = index.support[passage] ?? 1;
  const agreement = saturation > 1 ? (Math.min(support, saturation) - 1) / (saturation - 1) : 0;
  v[AT.support] = agreement * topic;
  const speaker = index.speakers[passage] ?? null;
  const fit = speaker ? speakerFit(index, analysis, speaker, context) : null;
  v[AT.quote] =
    analysis.wantsQuote && features?.quote
      ? (fit ? fit.quote : quoteScore(analysis, p.displayText, index)) * topic
      : 0;
  v[AT.qualifier] = analysis.restrictive && features?.qualifiedCause ? topic : 0;
  v[AT.cause] = analysis.kind === 'why' && features?.cause ? topic : 0;
  v[AT.speakerNamed] = fit?.named ? topic : 0;
  v[AT.reportedCause] = analysis.kind === 'why' && features?.cause ? agreement * topic : 0;

  const people = personTerms(index);
  const shapes = shapesOf(
    read.shapes,
    (word) => asked.has(index.lexicon.term(word)),
    (word) => people.has(index.lexicon.term(word)),
  );
  for (const shape of SHAPES) {
    if (shapes[shape]) v[featureIndex(`${analysis.kind}:${shape}` as RankFeature)] = topic;
  }
  const wanted = WANTED_SHAPE[analysis.kind];
  if (wanted && shapes[wanted]) v[AT.shapeWanted] = topic;

  const actor = actorOf(index, analysis, read, passage);
  v[AT.subjectActs] = actor === 'subject' ? topic : 0;
  v[AT.otherActs] = actor === 'other' ? topic : 0;
  v[AT.replyFollows] = replyFollows(index, analysis, terms, passage, context);
  return v;
}

/** Position of each named feature in the vectors. */
const AT = Object.fromEntries(RANK_FEATURES.map((f, i) => [f, i])) as Record<RankFeature, number>;

/** True when a sentence at one of `offsets` from the passage, in its article, holds `term`. */
function heldAround(
  index: SearchIndex,
  passage: number,
  offsets: readonly number[],
  term: string,
): boolean {
  for (const o of offsets) {
    const n = neighbour(index, passage, o);
    if (n !== null && (index.terms[n]?.has(term) ?? false)) return true;
  }
  return false;
}

/** Offsets of the sentences before a passage that count as its context. */
const BACKWARDS: readonly number[] = Array.from({ length: BEFORE_SENTENCES }, (_, i) => -(i + 1));
/** Offset of the sentence after. */
const AHEAD: readonly number[] = [1];

/** What a speaker is for the question, found once per question (see `GroupContext.bySpeaker`). */
function speakerFit(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  speaker: string,
  context: GroupContext,
): SpeakerFit {
  let fit = context.bySpeaker.get(speaker);
  if (!fit) {
    // The index terms of every word of the speaker's name forms.
    const forms =
      index.names.find((n) => n.name === speaker)?.forms ?? speaker.toLowerCase().split(' ');
    const terms = new Set(forms.flatMap((f) => f.split(' ')).map((w) => index.lexicon.term(w)));
    // The question names the speaker.
    const named = analysis.concepts.some((c) => c.name && terms.has(c.term));
    // A word of the speaker's name is among the question subject's terms.
    const subject = analysis.subject.some((t) => terms.has(t));
    // Someone's words, best when the quote index attributes them to the question's subject;
    // another person the question names said them: the wrong person's words.
    const quote = analysis.subject.length === 0 || subject ? 1 : named ? -1 : 0;
    fit = { named, subject, quote };
    context.bySpeaker.set(speaker, fit);
  }
  return fit;
}

/** The shape an answer of each kind has, where one does. */
const WANTED_SHAPE: Partial<Record<AnswerKind, (typeof SHAPES)[number]>> = {
  when: 'date',
  where: 'place',
  who: 'name',
  'how-many': 'number',
  age: 'number',
  title: 'title',
};

const personTermsByIndex = new WeakMap<SearchIndex, ReadonlySet<string>>();

/** The index terms of the words of the corpus's person names. */
function personTerms(index: SearchIndex): ReadonlySet<string> {
  let terms = personTermsByIndex.get(index);
  if (!terms) {
    const found = new Set<string>();
    for (const n of index.names) {
      if (!n.person) continue;
      for (const part of n.forms.flatMap((f) => f.split(' ')))
        if (!index.lexicon.isStopWord(part)) found.add(index.lexicon.term(part));
    }
    terms = found;
    personTermsByIndex.set(index, terms);
  }
  return terms;
}

/**
 * Who the passage's own words name first: the question's subject, another person, or nobody
 * (no named subject in the question, or the passage names no one outside its quotations).
 */
function actorOf(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  read: PassageReading,
  passage: number,
  depth = 0,
): 'subject' | 'other' | null {
  if (analysis.subject.length === 0) return null;
  const people = personTerms(index);
  for (const w of ownWords(index, passage, read)) {
    if (analysis.subject.includes(w.term)) return 'subject';
    if (w.capital && people.has(w.term)) return 'other';
    // `He came to power by ...`: a pronoun before any name is whoever the sentence before names.
    if (PRONOUN.test(w.word)) {
      const previous = neighbour(index, passage, -1);
      return previous === null || depth > 0
        ? null
        : actorOf(index, analysis, reading(index, previous), previous, depth + 1);
    }
  }
  return null;
}

/** Personal pronouns that stand for the sentence's actor. */
const PRONOUN = /^(he|she|they)$/;

/**
 * For a question asking how its subject answered someone: the share (idf-weighted) of the
 * question's other terms held by the sentence before, when that sentence is another person's
 * words and the passage the subject's.
 */
function replyFollows(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  terms: readonly WeightedTerm[],
  passage: number,
  context: GroupContext,
): number {
  if (!analysis.wantsQuote || analysis.subject.length === 0) return 0;
  const speaker = index.speakers[passage] ?? null;
  const previous = neighbour(index, passage, -1);
  if (!speaker || previous === null) return 0;
  const before = index.speakers[previous] ?? null;
  if (!before || before === speaker) return 0;
  if (
    !speakerFit(index, analysis, speaker, context).subject ||
    speakerFit(index, analysis, before, context).subject
  )
    return 0;
  const held = index.terms[previous];
  let total = 0;
  let found = 0;
  for (const t of terms) {
    if (analysis.subject.includes(t.term)) continue;
    total += t.idf;
    if (
      held?.has(t.term) ||
      t.forms.some((f) => held?.has(f)) ||
      t.related.some((r) => held?.has(r))
    )
      found += t.idf;
  }
  return total > 0 ? found / total : 0;
}

/** Distinct matched terms over the span they occupy: 1 when adjacent, 0 with fewer than two. */
function proximity(positions: readonly { term: string; at: number }[]): number {
  const distinct = new Set(positions.map((p) => p.term)).size;
  if (distinct < 2) return 0;
  // Smallest window holding every distinct matched term (two pointers over positions).
  const counts = new Map<string, number>();
  let best = Number.POSITIVE_INFINITY;
  let from = 0;
  for (let to = 0; to < positions.length; to++) {
    const t = positions[to] as { term: string; at: number };
    counts.set(t.term, (counts.get(t.term) ?? 0) + 1);
    while (counts.size === distinct) {
      const first = positions[from] as { term: string; at: number };
      best = Math.min(best, t.at - first.at + 1);
      const left = (counts.get(first.term) ?? 1) - 1;
      if (left === 0) counts.delete(first.term);
      else counts.set(first.term, left);
      from++;
    }
  }
  return distinct / best;
}

/** Share of the question's consecutive term pairs found next to each other in the passage. */
function phraseShare(terms: readonly WeightedTerm[], passage: readonly string[]): number {
  if (terms.length < 2) return 0;
  let found = 0;
  for (let i = 1; i < terms.length; i++) {
    const a = terms[i - 1]?.term;
    const b = terms[i]?.term;
    if (nextTo(passage, a, b)) found++;
  }
  return found / (terms.length - 1);
}

/** True when `a` and `b` stand next to each other in `passage`, in either order. */
function nextTo(passage: readonly string[], a: string | undefined, b: string | undefined): boolean {
  for (let i = 1; i < passage.length; i++) {
    const x = passage[i - 1];
    const y = passage[i];
    if ((x === a && y === b) || (x === b && y === a)) return true;
  }
  return false;
}

/**
 * How much of the question the words the corpus never uses still find in a passage by meaning:
 * for each such word, its closest word of the passage (cosine, 0 below `SIMILAR_FLOOR`), weighted
 * as an unseen word, over the whole question's weight (as `knownShare`). A paraphrase (`What was
 * her profession?` against `she worked as a nurse`) finds close words in the passage that
 * answers; another story's question finds none in the passages it matched on its other words.
 */
export function unknownNearness(
  index: SearchIndex,
  analysis: QuestionAnalysis,
  passage: number,
): number {
  const vectors = index.lexicon.vectors;
  if (!vectors) return 0;
  const unseen = bm25Idf(index, '\u0000');
  let total = 0;
  let near = 0;
  const vocabulary = vocabularyOf(index);
  const ids = reading(index, passage).vectorIds;
  for (const c of analysis.concepts) {
    total += c.known ? bm25Idf(index, c.term) : unseen;
    if (c.known) continue;
    const row = vectors.row(c.word);
    if (row < 0) continue;
    let best = 0;
    for (const id of ids)
      best = Math.max(best, vectors.rowSimilarity(row, vocabulary.rows[id] as number));
    if (best >= SIMILAR_FLOOR) near += unseen * ((best - SIMILAR_FLOOR) / (1 - SIMILAR_FLOOR));
  }
  return total > 0 ? near / total : 0;
}

/** Most postings (passages per term, summed) read to propose candidates; see candidatePassages. */
export const POSTINGS_BUDGET = 6000;
/** Weight of a related term when proposing candidates. */
const RELATED_PROPOSAL = 0.5;

/**
 * Proposes candidate passages for a question with BM25 over the index's postings, best first,
 * at most `limit`. Search time follows the postings read, so terms are read rarest first within
 * a budget: a small corpus is searched with every term, a big one with those that tell
 * passages apart. Every term still counts in the score of the passages read.
 */
export function candidatePassages(
  index: SearchIndex,
  terms: readonly WeightedTerm[],
  limit: number,
): { passage: number; bm25: number }[] {
  const df = (t: string) => index.postings.get(t)?.length ?? 0;
  const lookups = [
    ...terms.flatMap((t) => [t.term, ...t.forms].map((term) => ({ term, weight: 1 }))),
    ...terms.flatMap((t) =>
      t.related
        .filter((r) => !t.forms.includes(r))
        .map((term) => ({ term, weight: RELATED_PROPOSAL })),
    ),
  ]
    .filter((l) => df(l.term) > 0)
    .sort((a, b) => df(a.term) - df(b.term) || a.term.localeCompare(b.term));
  const read = new Set<number>();
  let budget = 0;
  for (const l of lookups) {
    const list = index.postings.get(l.term);
    if (!list) continue;
    if (read.size > 0 && budget + list.length > POSTINGS_BUDGET) break;
    budget += list.length;
    for (const id of list) read.add(id);
  }
  const related = terms.flatMap((t) =>
    t.related
      .filter((r) => !t.forms.includes(r))
      .map((r) => ({ term: r, forms: [], related: [], idf: t.idf * RELATED_PROPOSAL })),
  );
  const proposed = [...read]
    .map((passage) => ({
      passage,
      bm25: bm25Score(index, passage, terms),
      proposal: bm25Score(index, passage, terms) + bm25Score(index, passage, related),
    }))
    .sort((a, b) => b.proposal - a.proposal || a.passage - b.passage);
  // The sentence after a good match often answers with a pronoun for the question's words
  // (`He came to power by uniting ...`): the best matches bring their next sentence along.
  const chosen = proposed.slice(0, limit - NEIGHBOURS_PROPOSED);
  const taken = new Set(chosen.map((c) => c.passage));
  const extra: { passage: number; bm25: number }[] = [];
  for (const c of chosen.slice(0, NEIGHBOURS_PROPOSED)) {
    for (let o = 1; o <= BEFORE_SENTENCES; o++) {
      const next = neighbour(index, c.passage, o);
      if (next === null || taken.has(next)) continue;
      taken.add(next);
      extra.push({ passage: next, bm25: bm25Score(index, next, terms) });
    }
  }
  const rest = proposed.slice(limit - NEIGHBOURS_PROPOSED).filter((c) => !taken.has(c.passage));
  return [...chosen, ...extra, ...rest]
    .slice(0, limit)
    .map(({ passage, bm25 }) => ({ passage, bm25 }));
}

/** How many of the best matches bring their next sentence into the candidates. */
export const NEIGHBOURS_PROPOSED = 20;

/**
 * Someone's words, best when the reporter attributes them to the question's subject: for a
 * passage whose speaker the quote index does not know (see `speakerFit` for one it does), the
 * subject is looked for among the reporter's words, outside the quotation marks.
 */
function quoteScore(analysis: QuestionAnalysis, text: string, index: SearchIndex): number {
  if (analysis.subject.length === 0) return 1;
  const terms = words(text.replace(/["“][^"“”]*["”]?/g, ' ')).map((w) => index.lexicon.term(w));
  if (terms.some((t) => analysis.subject.includes(t))) return 1;
  // Words attributed to another person named in the question are that person's, not the subject's.
  const others = analysis.concepts.filter((c) => c.name && !analysis.subject.includes(c.term));
  return others.some((c) => terms.includes(c.term) || c.related.some((r) => terms.includes(r)))
    ? 0
    : 0.3;
}
