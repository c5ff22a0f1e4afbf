/**
 * The publication date at the top of an article, in the forms people save articles with: a
 * first line that is only a date (`2025-07-10`, `Date: 2025-07-09`, `Published: July 9, 2025`,
 * `Tuesday, 8 July 2025`, an ISO timestamp), the seeds' ` date YYYY-MM-DD ` prefix before the
 * text, or YAML-style front matter (`---`, `date: 2025-07-09`, `title: ...`, `---`). Only what is
 * unambiguous is read: `07/09/2025` could be July or September, so it is reported, never guessed.
 */

/** The seeds' form: ` date 2022-08-05 ` and the article text on the same line. */
const DATE_PREFIX = /^\s*date (\d{4}-\d{2}-\d{2}) /;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const LABEL =
  '(?:(?:date|dated|published|publication date|posted|updated|pubdate|first published)(?:\\s+on)?\\s*[:\\-–—]?\\s*)?';
const WEEKDAY = '(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\\.?,?\\s+)?';
const TIME =
  '(?:(?:[T\\s]|,?\\s+at\\s+)\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?\\s*(?:[ap]\\.?m\\.?)?\\s*(?:z|utc|gmt|[ecmp][sd]t|[+-]\\d{2}:?\\d{2})?)?';

/** Each accepted form, with how to read year, month and day from its groups. */
const FORMS: readonly {
  pattern: RegExp;
  read: (m: RegExpExecArray) => [string, string, string];
}[] = [
  {
    // 2025-07-09, 2025/07/09, 2025-07-09T10:00:00Z
    pattern: new RegExp(`^${LABEL}${WEEKDAY}(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})${TIME}$`, 'i'),
    read: (m) => [m[1] ?? '', m[2] ?? '', m[3] ?? ''],
  },
  {
    // July 9, 2025 · Jul. 9th 2025
    pattern: new RegExp(
      `^${LABEL}${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}$`,
      'i',
    ),
    read: (m) => [m[3] ?? '', m[1] ?? '', m[2] ?? ''],
  },
  {
    // 9 July 2025 · 9th of July, 2025
    pattern: new RegExp(
      `^${LABEL}${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})${TIME}$`,
      'i',
    ),
    read: (m) => [m[3] ?? '', m[2] ?? '', m[1] ?? ''],
  },
];

/** A line this short with a date-like shape, not read, is worth a warning. */
const SUSPECT_MAX_CHARS = 60;
const SUSPECT = new RegExp(
  [
    // labelled: `Date: 07/09/2025`, `Published: yesterday`
    '^(?:date|dated|published|posted|updated|pubdate)\\s*[:\\-–—]',
    // a numeric date alone: `07/09/2025`, `9.7.2025 10:00`
    `^\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}${TIME}$`,
    // a month and day alone, without a year: `July 9`, `Tuesday, July 9th`
    `^${WEEKDAY}${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?$`,
  ].join('|'),
  'i',
);

/** What the first line of an article says about its date. */
export type DateLine =
  /** The line is a date; `length` characters of it are the date (the whole line, or the seeds' prefix). */
  | { readonly kind: 'date'; readonly date: string; readonly length: number }
  /** The line looks like a date but is not one rift can read unambiguously. */
  | { readonly kind: 'unread'; readonly text: string }
  | { readonly kind: 'none' };

/**
 * Reads the first non-blank line of an article as a publication date.
 *
 * @example
 * readDateLine('Date: 2025-07-09') // { kind: 'date', date: '2025-07-09', length: 16 }
 * readDateLine(' date 2022-08-05 When it comes to ...') // { kind: 'date', date: '2022-08-05', length: 17 }
 * readDateLine('Date: 07/09/2025') // { kind: 'unread', text: 'Date: 07/09/2025' }
 */
export function readDateLine(line: string): DateLine {
  const prefix = DATE_PREFIX.exec(line);
  if (prefix?.[1] && validDate(prefix[1])) {
    return { kind: 'date', date: prefix[1], length: prefix[0].length };
  }
  const text = line.trim();
  const date = readDate(text);
  if (date) return { kind: 'date', date, length: line.length };
  if (text.length <= SUSPECT_MAX_CHARS && SUSPECT.test(text)) return { kind: 'unread', text };
  return { kind: 'none' };
}

/**
 * A date written alone (optionally labelled, with a weekday or a time), as `YYYY-MM-DD`; null
 * when it is not one of the unambiguous forms or not a real day.
 *
 * @example
 * readDate('Published: July 9, 2025') // '2025-07-09'
 */
export function readDate(text: string): string | null {
  for (const form of FORMS) {
    const m = form.pattern.exec(text.trim());
    if (!m) continue;
    const [year, month, day] = form.read(m);
    const monthNumber = /^\d+$/.test(month) ? Number(month) : monthOf(month);
    const key = `${year}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`;
    return validDate(key) ? key : null;
  }
  return null;
}

/** Keys of front matter rift reads; others are left out of the text and ignored. */
export interface FrontMatter {
  /** Characters the block takes at the start of the file, closing `---` line included. */
  readonly length: number;
  readonly date: string | null;
  /** The `date` value when it is there but could not be read. */
  readonly unreadDate: string | null;
  /** Offsets of the `title` value in the file, so the title stays verbatim. */
  readonly title: { readonly start: number; readonly end: number } | null;
}

/** The longest front matter read; a longer block is treated as article text. */
const MAX_FRONT_MATTER_CHARS = 4096;

/**
 * YAML-style front matter at the very start of a file: `---`, `key: value` lines, `---`.
 * Reads `date` (or `published`) and `title`; null when the file does not start with a block.
 *
 * @example
 * readFrontMatter('---\ntitle: Pier reopens\ndate: 2025-07-09\n---\nThe pier ...')
 * // { length: 44, date: '2025-07-09', unreadDate: null, title: { start: 11, end: 23 } }
 */
export function readFrontMatter(raw: string): FrontMatter | null {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(raw);
  if (!open) return null;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = open[0].length - 1;
  const end = close.exec(raw);
  if (!end || end.index > MAX_FRONT_MATTER_CHARS) return null;
  let date: string | null = null;
  let unreadDate: string | null = null;
  let title: FrontMatter['title'] = null;
  const body = raw.slice(0, end.index);
  const field = /^([A-Za-z_][\w -]*?)[ \t]*:[ \t]*(.*?)[ \t]*\r?$/gm;
  field.lastIndex = open[0].length;
  for (let m = field.exec(body); m; m = field.exec(body)) {
    const key = (m[1] ?? '').toLowerCase().replace(/[\s_-]+/g, '');
    const value = m[2] ?? '';
    const unquoted = /^(["'])(.*)\1$/.exec(value);
    const text = unquoted ? (unquoted[2] ?? '') : value;
    const valueStart = m.index + m[0].indexOf(value, (m[1] ?? '').length) + (unquoted ? 1 : 0);
    if ((key === 'date' || key === 'published' || key === 'publicationdate') && !date) {
      date = readDate(text);
      if (!date && text.trim()) unreadDate = text.trim();
    } else if (key === 'title' && text.trim() && !title) {
      title = { start: valueStart, end: valueStart + text.length };
    }
  }
  return { length: end.index + end[0].length, date, unreadDate: date ? null : unreadDate, title };
}

function monthOf(name: string): number {
  const prefix = name.replace('.', '').slice(0, 3).toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(prefix)) + 1;
}

function validDate(key: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
