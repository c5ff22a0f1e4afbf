import { readDateLine, readFrontMatter } from './dateline.ts';
import type { RemovedKind, RemovedLine, Span } from './types.ts';

/** Patterns (case-insensitive regular-expression sources) for lines that are not article text. */
export interface CleaningOptions {
  /** Extra boilerplate patterns, e.g. from `config/cleaning.json`; a matching line is dropped. */
  readonly boilerplate: readonly string[];
}

/** The outcome of cleaning one article: its text lines and the lines dropped. */
export interface CleanedLines {
  readonly date: string | null;
  /** A date line or front-matter date that looks like a date but could not be read, or null. */
  readonly unreadDate: string | null;
  /** Kept lines, in order, as spans of the raw text with surrounding white space trimmed. */
  readonly lines: readonly (Span & { readonly headline: boolean })[];
  readonly removed: readonly RemovedLine[];
}

// Photo credits: "Credit: ...", "Source: Jeff Kravitz/MTV1415 / Getty", "... | Credit: X/WireImage".
const CREDIT =
  /(^(photo|image|picture|source|credit|credits|photograph)s?\s*(by)?\s*:)|(\|\s*(photo\s+)?credit\s*:)|(\/\s*(getty( images)?|wireimage|filmmagic|shutterstock|reuters|ap|afp|invision)\s*$)/i;
const READ_TIME = /^[·•\-\s]*\d+\s*[-\s]?min(ute)?s?\.?\s+read\s*$/i;
const VIDEO_LABEL = /^(\S+\s+){0,3}(video|watch|photos|gallery|listen)$/i;
const READ_MORE = /^(read more|related|more from|see also|also read|watch)\s*:/i;
// Web-page furniture common to news sites; stories add their own through `CleaningOptions`.
const WEB_BOILERPLATE = [
  /comment policy/i,
  /^our goal is to create a safe and engaging place/i,
  /\bsuspending (article )?comment/i,
  /^check out .{0,160}\b(above|below)\.?$/i,
  /^(sign up|subscribe)\b.{0,120}\bnewsletter/i,
  /^advertisement$/i,
  /^(click|tap) here\b/i,
];
// A line that ends a sentence ends with one of these (possibly followed by closing marks).
const TERMINAL = /[.!?…:;]["”'’)\]]*$/;
const MAX_LABEL_WORDS = 20;

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Splits an article into lines and removes what is not article text: the date line or front
 * matter (see `dateline.ts`; its `title` becomes the headline), photo
 * credits and captions, read-time badges, video labels, related-article headlines dropped between
 * paragraphs, and boilerplate matching the configured patterns. The first line without sentence
 * punctuation is kept as the headline.
 *
 * @example
 * cleanLines(' date 2022-08-05 When it comes to ...').date // '2022-08-05'
 */
export function cleanLines(raw: string, options: CleaningOptions): CleanedLines {
  const boilerplate = options.boilerplate.map((source) => new RegExp(source, 'i'));
  const removed: RemovedLine[] = [];
  const candidates: (Span & { title?: boolean })[] = [];
  let date: string | null = null;
  let unreadDate: string | null = null;
  let offset = 0;

  const front = readFrontMatter(raw);
  if (front) {
    removed.push({
      start: 0,
      end: front.length,
      kind: 'front-matter',
      text: raw.slice(0, front.length),
    });
    date = front.date;
    unreadDate = front.unreadDate;
    // The front matter's title is the headline, kept verbatim where it stands in the file.
    if (front.title) candidates.push({ ...front.title, title: true });
    offset = front.length;
  }
  let firstLine = !front || (!front.date && !front.unreadDate);
  for (const line of raw.slice(offset).split('\n')) {
    let start = offset;
    const end = offset + line.length;
    offset = end + 1;
    if (firstLine && line.trim()) {
      firstLine = false;
      const read = readDateLine(line);
      if (read.kind === 'date') {
        date = read.date;
        const whole = read.length >= line.length;
        removed.push({
          start,
          end: start + read.length,
          kind: whole ? 'date-line' : 'date-prefix',
          text: line.slice(0, read.length),
        });
        start += read.length;
      } else if (read.kind === 'unread') {
        // Not article text, and not a date rift can trust: left out of both, and reported.
        unreadDate = read.text;
        removed.push({ start, end, kind: 'date-line', text: line });
        continue;
      }
    }
    const span = trimSpan(raw, start, end);
    if (span.end > span.start) candidates.push(span);
  }

  const lines: (Span & { headline: boolean })[] = [];
  const drop = (span: Span, kind: RemovedKind) =>
    removed.push({ ...span, kind, text: raw.slice(span.start, span.end) });

  for (const [i, span] of candidates.entries()) {
    if (span.title) {
      lines.push({ start: span.start, end: span.end, headline: true });
      continue;
    }
    const text = raw.slice(span.start, span.end);
    const kind = classify(text, boilerplate);
    if (kind) {
      drop(span, kind);
      continue;
    }
    const unpunctuated = !TERMINAL.test(text) && words(text) <= MAX_LABEL_WORDS;
    if (!unpunctuated) {
      lines.push({ ...span, headline: false });
      continue;
    }
    // The first unpunctuated line before any article text is the headline. Later ones are
    // captions (next to a credit) or headlines of related articles dropped into the page.
    if (lines.length === 0) {
      lines.push({ ...span, headline: true });
      continue;
    }
    const next = candidates[i + 1];
    const nextIsCredit = next !== undefined && CREDIT.test(raw.slice(next.start, next.end));
    drop(span, nextIsCredit ? 'caption' : 'related-headline');
  }

  removed.sort((a, b) => a.start - b.start);
  return { date, unreadDate, lines, removed };
}

function classify(text: string, boilerplate: readonly RegExp[]): RemovedKind | null {
  if (CREDIT.test(text)) return 'credit';
  if (READ_TIME.test(text)) return 'read-time';
  if (VIDEO_LABEL.test(text)) return 'video-label';
  if (READ_MORE.test(text)) return 'boilerplate';
  if (WEB_BOILERPLATE.some((pattern) => pattern.test(text))) return 'boilerplate';
  if (boilerplate.some((pattern) => pattern.test(text))) return 'boilerplate';
  return null;
}

function trimSpan(raw: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(raw[s] ?? '')) s++;
  while (e > s && /\s/.test(raw[e - 1] ?? '')) e--;
  return { start: s, end: e };
}
