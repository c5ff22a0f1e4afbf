import { SPEECH_VERBS } from '../people/lexicon.ts';
import type { QuoteSegment } from './scan.ts';

/**
 * What a quoted string is: a `title` (song, album, show, slogan or name: not speech), a
 * `partial` quotation (a few words quoted inside the reporter's own sentence) or a `full` one
 * (a statement set off on its own).
 */
export type SegmentKind = 'title' | 'partial' | 'full';

// Words a title leaves in lower case (`All of Me`, `Make America Great Again` has none).
const TITLE_SMALL_WORDS = new Set(
  'a an and as at but by for from in into nor of on or the to with vs via & n'.split(' '),
);
const MAX_TITLE_WORDS = 8;

/**
 * Classifies one quoted segment from its words and the text around it. A short run of
 * capitalised words (`“Number One”`, `'All of Me'`, `“Make America Great Again”`) is a title
 * unless a speech verb follows it (`"Yes," he said`); a quotation that opens after a word of the
 * reporter's sentence (`were "never the closest of friends."`) is partial; everything else,
 * including a quotation after `said:` or `,` or at the start of a sentence, is full.
 *
 * @example
 * classifySegment('hits like “Number One” and more', segmentOf('Number One')) // 'title'
 * classifySegment('Legend admitted they were "never the closest of friends."', seg) // 'partial'
 */
export function classifySegment(raw: string, segment: QuoteSegment): SegmentKind {
  const text = segment.text.trim();
  if (text.length === 0) return 'title';
  if (isTitleCased(text) && !followedBySpeechVerb(raw, segment)) return 'title';
  // Single marks at the top level are scare quotes or titles in news prose, never statements,
  // unless they read as a sentence of their own.
  if (segment.family === 'single' && !/[.!?,]$/.test(text)) return 'partial';
  return embedded(raw, segment) ? 'partial' : 'full';
}

/** True for a short run of words in title case: every word but small ones capitalised. */
export function isTitleCased(text: string): boolean {
  const bare = text.replace(/[.,!?;:]+$/, '');
  if (/[.!?;:]\s/.test(bare)) return false;
  const words = bare.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_TITLE_WORDS) return false;
  return words.every((word, i) => {
    const letters = word.replace(/^[^\p{L}\p{N}&]+/u, '');
    if (letters === '' || /^[\p{N}&]/u.test(letters)) return true;
    if (/^\p{Lu}/u.test(letters)) return true;
    return i > 0 && TITLE_SMALL_WORDS.has(letters.toLowerCase());
  });
}

function followedBySpeechVerb(raw: string, segment: QuoteSegment): boolean {
  if (segment.close === null || !/[,!?.]$/.test(segment.text.trim())) return false;
  const after = raw.slice(segment.close + 1, segment.close + 60);
  const words = after
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .slice(0, 4);
  return words.some((word) => SPEECH_VERBS.has(word.toLowerCase()));
}

/** The opening mark follows a word of the surrounding sentence rather than `:`, `,` or a break. */
function embedded(raw: string, segment: QuoteSegment): boolean {
  let i = segment.open - 1;
  while (i >= 0 && (raw[i] === ' ' || raw[i] === '\t')) i--;
  const prev = raw[i] ?? '\n';
  if (prev === '\n' || /[,:;.!?—–([]/.test(prev)) return false;
  if (!/[\p{L}\p{N}’'%$]/u.test(prev)) return false;
  const first = segment.text.trim()[0] ?? '';
  // `He said "I love you John ..."`: a capitalised statement right after a speech verb.
  if (/\p{Lu}/u.test(first)) {
    const word = /(\p{L}+)\s*$/u.exec(raw.slice(Math.max(0, segment.open - 30), segment.open));
    if (word?.[1] && SPEECH_VERBS.has(word[1].toLowerCase())) return false;
  }
  return true;
}
