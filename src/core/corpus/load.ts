import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { RiftError } from '../errors.ts';
import { type CleaningOptions, cleanLines } from './clean.ts';
import { segment } from './segment.ts';
import type { Article, Corpus, CorpusWarning, Paragraph } from './types.ts';

const MAX_TITLE_CHARS = 200;

/** Bounds on what a corpus folder may hold; see README, Operations. */
export interface CorpusLimits {
  /** Largest article file read; a larger one is skipped with a warning. */
  readonly maxArticleBytes: number;
  /** Most articles read; beyond it the first ones in file-name order are kept, with a warning. */
  readonly maxArticles: number;
}

/** A couple of MB is a hundred long news articles in one file; ten thousand articles is a big story. */
export const DEFAULT_CORPUS_LIMITS: CorpusLimits = {
  maxArticleBytes: 2 * 1024 * 1024,
  maxArticles: 20_000,
};

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
  onWarning: (message: string) => void = () => {},
): Article {
  const cleaned = cleanLines(raw, cleaning);
  if (cleaned.unreadDate !== null) {
    onWarning(
      `starts with "${shorten(cleaned.unreadDate, 60)}", which looks like a date but was not read as the publication date; write it as 2025-07-09 or July 9, 2025 (numbers like 07/09/2025 could be either month first or day first)`,
    );
  }
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
export function loadCorpus(
  dir: string,
  cleaning: CleaningOptions,
  limits: CorpusLimits = DEFAULT_CORPUS_LIMITS,
): Corpus {
  const root = resolve(dir);
  let names: string[];
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
    names = articleNames(root);
  } catch {
    throw new RiftError(
      'CORPUS_MISSING',
      `Corpus folder "${dir}" does not exist or is not a folder. Pass --corpus DIR or set RIFT_CORPUS to a folder of .txt articles.`,
    );
  }
  const warnings: CorpusWarning[] = [];
  if (names.length > limits.maxArticles) {
    warnings.push({
      file: `${names.length - limits.maxArticles} files`,
      message: `beyond the first ${limits.maxArticles} articles (corpus.maxArticles in config/rift.json); skipped`,
    });
    names = names.slice(0, limits.maxArticles);
  }
  const articles: Article[] = [];
  for (const name of names) {
    const article = readArticle(root, name, cleaning, limits, warnings);
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

/** The `.txt` names of a corpus folder, in file-name order. */
export function articleNames(root: string): string[] {
  return readdirSync(root)
    .filter((name) => name.endsWith('.txt'))
    .sort();
}

/** A corpus file's bytes, or why it was not read. */
export type CorpusFile = { readonly bytes: Buffer } | { readonly skipped: string };

/**
 * Reads one corpus entry only if it is a regular file inside the folder (a link is followed
 * only to a regular file inside it) and at most `maxBytes` long. Never blocks on a FIFO or a
 * device: the entry is checked with lstat before it is opened, opened non-blocking without
 * following links, checked again with fstat, and read with a cap.
 *
 * @example
 * readCorpusFile('/srv/story', 'x.txt', 2_000_000) // { skipped: 'is not a regular file (a FIFO); skipped' }
 */
export function readCorpusFile(root: string, name: string, maxBytes: number): CorpusFile {
  const path = join(root, name);
  let target = path;
  try {
    if (lstatSync(path).isSymbolicLink()) {
      target = realpathSync(path);
      const inside = realpathSync(root);
      if (!target.startsWith(inside + sep))
        return { skipped: 'is a link to a file outside the corpus folder; skipped' };
    }
    const kind = entryKind(lstatSync(target));
    if (kind) return { skipped: `is not a regular file (${kind}); skipped` };
  } catch (error) {
    return { skipped: `cannot be read (${(error as Error).message}); skipped` };
  }
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { skipped: `cannot be read (${(error as Error).message}); skipped` };
  }
  try {
    const stat = fstatSync(fd);
    const kind = entryKind(stat);
    if (kind) return { skipped: `is not a regular file (${kind}); skipped` };
    if (stat.size > maxBytes) return { skipped: tooLarge(stat.size, maxBytes) };
    // Read at most one byte past the cap: a file growing while it is read is still bounded.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { skipped: tooLarge(length, maxBytes) };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { skipped: `cannot be read (${(error as Error).message}); skipped` };
  } finally {
    closeSync(fd);
  }
}

function entryKind(stat: Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isSymbolicLink()) return 'a link';
  return 'not a file';
}

function tooLarge(size: number, max: number): string {
  return `is larger than ${max.toLocaleString('en-US')} bytes (${size.toLocaleString('en-US')}; corpus.maxArticleBytes in config/rift.json); skipped`;
}

function readArticle(
  root: string,
  file: string,
  cleaning: CleaningOptions,
  limits: CorpusLimits,
  warnings: CorpusWarning[],
): Article | null {
  const read = readCorpusFile(root, file, limits.maxArticleBytes);
  if ('skipped' in read) {
    warnings.push({ file, message: read.skipped });
    return null;
  }
  const bytes = read.bytes;
  const path = join(root, file);
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
  const article = parseArticle(file.replace(/\.txt$/, ''), raw, path, cleaning, (message) =>
    warnings.push({ file, message }),
  );
  if (article.sentences.length === 0) {
    warnings.push({ file, message: 'has no article text; skipped' });
    return null;
  }
  return article;
}
