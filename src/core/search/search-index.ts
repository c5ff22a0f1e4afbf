import type { Article } from '../corpus/types.ts';
import type { QuoteIndex } from '../quotes/index.ts';
import { fold, words } from '../text/fold.ts';
import type { Lexicon } from '../text/lexicon.ts';
import {
  buildCorroboration,
  type Corroboration,
  type CorroborationData,
  corroborationFromData,
  pairsOf,
  wordPairs,
} from './corroboration.ts';
import { type PassageFeatures, passageFeatures } from './features.ts';
import type { NameForms } from './names.ts';
import { buildPassages, CONTEXT_SENTENCES, type Passage } from './passages.ts';

const QUOTED_TITLE = /["“‘'](\p{Lu}[\p{L}'’]*(?:\s+\p{Lu}[\p{L}'’]*){0,5})[,.]?["”’']/gu;

/**
 * Outlets repeating a statement beyond this many add nothing to its rank: eight outlets agreeing
 * is as strong a signal as eight hundred.
 */
export const SUPPORT_SATURATION = 8;

/** Everything retrieval needs, derived once from the corpus. */
export interface SearchIndex {
  readonly articles: readonly Article[];
  readonly passages: readonly Passage[];
  readonly features: readonly PassageFeatures[];
  /**
   * For each passage, the sources repeating its statement: the agreement signal for ranking.
   * A shared number alone merges citations but does not lift a passage: it is weaker evidence
   * that outlets agree on the whole passage.
   */
  readonly support: Uint8Array;
  /** For each passage, the index terms of its own text. */
  readonly terms: readonly ReadonlySet<string>[];
  /** For each passage, who is quoted in it (canonical name), or null. */
  readonly speakers: readonly (string | null)[];
  /** The passages holding each index term (in their own text), in passage order. */
  readonly postings: ReadonlyMap<string, Uint32Array>;
  /** Index terms of the whole corpus. */
  readonly vocabulary: ReadonlySet<string>;
  /** Folded surface words of the whole corpus (for spotting names the corpus never uses). */
  readonly surface: ReadonlySet<string>;
  /** Number of articles each index term occurs in. */
  readonly articleFrequency: ReadonlyMap<string, number>;
  /** Number of passages each index term occurs in. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  readonly names: readonly NameForms[];
  readonly lexicon: Lexicon;
  readonly corroboration: Corroboration;
}

/** The index terms of words already folded: phrases joined, stop words dropped, stemmed. */
export function termsOf(tokens: readonly string[], lexicon: Lexicon): string[] {
  return lexicon
    .joinPhrases(tokens)
    .filter((w) => !lexicon.isStopWord(w))
    .map((w) => lexicon.term(w))
    .filter(Boolean);
}

/**
 * Builds the search index over sentence passages.
 *
 * @example
 * const index = buildSearchIndex(corpus.articles, lexicon, detectNames(corpus.articles));
 * index.passages.length // 111 on the seeds
 */
export function buildSearchIndex(
  articles: readonly Article[],
  lexicon: Lexicon,
  names: readonly NameForms[],
  quotes?: QuoteIndex,
): SearchIndex {
  const passages = buildPassages(articles);
  const speakers = passageSpeakers(passages, quotes);
  const people = names.filter((n) => n.person);
  const personParts = new Set(people.flatMap((n) => n.forms));
  const fullNames = people.flatMap((n) => n.forms.filter((f) => f.includes(' ')));
  const corroboration = buildCorroboration(
    articles.map((a) => a.sentences.map((s) => s.text).join('\n')),
  );
  const features: PassageFeatures[] = [];
  const support = new Uint8Array(passages.length);
  const terms: ReadonlySet<string>[] = [];
  const surface = new Set<string>();
  // One pass, each passage's words tokenised once and shared by every table built from them.
  for (const p of passages) {
    const tokens = words(p.displayText);
    features.push(passageFeatures(p.displayText, personParts, fullNames, tokens));
    // Bracketed insertions (`[sic]`) do not count when outlets are compared.
    const pairs = p.displayText.includes('[') ? wordPairs(p.displayText) : pairsOf(tokens);
    support[p.id] = corroboration.sourcesRepeatingPairs(pairs, SUPPORT_SATURATION).length;
    // Words of quoted titles (`“Make America Great Again” hat`) name a thing; they do not say
    // what the passage is about, so they do not count towards covering a question.
    const titled = QUOTED_TITLE.test(p.displayText);
    QUOTED_TITLE.lastIndex = 0;
    const own = titled ? words(p.displayText.replace(QUOTED_TITLE, ' ')) : tokens;
    terms.push(new Set(termsOf(own, lexicon)));
    for (const w of tokens) surface.add(w.replace(/'s$/, ''));
  }
  const postings = buildPostings(terms);
  const documentFrequency = new Map<string, number>();
  for (const set of terms)
    for (const t of set) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
  // Passages come in article order: count each term once per article in one pass.
  const articleFrequency = new Map<string, number>();
  let seen = new Set<string>();
  passages.forEach((p, i) => {
    if (i > 0 && passages[i - 1]?.article !== p.article) seen = new Set();
    for (const t of terms[i] ?? []) {
      if (seen.has(t)) continue;
      seen.add(t);
      articleFrequency.set(t, (articleFrequency.get(t) ?? 0) + 1);
    }
  });
  for (const n of names) for (const f of n.forms) surface.add(fold(f));

  return {
    articles,
    passages,
    features,
    support,
    terms,
    postings,
    speakers,
    vocabulary: new Set(documentFrequency.keys()),
    surface,
    documentFrequency,
    articleFrequency,
    names,
    lexicon,
    corroboration,
  };
}

/** A search index as plain data (Maps, Sets, arrays): what a snapshot stores. */
export type SearchIndexData = Omit<SearchIndex, 'articles' | 'lexicon' | 'corroboration'> & {
  readonly corroboration: CorroborationData;
};

/** The plain data of a search index, for a snapshot. */
export function searchIndexData(index: SearchIndex): SearchIndexData {
  const { articles: _articles, lexicon: _lexicon, corroboration, ...rest } = index;
  return { ...rest, corroboration: corroboration.data };
}

/** Rebuilds a search index from snapshot data and the articles and lexicon it was built from. */
export function searchIndexFromData(
  data: SearchIndexData,
  articles: readonly Article[],
  lexicon: Lexicon,
): SearchIndex {
  return {
    ...data,
    articles,
    lexicon,
    corroboration: corroborationFromData(data.corroboration),
  };
}

/** Term -> passage ids, as compact arrays. */
function buildPostings(terms: readonly ReadonlySet<string>[]): Map<string, Uint32Array> {
  const lists = new Map<string, number[]>();
  terms.forEach((set, id) => {
    for (const t of set) {
      const list = lists.get(t);
      if (list) list.push(id);
      else lists.set(t, [id]);
    }
  });
  return new Map([...lists].map(([t, ids]) => [t, Uint32Array.from(ids)]));
}

/** True when a term occurs in the sentences before a passage in its article (its context). */
export function inContext(index: SearchIndex, id: number, term: string): boolean {
  const passage = index.passages[id];
  for (let back = 1; back <= CONTEXT_SENTENCES && passage; back++) {
    const previous = index.passages[id - back];
    if (!previous || previous.article !== passage.article) return false;
    if (index.terms[id - back]?.has(term)) return true;
  }
  return false;
}

/**
 * The speaker of each passage: the attributed quotation overlapping most of the passage's
 * sentence (not of the text shown around it), or null.
 */
function passageSpeakers(
  passages: readonly Passage[],
  quotes: QuoteIndex | undefined,
): (string | null)[] {
  if (!quotes) return passages.map(() => null);
  const bySource = new Map<string, { start: number; end: number; speaker: string }[]>();
  for (const quote of quotes.quotes) {
    for (const mention of quote.mentions) {
      const speaker = mention.speaker ?? quote.speaker;
      if (!speaker) continue;
      const list = bySource.get(mention.source) ?? [];
      for (const span of mention.spans) list.push({ ...span, speaker });
      bySource.set(mention.source, list);
    }
  }
  return passages.map((p) => {
    const sentenceStart = p.display.start + p.displayText.indexOf(p.text);
    const sentenceEnd = sentenceStart + p.text.length;
    let best: { speaker: string; overlap: number } | null = null;
    for (const span of bySource.get(p.source) ?? []) {
      const overlap = Math.min(span.end, sentenceEnd) - Math.max(span.start, sentenceStart);
      if (overlap > 0 && (!best || overlap > best.overlap))
        best = { speaker: span.speaker, overlap };
    }
    return best?.speaker ?? null;
  });
}
