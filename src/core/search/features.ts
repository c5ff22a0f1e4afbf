import { words } from '../text/fold.ts';

/**
 * Cheap per-passage signals, computed once at index time, that tell whether a passage carries
 * the kind of answer a question wants: a cause for "why", a date for "when", and so on.
 */
export interface PassageFeatures {
  readonly cause: boolean;
  readonly date: boolean;
  readonly number: boolean;
  readonly place: boolean;
  readonly age: boolean;
  /** A short quoted title: `“Number One”`, `'All of Me'`. */
  readonly title: boolean;
  readonly negation: boolean;
  /** A negation that scopes a cause: `not because of`, `less friends because`, `isn't about`. */
  readonly qualifiedCause: boolean;
  /** The passage holds a quotation (someone's words). */
  readonly quote: boolean;
  /** Full names (folded) of the people the passage mentions. */
  readonly names: readonly string[];
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December';
// `since` and `over` are causal only before a clause or a matter: `since he ran`, `over the
// texts`; `since then`, `since 2016` and `over the years` are about time.
const CAUSE =
  /\b(because|since (?=(?:he|she|they|it|we|i|you)\b)|due to|as a result|reasons?|caused?|led to|over (his|her|their|the) (?!(?:years?|months?|weeks?|days?|decades?|past|last|next|course|weekend|summer|winter|spring|autumn|fall)\b)|blamed?|thanks to|in order to|to show|why|so that|proved|after (he|she|they|the|his|her)|setting up|set off|spark(ed|ing)?|trigger(ed|ing)?|prompt(ed|ing)|fuell?(ed|ing)|leading to|resulted in|stems? from)\b/i;
const DATE = new RegExp(
  `\\b(1[89]\\d\\d|20\\d\\d)s?\\b|\\b(${MONTHS})\\b|\\b(last|this|next) (year|month|week|summer|winter|spring|fall)\\b|\\b\\d{1,2}(st|nd|rd|th)\\b|\\b(yesterday|today|tonight|decades?|years? ago)\\b`,
);
const NUMBER =
  /\d|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?|half|twice|percent)\b/i;
// `in Wyoming`, `near Boston`; `at` only before a place noun (`at City Hall`), since `at X`
// is as often an employer or label (`at G.O.O.D. Music`).
const PLACE_CUE = new RegExp(
  `\\b(in|from|near|across|outside|inside) (the )?((?!(?:${MONTHS})\\b)\\p{Lu}[\\p{L}.]+)|\\bat (the )?(\\p{Lu}[\\p{L}.]+ ){0,3}(Hall|Center|Centre|Stadium|Park|Square|Street|Airport|House|Arena|Hotel|Church|School|University|College|Hospital|Court|Station|Palace|Gardens?)\\b`,
  'u',
);
const AGE = /\b\d{1,3}-year-old\b|\baged? \d{1,3}\b|, \d{1,3},/;
const TITLE = /(["“‘']|\s')(\p{Lu}[^"“”‘’]{0,40}?)(["”’'])(?![\p{L}])/u;
// A work named after the noun that says what it is: `debut album Get Lifted`.
const NAMED_WORK =
  /\b(album|debut|song|single|track|record|film|movie|show|book|podcast|series|novel|play)\s+(\p{Lu}[\p{L}'’]*)(\s+\p{Lu}[\p{L}'’]*)*/u;
const QUALIFIED_CAUSE =
  /(\bnot|\bnever|\bless|n[’']t)\s+(\S+\s+){0,3}(because|due to)\b|(\bnot|n[’']t)\s+(just |only |all |really |simply |solely )?(about|over)\b/i;
const NEGATION =
  /\b(not|never|no longer|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|won't|can't|cannot|less)\b|n[’']t\b/i;
const QUOTE = /["“][^"“”]{12,}["”]?/;

const firstWords = new WeakMap<readonly string[], Map<string, string[]>>();

/** The full names (folded, several words) occurring in a text, found word by word. */
function namesIn(tokens: readonly string[], fullNames: readonly string[]): string[] {
  let byFirst = firstWords.get(fullNames);
  if (!byFirst) {
    byFirst = new Map();
    for (const name of fullNames) {
      const first = name.split(' ')[0] ?? name;
      byFirst.set(first, [...(byFirst.get(first) ?? []), name]);
    }
    firstWords.set(fullNames, byFirst);
  }
  const found = new Set<string>();
  tokens.forEach((token, i) => {
    for (const name of byFirst.get(token) ?? []) {
      const parts = name.split(' ');
      if (parts.every((part, k) => tokens[i + k] === part)) found.add(name);
    }
  });
  return [...found];
}

/**
 * Computes the features of a passage's text.
 *
 * @example
 * passageFeatures('The artists met in New York when they were new to the industry.', new Set(), []).place // true
 */
export function passageFeatures(
  text: string,
  personNames: ReadonlySet<string>,
  fullNames: readonly string[],
  tokens: readonly string[] = words(text),
): PassageFeatures {
  const names = namesIn(tokens, fullNames);
  const placeMatch = PLACE_CUE.exec(text);
  const placeWord = placeMatch?.[3]?.toLowerCase() ?? '';
  return {
    cause: CAUSE.test(text),
    date: DATE.test(text),
    number: NUMBER.test(text),
    // A capitalised word after a locative preposition, unless it is a person's name.
    place: placeMatch !== null && !personNames.has(placeWord),
    age: AGE.test(text),
    title: TITLE.test(text) || NAMED_WORK.test(text),
    negation: NEGATION.test(text),
    qualifiedCause: QUALIFIED_CAUSE.test(text),
    quote: QUOTE.test(text),
    names,
  };
}
