/**
 * Date mentions in article prose: explicit (`November 2, 2022`, `April 2018`, `in 2016`, `his
 * 2004 debut`), partial (`September 9th`) and relative (`last year`, `this week`, `on Thursday`,
 * `in the early 2000s`). Partial and relative dates are resolved against the article's
 * publication date; an article without one yields only the explicit dates. Nothing is guessed
 * beyond what the words say: a decade is its first year, marked approximate.
 */

/** A date as precise as the text gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type DateKey = string;

/** One date found in a text. */
export interface DateMention {
  /** Offsets of the words that give the date, in the text searched. */
  readonly start: number;
  readonly end: number;
  /** The words themselves, verbatim (`last year`, `April 2018`). */
  readonly text: string;
  readonly date: DateKey;
  /** True when the words name a span rather than a point (`this week`, `the early 2000s`). */
  readonly approximate: boolean;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const MONTH = `(${MONTH_NAMES.join('|')}|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)`;
const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
const YEAR = '(1[89]\\d\\d|20\\d\\d)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';

/** Earliest and latest years read as years (a bare `1500` or `2400` is more likely a count). */
const MIN_YEAR = 1800;
const MAX_YEAR = 2100;
/** A bare year directly before a plural noun is a count (`2000 fans`) unless a cue precedes it. */
const YEAR_CUE =
  /(?:\b(?:in|since|of|by|until|till|before|after|from|to|through|during|between|and|or|circa|around|early|late|mid|his|her|their|its|the|a|an|our|my|your)|['’]s|[-–—(])\s*$/i;
const NUMBER_GUARD_BEFORE = /[$£€#\d][\d,.]*$|\d[,.]$/;
const NUMBER_GUARD_AFTER = /^(?:[,.]\d|%|\s*(?:percent|per cent)\b|-year|\d)/i;

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

interface Rule {
  readonly pattern: RegExp;
  /** Needs the publication date; skipped when the article has none. */
  readonly relative: boolean;
  readonly resolve: (
    match: RegExpExecArray,
    published: Day | null,
    text: string,
  ) => { date: DateKey; approximate: boolean } | null;
}

/** A calendar day in UTC. */
interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const RULES: readonly Rule[] = [
  {
    // November 2, 2022 · Nov. 2nd 2022
    pattern: new RegExp(`\\b${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`, 'g'),
    relative: false,
    resolve: (m) => fullDate(Number(m[3]), monthIndex(m[1]), Number(m[2])),
  },
  {
    // 2 November 2022
    pattern: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'g'),
    relative: false,
    resolve: (m) => fullDate(Number(m[3]), monthIndex(m[2]), Number(m[1])),
  },
  {
    // April 2018 · April of 2018
    pattern: new RegExp(`\\b${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, 'g'),
    relative: false,
    resolve: (m) => {
      const month = monthIndex(m[1]);
      return month ? { date: `${m[2]}-${pad(month)}`, approximate: false } : null;
    },
  },
  {
    // September 9th (the year from the publication date)
    pattern: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?![,.]?\\d)`, 'g'),
    relative: true,
    resolve: (m, published) => partialDate(published, monthIndex(m[1]), Number(m[2])),
  },
  {
    // 9th of September
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)\\s+of\\s+${MONTH}\\b`, 'g'),
    relative: true,
    resolve: (m, published) => partialDate(published, monthIndex(m[2]), Number(m[1])),
  },
  {
    // the early 2000s · the 1990s · mid-1980s
    pattern: /\b(?:(early|mid|late)[-\s]+)?((?:1[89]|20)\d0)['’]?s\b/gi,
    relative: false,
    resolve: (m) => ({ date: String(m[2]), approximate: true }),
  },
  {
    // in 2016 · his 2004 debut · since 2014
    pattern: new RegExp(`\\b${YEAR}\\b(?!['’]?s\\b)`, 'g'),
    relative: false,
    resolve: (m, _published, text) => bareYear(m, text),
  },
  {
    pattern: /\b(last|this|next|previous|past)\s+year\b/gi,
    relative: true,
    resolve: (m, p) => (p ? { date: String(p.year + shift(m[1])), approximate: false } : null),
  },
  {
    pattern: /\b(last|this|next|previous|past)\s+month\b/gi,
    relative: true,
    resolve: (m, p) =>
      p ? { date: monthKey(p.year, p.month + shift(m[1])), approximate: false } : null,
  },
  {
    pattern: /\b(last|this|next|previous|past)\s+week\b/gi,
    relative: true,
    resolve: (m, p) =>
      p ? { date: dayKey(addDays(p, 7 * shift(m[1]))), approximate: true } : null,
  },
  {
    // lower case only: `Halden Today` is a show, not a date
    pattern: /\b(yesterday|today|tonight|this morning|this afternoon|this evening)\b/g,
    relative: true,
    resolve: (m, p) =>
      p ? { date: dayKey(addDays(p, m[1] === 'yesterday' ? -1 : 0)), approximate: false } : null,
  },
  {
    // `on Friday`, and `On Friday,` opening a sentence; the weekday itself is always capitalised
    pattern: new RegExp(
      `\\b([Oo]n|[Ll]ast|[Tt]his|[Nn]ext|[Ss]ince|[Uu]ntil|[Bb]y)\\s+(${WEEKDAYS.join('|')})\\b`,
      'g',
    ),
    relative: true,
    resolve: (m, p, text) => weekday(m, p, text),
  },
  {
    pattern:
      /\b(\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(year|month|week|day)s?\s+ago\b/gi,
    relative: true,
    resolve: (m, p) => ago(m, p),
  },
];

/**
 * Finds the dates a text mentions, left to right, each span used once (the most precise
 * reading wins: `April 2018` is one mention, not a month and a year).
 *
 * @param published - the article's publication date `YYYY-MM-DD`, or null
 * @example
 * findDates('It all started in 2016 when Ye met with Donald Trump.', null)
 * // [{ text: '2016', date: '2016', approximate: false, start: 18, end: 22 }]
 * findDates('he said on The Axe Files podcast this week', '2022-08-05')[0]?.date // '2022-08-05'
 */
export function findDates(text: string, published: string | null): DateMention[] {
  const day = parseDay(published);
  const taken: { start: number; end: number }[] = [];
  const found: DateMention[] = [];
  for (const rule of RULES) {
    if (rule.relative && !day) continue;
    rule.pattern.lastIndex = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      const resolved = rule.resolve(match as RegExpExecArray, day, text);
      if (!resolved) continue;
      taken.push({ start, end });
      found.push({ start, end, text: match[0], ...resolved });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A date key as people write it: `2018` stays `2018`, `2018-04` is `April 2018`, `2022-08-05`
 * is `August 5, 2022`. Anything else is returned unchanged.
 *
 * @example
 * formatDateKey('2018-04') // 'April 2018'
 */
export function formatDateKey(date: DateKey): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) return date;
  const month = m[2] ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  if (!m[2]) return String(m[1]);
  if (!month) return date;
  return m[3] ? `${month} ${Number(m[3])}, ${m[1]}` : `${month} ${m[1]}`;
}

/** Number of parts of a date key: 1 for a year, 2 for a month, 3 for a day. */
export function precision(date: DateKey): number {
  return date.split('-').length;
}

/** True when one date contains the other (`2018` and `2018-04`) or they are equal. */
export function compatibleDates(a: DateKey, b: DateKey): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

// ---------------------------------------------------------------------------------------------

function bareYear(
  match: RegExpExecArray,
  text: string,
): { date: DateKey; approximate: boolean } | null {
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const start = match.index ?? 0;
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(start + match[0].length, start + match[0].length + 20);
  if (NUMBER_GUARD_BEFORE.test(before) || NUMBER_GUARD_AFTER.test(after)) return null;
  // `2000 fans`: a count before a plural noun, unless a preposition or determiner says year.
  if (!YEAR_CUE.test(before) && /^\s+\p{Ll}+s\b/u.test(after)) return null;
  return { date: String(year), approximate: false };
}

function weekday(
  match: RegExpExecArray,
  published: Day | null,
  text: string,
): { date: DateKey; approximate: boolean } | null {
  if (!published) return null;
  const target = WEEKDAYS.indexOf(match[2] as (typeof WEEKDAYS)[number]);
  if (target < 0) return null;
  // `on Sunday Sideline`: a capitalised word right after makes it a name.
  const after = text.slice((match.index ?? 0) + match[0].length);
  if (/^\s+\p{Lu}/u.test(after)) return null;
  const current = new Date(
    Date.UTC(published.year, published.month - 1, published.day),
  ).getUTCDay();
  const cue = (match[1] ?? '').toLowerCase();
  const forward =
    cue === 'next' ||
    (cue !== 'last' && cue !== 'since' && looksAhead(text, match.index ?? 0, match[0].length));
  const delta = forward ? (target - current + 7) % 7 || 7 : -((current - target + 7) % 7);
  return { date: dayKey(addDays(published, delta)), approximate: false };
}

/** Words that put a clause in the future: `will sign`, `is expected to sign`, `due to meet`. */
const FUTURE =
  /\b(will|['’]ll|shall|going to|expected to|due to|set to|plans? to|planning to|scheduled|slated|intends? to|aims? to|hopes? to|upcoming|would)\b/i;
/** How far around a weekday its clause's verb is looked for. */
const TENSE_WINDOW_WORDS = 6;

/**
 * Whether the clause of a weekday (`on Wednesday`) speaks of the future: a future marker among
 * the few words before it in its clause (`is expected to sign on Wednesday`; `said on Monday
 * that he will ...` keeps Monday past), or, when the weekday opens its clause (`On Friday, the
 * council will vote`), among the few words after it.
 */
function looksAhead(text: string, start: number, length: number): boolean {
  const clause =
    text
      .slice(0, start)
      .split(/[.;:!?,]|\bthat\b|\bbut\b/i)
      .at(-1) ?? '';
  const before = clause.trim().split(/\s+/).filter(Boolean).slice(-TENSE_WINDOW_WORDS);
  if (before.length > 0) return FUTURE.test(before.join(' '));
  const after = text
    .slice(start + length)
    .replace(/^\s*,/, '')
    .split(/[.;:!?,]/)[0];
  return FUTURE.test((after ?? '').trim().split(/\s+/).slice(0, TENSE_WINDOW_WORDS).join(' '));
}

function ago(
  match: RegExpExecArray,
  published: Day | null,
): { date: DateKey; approximate: boolean } | null {
  if (!published) return null;
  const raw = (match[1] ?? '').toLowerCase();
  const n = /^\d+$/.test(raw) ? Number(raw) : (NUMBER_WORDS[raw] ?? 0);
  if (!n) return null;
  switch ((match[2] ?? '').toLowerCase()) {
    case 'year':
      return { date: String(published.year - n), approximate: true };
    case 'month':
      return { date: monthKey(published.year, published.month - n), approximate: true };
    case 'week':
      return { date: dayKey(addDays(published, -7 * n)), approximate: true };
    default:
      return { date: dayKey(addDays(published, -n)), approximate: true };
  }
}

function fullDate(
  year: number,
  month: number | null,
  day: number,
): { date: DateKey; approximate: boolean } | null {
  if (!month || !validDay(year, month, day)) return null;
  return { date: `${year}-${pad(month)}-${pad(day)}`, approximate: false };
}

/** The occurrence of a month and day nearest to the publication date. */
function partialDate(
  published: Day | null,
  month: number | null,
  day: number,
): { date: DateKey; approximate: boolean } | null {
  if (!published || !month) return null;
  const base = Date.UTC(published.year, published.month - 1, published.day);
  let best: { year: number; distance: number } | null = null;
  for (const year of [published.year - 1, published.year, published.year + 1]) {
    if (!validDay(year, month, day)) continue;
    const distance = Math.abs(Date.UTC(year, month - 1, day) - base);
    if (!best || distance < best.distance) best = { year, distance };
  }
  return best ? fullDate(best.year, month, day) : null;
}

function parseDay(date: string | null): Day | null {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!m) return null;
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return validDay(day.year, day.month, day.day) ? day : null;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthIndex(name: string | undefined): number | null {
  if (!name) return null;
  const prefix = name.replace('.', '').slice(0, 3).toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m.slice(0, 3).toLowerCase() === prefix);
  return i >= 0 ? i + 1 : null;
}

function shift(word: string | undefined): number {
  const w = (word ?? '').toLowerCase();
  return w === 'next' ? 1 : w === 'this' ? 0 : -1;
}

function addDays(day: Day, n: number): Day {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function monthKey(year: number, month: number): DateKey {
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

function dayKey(day: Day): DateKey {
  return `${day.year}-${pad(day.month)}-${pad(day.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
