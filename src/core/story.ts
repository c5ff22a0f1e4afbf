import { type AnswerOptions, resolveAnswerOptions } from './answer/answer.ts';
import { prepareAnswers } from './answer/prepare.ts';
import type { Corpus } from './corpus/types.ts';
import { type Person, peopleOf } from './people/index.ts';
import {
  type QuoteIndex,
  type QuoteIndexData,
  quoteIndexFromData,
  quoteIndexOf,
} from './quotes/index.ts';
import { analyseCorpus } from './quotes/pipeline.ts';
import type { SourceRef } from './reply.ts';
import { detectNames, type NameAlias } from './search/names.ts';
import {
  buildSearchIndex,
  type SearchIndex,
  type SearchIndexData,
  searchIndexData,
  searchIndexFromData,
} from './search/search-index.ts';
import { prepareSpelling } from './search/spelling.ts';
import { buildViews, type StoryViews } from './story-views.ts';
import type { Lexicon } from './text/lexicon.ts';

/** Per-source metadata from the story config; every field optional, nothing invented. */
export interface SourceMeta {
  readonly outlet?: string | null;
  readonly url?: string | null;
  readonly title?: string | null;
}

/** What a story config may say about a story. */
export interface StoryMeta {
  readonly title?: string | null;
  /** The question `why` answers, e.g. "Why did John Legend and Kanye West fall out?". */
  readonly mainQuestion?: string | null;
  readonly sources?: Readonly<Record<string, SourceMeta>>;
  readonly people?: readonly NameAlias[];
  readonly answer?: Partial<AnswerOptions>;
}

/** A story ready to answer: corpus, sources as cited, and the search index. */
export interface Story {
  readonly title: string;
  /** The main question from config, or null: then `why` asks about the lede. */
  readonly mainQuestion: string | null;
  readonly corpus: Corpus;
  readonly sources: readonly SourceRef[];
  readonly sourceById: ReadonlyMap<string, SourceRef>;
  readonly index: SearchIndex;
  /** Every quotation, attributed and grouped across outlets. */
  readonly quotes: QuoteIndex;
  readonly aliases: readonly NameAlias[];
  readonly answerOptions: AnswerOptions;
  /** `who`, `timeline`, `sources` and `help`, computed with the story. */
  readonly views: StoryViews;
}

/**
 * Builds everything derived from a corpus and its metadata. Pure and deterministic.
 *
 * @example
 * buildStory(loadCorpus('seeds', cleaning), { mainQuestion: 'Why did they fall out?' }, lexicon).sources.length // 5
 */
export function buildStory(corpus: Corpus, meta: StoryMeta, lexicon: Lexicon): Story {
  const sources = corpus.articles.map((article): SourceRef => {
    const m = meta.sources?.[article.id] ?? {};
    return {
      id: article.id,
      outlet: m.outlet ?? null,
      url: m.url ?? null,
      date: article.date,
      title: m.title ?? article.title,
    };
  });
  const aliases = meta.people ?? [];
  const { quotes, people } = quotesAndPeople(corpus, aliases);
  const index = buildSearchIndex(
    corpus.articles,
    lexicon,
    detectNames(corpus.articles, aliases),
    quotes,
  );
  prepareSpelling(index);
  prepareAnswers(index);
  // A headline names a story better than a lede sentence; the first article may have none.
  const headlined = corpus.articles.find((a) => a.paragraphs.some((p) => p.headline));
  const lede = (headlined ?? corpus.articles[0])?.title ?? 'this story';
  const story = {
    title: meta.title ?? lede,
    mainQuestion: meta.mainQuestion ?? null,
    corpus,
    sources,
    sourceById: new Map(sources.map((s) => [s.id, s])),
    index,
    quotes,
    aliases,
    answerOptions: resolveAnswerOptions(meta.answer),
  };
  return { ...story, views: buildViews(story, people) };
}

/**
 * The quote index and the people of a corpus from one analysis (people detected, every
 * quotation attributed), which is let go before the search index is built.
 */
function quotesAndPeople(
  corpus: Corpus,
  aliases: readonly NameAlias[],
): { quotes: QuoteIndex; people: readonly Person[] } {
  const analysis = analyseCorpus(corpus.articles, aliases);
  return { quotes: quoteIndexOf(analysis), people: peopleOf(analysis) };
}

/** A story as plain data, for a snapshot: everything derived from corpus and config. */
export type StoryData = Omit<Story, 'index' | 'quotes'> & {
  readonly index: SearchIndexData;
  readonly quotes: QuoteIndexData;
};

/** The plain data of a story. */
export function storyData(story: Story): StoryData {
  return { ...story, index: searchIndexData(story.index), quotes: story.quotes.data };
}

/** Rebuilds a story from snapshot data, with the lexicon it was built with. */
export function storyFromData(data: StoryData, lexicon: Lexicon): Story {
  const index = searchIndexFromData(data.index, data.corpus.articles, lexicon);
  prepareSpelling(index);
  prepareAnswers(index);
  return { ...data, index, quotes: quoteIndexFromData(data.quotes) };
}
