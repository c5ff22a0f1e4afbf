/**
 * What a snapshot must contain before rift uses it. A snapshot is a file on disk: anything that
 * deserializes is not yet a story. The schema checks the shape of every part the core reads, and
 * the refinement checks what the shape cannot: the index covers every sentence, every passage and
 * quotation is verbatim at its offsets in its article, and every source named anywhere exists.
 * A snapshot failing either is not used; the story is rebuilt from the corpus.
 */
import { z } from 'zod';
import type { StoryData } from '../core/story.ts';

const int = z.int().min(0);
const span = z.looseObject({ start: int, end: int });
const nullableString = z.string().nullable();

const article = z.looseObject({
  id: z.string().min(1),
  path: z.string(),
  raw: z.string(),
  date: nullableString,
  title: z.string(),
  paragraphs: z.array(z.looseObject({ start: int, end: int, index: int, headline: z.boolean() })),
  sentences: z.array(
    z.looseObject({ start: int, end: int, index: int, paragraph: int, text: z.string() }),
  ),
  removed: z.array(z.looseObject({ start: int, end: int, kind: z.string(), text: z.string() })),
});

const sourceRef = z.looseObject({
  id: z.string(),
  outlet: nullableString,
  url: nullableString,
  date: nullableString,
  title: z.string(),
});

const passage = z.looseObject({
  id: int,
  article: int,
  source: z.string(),
  sentence: int,
  text: z.string(),
  display: span,
  displayText: z.string(),
  headline: z.boolean(),
});

const index = z.looseObject({
  passages: z.array(passage),
  features: z.array(z.looseObject({})),
  support: z.instanceof(Uint8Array),
  terms: z.array(z.instanceof(Set)),
  speakers: z.array(nullableString),
  postings: z.instanceof(Map),
  vocabulary: z.instanceof(Set),
  surface: z.instanceof(Set),
  articleFrequency: z.instanceof(Map),
  documentFrequency: z.instanceof(Map),
  names: z.array(z.looseObject({ forms: z.array(z.string()) })),
  corroboration: z.looseObject({}),
});

const mention = z.looseObject({
  source: z.string(),
  speaker: nullableString,
  text: z.string(),
  segments: z.array(z.string()),
  spans: z.array(span),
  partial: z.boolean(),
  rule: z.string(),
});

const quotes = z.looseObject({
  quotes: z.array(
    z.looseObject({
      speaker: nullableString,
      text: z.string(),
      partial: z.boolean(),
      mentions: z.array(mention),
    }),
  ),
  speakers: z.array(z.looseObject({ name: z.string(), quotes: int })),
  forms: z.array(z.looseObject({ name: z.string(), forms: z.array(z.string()), quotes: int })),
});

const views = z.looseObject({
  people: z.array(
    z.looseObject({
      name: z.string(),
      aliases: z.array(z.string()),
      descriptions: z.array(z.string()),
      role: nullableString,
      quotes: int,
      sources: z.array(z.string()),
    }),
  ),
  coverage: z.looseObject({
    statements: z.array(z.looseObject({ text: z.string(), sources: z.array(z.string()) })),
    articles: z.array(z.looseObject({ source: z.string() })),
  }),
  timeline: z.array(
    z.looseObject({
      date: z.string(),
      text: z.string(),
      citations: z.array(z.looseObject({ snippet: z.string(), sources: z.array(z.string()) })),
    }),
  ),
});

/** The shape of a story's snapshot data. */
export const STORY_DATA_SCHEMA = z
  .looseObject({
    title: z.string(),
    mainQuestion: nullableString,
    corpus: z.looseObject({
      dir: z.string(),
      articles: z.array(article).min(1),
      warnings: z.array(z.looseObject({ file: z.string(), message: z.string() })),
    }),
    sources: z.array(sourceRef),
    sourceById: z.instanceof(Map),
    aliases: z.array(z.looseObject({ name: z.string(), aliases: z.array(z.string()) })),
    answerOptions: z.looseObject({}),
    views,
    index,
    quotes,
  })
  .superRefine((data, ctx) => {
    const problem = consistencyProblem(data as unknown as StoryData);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Why snapshot data cannot be used as a story, or null when it can.
 *
 * @example
 * snapshotProblem({ ...storyData(story), index: { ...storyData(story).index, passages: [] } })
 * // 'index: 0 passages for 111 sentences'
 */
export function snapshotProblem(data: unknown): string | null {
  const parsed = STORY_DATA_SCHEMA.safeParse(data);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` : 'invalid';
}

/** What the schema cannot see: counts agree, text is verbatim, sources exist. */
function consistencyProblem(data: StoryData): string | null {
  const { articles } = data.corpus;
  const ids = new Set(articles.map((a) => a.id));
  if (ids.size !== articles.length) return 'corpus: two articles share an id';
  if (
    data.sources.length !== articles.length ||
    data.sources.some((s, i) => s.id !== articles[i]?.id)
  )
    return 'sources: not one per article, in corpus order';
  if (data.sourceById.size !== ids.size || [...data.sourceById.keys()].some((id) => !ids.has(id)))
    return 'sourceById: does not match the sources';
  let sentences = 0;
  for (const a of articles) {
    for (const s of a.sentences) {
      if (a.raw.slice(s.start, s.end) !== s.text)
        return `corpus: a sentence of ${a.id} is not verbatim`;
    }
    sentences += a.sentences.length;
  }
  const { index } = data;
  const n = index.passages.length;
  if (n !== sentences) return `index: ${n} passages for ${sentences} sentences`;
  for (const [name, length] of [
    ['features', index.features.length],
    ['terms', index.terms.length],
    ['speakers', index.speakers.length],
    ['support', index.support.length],
  ] as const) {
    if (length !== n) return `index.${name}: ${length} entries for ${n} passages`;
  }
  for (const [i, p] of index.passages.entries()) {
    const a = articles[p.article];
    if (p.id !== i || !a || a.id !== p.source) return `index.passages.${i}: wrong id or article`;
    if (a.sentences[p.sentence]?.text !== p.text) return `index.passages.${i}: not verbatim`;
    if (a.raw.slice(p.display.start, p.display.end) !== p.displayText)
      return `index.passages.${i}: shown text not verbatim`;
  }
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const [q, quote] of data.quotes.quotes.entries()) {
    for (const m of quote.mentions) {
      const a = byId.get(m.source);
      if (!a) return `quotes.${q}: unknown source ${m.source}`;
      if (m.spans.length !== m.segments.length) return `quotes.${q}: spans and segments differ`;
      for (const [k, segment] of m.segments.entries()) {
        const at = m.spans[k];
        if (!at || a.raw.slice(at.start, at.end) !== segment) return `quotes.${q}: not verbatim`;
      }
    }
  }
  const known = (list: readonly string[]) => list.every((id) => ids.has(id));
  if (!data.views.people.every((p) => known(p.sources))) return 'views.people: unknown source';
  if (data.views.coverage.articles.length !== articles.length)
    return 'views.coverage: not one entry per article';
  if (!data.views.timeline.every((e) => e.citations.every((c) => known(c.sources))))
    return 'views.timeline: unknown source';
  return null;
}
