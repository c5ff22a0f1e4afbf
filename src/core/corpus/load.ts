import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { RiftError } from '../errors.ts';
import { type CleaningOptions, cleanLines } from './clean.ts';
import { segment } from './segment.ts';
import type { Article, Corpus, CorpusWarning, Paragraph } from './types.ts';

const MAX_TITLE_CHARS = 200;

/**
 * Builds an article from a file's text: cleans it, splits it into paragraphs and sentences, and
 * reads its publication date and title. Pure: no file system access.
 *
 * @example
 * parseArticle('001_eb9e', ' date 2022-08-05 A political rift ...', '/seeds/001_eb9e.txt', { boilerplate: [] }).date
 * // '2022-08-05'
 */
export function parseArticle(
  id: string,
  raw: string,
  path: string,
  cleaning: CleaningOptions,
): Article {
  const cleaned = cleanLines(raw, cleaning);
  const paragraphs: Paragraph[] = cleaned.lines.map((line, index) => ({ ...line, index }));
  const sentences = segment(raw, paragraphs);
  const headline = paragraphs.find((p) => p.headline);
  const title = headline
    ? raw.slice(headline.start, headline.end)
    : shorten(sentences[0]?.text ?? id, MAX_TITLE_CHARS);
  return {
    id,
    path,
    raw,
    date: cleaned.date,
    title,
    paragraphs,
    sentences,
    removed: cleaned.removed,
  };
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with `…`. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

/**
 * Reads every `*.txt` file of a folder as one article each, in file-name order. A file that is
 * not UTF-8 text or has no article text is skipped with a warning naming it; a missing folder, or
 * one with no usable article, is an error that says how to fix it.
 *
 * @example
 * loadCorpus('seeds', { boilerplate: [] }).articles.length // 5
 */
export function loadCorpus(dir: string, cleaning: CleaningOptions): Corpus {
  const root = resolve(dir);
  let names: string[];
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
    names = readdirSync(root)
      .filter((name) => name.endsWith('.txt'))
      .sort();
  } catch {
    throw new RiftError(
      'CORPUS_MISSING',
      `Corpus folder "${dir}" does not exist or is not a folder. Pass --corpus DIR or set RIFT_CORPUS to a folder of .txt articles.`,
    );
  }
  const warnings: CorpusWarning[] = [];
  const articles: Article[] = [];
  for (const name of names) {
    const path = join(root, name);
    const article = readArticle(path, cleaning, warnings);
    if (article) articles.push(article);
  }
  if (articles.length === 0) {
    const detail = warnings.map((w) => `\n  ${w.file}: ${w.message}`).join('');
    throw new RiftError(
      'CORPUS_EMPTY',
      names.length === 0
        ? `Corpus folder "${dir}" has no .txt articles. Add one article per .txt file.`
        : `Corpus folder "${dir}" has no usable article:${detail}`,
    );
  }
  return { dir: root, articles, warnings };
}

function readArticle(
  path: string,
  cleaning: CleaningOptions,
  warnings: CorpusWarning[],
): Article | null {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    warnings.push({ file, message: `cannot be read (${(error as Error).message}); skipped` });
    return null;
  }
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    warnings.push({ file, message: 'is not UTF-8 text; skipped. Save it as UTF-8.' });
    return null;
  }
  if (raw.includes('\u0000')) {
    warnings.push({ file, message: 'looks like a binary file (it has NUL bytes); skipped' });
    return null;
  }
  const article = parseArticle(file.replace(/\.txt$/, ''), raw, path, cleaning);
  if (article.sentences.length === 0) {
    warnings.push({ file, message: 'has no article text; skipped' });
    return null;
  }
  return article;
}
