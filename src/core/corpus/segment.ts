import type { Sentence, Span } from './types.ts';

// Words that end in a period without ending a sentence. General English, not story-specific.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'rep',
  'gov',
  'pres',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'rev',
  'hon',
  'st',
  'jr',
  'sr',
  'mt',
  'ft',
  'no',
  'vs',
  'etc',
  'inc',
  'corp',
  'ltd',
  'co',
  'dept',
  'univ',
  'approx',
  'est',
  'fig',
  'vol',
  'jan',
  'feb',
  'mar',
  'apr',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'ave',
  'blvd',
  'rd',
  'supt',
  'atty',
  'assn',
  'bros',
  'messrs',
  'mme',
  'mlle',
  'det',
  'insp',
  'cpl',
  'pvt',
  'maj',
]);
// After a dotted acronym (U.S., L.A.) only these words make the period a sentence end.
const SENTENCE_STARTERS = new Set([
  'i',
  'he',
  'she',
  'it',
  'we',
  'they',
  'you',
  'the',
  'a',
  'an',
  'but',
  'and',
  'so',
  'this',
  'that',
  'these',
  'those',
  'there',
  'his',
  'her',
  'their',
  'our',
  'my',
  'in',
  'on',
  'at',
  'after',
  'before',
  'when',
  'while',
  'if',
  'however',
  'still',
  'then',
  'yet',
]);

const OPEN_DOUBLE = '“';
const CLOSE_DOUBLE = '”';
const CLOSERS = new Set(['’', "'", ')', ']']);

/**
 * Splits paragraphs into sentences with offsets into the raw text. Survives abbreviations and
 * initials (`Sen.`, `L.A.`, `G.O.O.D.`), ellipses, a missing space after a closing quote or
 * period (`bid."I wasn't`, `friendship.Legend`), and never splits inside a double-quoted
 * quotation, so a quoted statement stays whole.
 *
 * @example
 * segment('He said: "Hi. Bye." Then he left.', [{ start: 0, end: 33 }]).map((s) => s.text)
 * // ['He said: "Hi. Bye."', 'Then he left.']
 */
export function segment(raw: string, paragraphs: readonly Span[]): Sentence[] {
  const sentences: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    for (const span of splitParagraph(raw, paragraph)) {
      sentences.push({
        ...span,
        index: sentences.length,
        paragraph: p,
        text: raw.slice(span.start, span.end),
      });
    }
  });
  return sentences;
}

function splitParagraph(raw: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  let inQuote = false;
  let start = paragraph.start;
  const push = (end: number) => {
    const span = trim(raw, start, end);
    if (span.end > span.start) spans.push(span);
    start = end;
  };

  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = raw[i] ?? '';
    if (ch === OPEN_DOUBLE || ch === CLOSE_DOUBLE || ch === '"') {
      const opening = ch === OPEN_DOUBLE || (ch === '"' && !inQuote);
      if (opening) {
        // A sentence glued to the previous one by its opening mark: `messages."I tweeted`.
        if (!inQuote && gluedAfterTerminal(raw, i, paragraph.start)) push(i);
        inQuote = true;
        continue;
      }
      inQuote = false;
      // `...friendship." The singer`: the quotation closed a sentence.
      if (/[.!?…]/.test(raw[i - 1] ?? '')) {
        const after = skipClosers(raw, i + 1, paragraph.end);
        if (startsNewSentence(raw, after, paragraph.end)) {
          push(after);
          i = after - 1;
        }
      }
      continue;
    }
    if (inQuote) continue;
    if (ch === '.' && isGluedSentence(raw, i)) {
      push(i + 1);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Consume a run of terminal punctuation and closing marks: `?!`, `...`, `.)`.
    let j = i + 1;
    while (j < paragraph.end && /[.!?…]/.test(raw[j] ?? '')) j++;
    j = skipClosers(raw, j, paragraph.end);
    if (!startsNewSentence(raw, j, paragraph.end)) {
      i = j - 1;
      continue;
    }
    if (ch === '.' && j === i + 1 && !endsSentence(raw, i, nextNonSpace(raw, j), paragraph.start)) {
      continue;
    }
    push(j);
    i = j - 1;
  }
  push(paragraph.end);
  return spans;
}

// Outside a quotation a double quote always opens one, so only single marks and brackets close.
function skipClosers(raw: string, from: number, end: number): number {
  let j = from;
  while (j < end && CLOSERS.has(raw[j] ?? '')) j++;
  return j;
}

/** White space, then something that can open a sentence: a capital, digit, quote or bracket. */
function startsNewSentence(raw: string, at: number, end: number): boolean {
  if (at >= end || !/\s/.test(raw[at] ?? '')) return false;
  return /[\p{Lu}\p{N}"“‘'([]/u.test(raw[nextNonSpace(raw, at)] ?? '');
}

function nextNonSpace(raw: string, from: number): number {
  let k = from;
  while (k < raw.length && /\s/.test(raw[k] ?? '')) k++;
  return k;
}

/** True when the period at `dot` ends a sentence, judged from the word before it. */
function endsSentence(raw: string, dot: number, nextStart: number, floor: number): boolean {
  let w = dot;
  while (w > floor && /[\p{L}\p{N}.'’-]/u.test(raw[w - 1] ?? '')) w--;
  const word = raw.slice(w, dot);
  const bare = word.replace(/^['’]+/, '');
  if (ABBREVIATIONS.has(bare.toLowerCase())) return false;
  // A single capital letter is an initial: `John F. Kennedy`.
  if (/^\p{Lu}$/u.test(bare)) return false;
  // Dotted acronyms (`U.S.`, `G.O.O.D.`) end a sentence only before a typical sentence opener.
  if (/^(\p{L}\.)+\p{L}$/u.test(bare)) {
    const nextWord =
      /^[\p{L}]+/u.exec(raw.slice(nextStart, nextStart + 24))?.[0]?.toLowerCase() ?? '';
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/** `friendship.Legend`: a lower-case word, a period, then a capitalised word with no space. */
function isGluedSentence(raw: string, dot: number): boolean {
  const before = raw.slice(Math.max(0, dot - 3), dot);
  const after = raw.slice(dot + 1, dot + 3);
  return /^\p{Ll}{3}$/u.test(before) && /^\p{Lu}\p{Ll}$/u.test(after);
}

/** True when the quotation mark at `mark` follows sentence punctuation with no space. */
function gluedAfterTerminal(raw: string, mark: number, floor: number): boolean {
  if (mark <= floor) return false;
  const prev = raw[mark - 1] ?? '';
  const next = raw[mark + 1] ?? '';
  return /[.!?]/.test(prev) && /\p{Lu}/u.test(next) && /\p{Ll}/u.test(raw[mark - 2] ?? '');
}

function trim(raw: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(raw[s] ?? '')) s++;
  while (e > s && /\s/.test(raw[e - 1] ?? '')) e--;
  return { start: s, end: e };
}
