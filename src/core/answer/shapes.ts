/**
 * Answer shapes: what in a passage could be the answer a question wants, a date, a number or a
 * name, counted only where the question does not already say it (a date the question gives is
 * no answer to "when").
 */
import { fold } from '../text/fold.ts';

/** Answer-shaped words of a passage that the question does not already hold. */
export interface PassageShapes {
  /** A year, decade, century, month or dated day. */
  readonly date: boolean;
  /** A figure: digits, a number word, a share. */
  readonly number: boolean;
  /** A capitalised name or group (`CBS`, `the Mongols`, `Lord Kitchener`) not opening the sentence. */
  readonly name: boolean;
  /** A capitalised name after a preposition of place (`in Warsaw`, `near Boston`). */
  readonly place: boolean;
  /**
   * A name word of someone the corpus knows as a person (`Legend`, `Khan`): the answer to
   * "who", seldom to "where" or "when". Also a `name`.
   */
  readonly person: boolean;
  /** A capitalised title in quotation marks (`“Blame Game”`, `"Hey Jude"`, `'Halden Today'`). */
  readonly title: boolean;
}

const MONTH =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;
const DATE_WORD =
  /^(century|centuries|decade|decades|bc|bce|ad|ce|yesterday|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|winter|era|period|age)$/;
const YEAR = /^(1\d{3}|20\d{2}|\d{1,4}(s|st|nd|rd|th))$/;
const BARE_YEAR = /^(1\d{3}|20\d{2})$/;
const NUMBER_WORD =
  /^(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|trillion|dozen|dozens|half|twice|percent|per|majority|minority|several|few|many|once)$/;
const PLACE_PREPOSITION = /^(in|at|from|near|to|into|across|outside|inside|throughout)$/;
/** A short capitalised phrase in quotation marks: a title, not a quotation. */
const QUOTED_TITLE =
  /(?<![\p{L}\p{N}])["“‘'](\p{Lu}(?:[^"“”‘’'.!?]|['’](?=\p{L})){0,40}?)[,.]?["”’'](?![\p{L}\p{N}])/gu;
const TOKEN = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.!?]["”’')\]]*\s/;

const DATE = 1;
const NUMBER = 2;
const NAME = 4;
const PLACE = 8;

/**
 * The words of a passage that can give it a shape, found once per passage: each folded word
 * with the shapes it gives unless the question asks it, and the words of each quoted title.
 */
export interface ShapeWords {
  readonly words: readonly string[];
  /** Bit set per word: date 1, number 2, name 4, place 8. */
  readonly shapes: Uint8Array;
  readonly titles: readonly (readonly string[])[];
}

/** What a token gives on its own, wherever it stands: its folded word, date and number shapes. */
interface TokenShape {
  readonly word: string;
  readonly capitalised: boolean;
  /** DATE and NUMBER bits. */
  readonly shape: number;
}

/**
 * Tokens read so far: a corpus repeats a small vocabulary, and each token's word and shapes
 * take several patterns to find. Bounded like the lexicon's stems: emptied when full.
 */
const tokenShapes = new Map<string, TokenShape>();
const MAX_TOKEN_SHAPES = 50_000;

function tokenShape(raw: string): TokenShape {
  const known = tokenShapes.get(raw);
  if (known) return known;
  const word = fold(raw).replace(/[’']s$/, '');
  const capitalised = /^\p{Lu}/u.test(raw);
  let shape = 0;
  // `may` is a month only when written as one.
  const month = MONTH.test(word) && capitalised;
  if (YEAR.test(word) || month || DATE_WORD.test(word)) shape |= DATE;
  // A year is a date, not an amount: `in 2014` answers "when", not "how much".
  if ((/\d/.test(word) && !BARE_YEAR.test(word)) || NUMBER_WORD.test(word)) shape |= NUMBER;
  const found = { word, capitalised, shape };
  if (tokenShapes.size >= MAX_TOKEN_SHAPES) tokenShapes.clear();
  tokenShapes.set(raw, found);
  return found;
}

/** Reads the shape-bearing words of a text (see {@link ShapeWords}). */
export function shapeWords(text: string): ShapeWords {
  const found: string[] = [];
  const bits: number[] = [];
  let previous = '';
  let sentenceStart = true;
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const at = match.index ?? 0;
    // A sentence boundary between the last token and this one (it takes two characters at
    // least: most gaps are one space, and need no look).
    if (at - last >= 2 && SENTENCE_END.test(text.slice(last, at))) sentenceStart = true;
    last = at + raw.length;
    const token = tokenShape(raw);
    const { word, capitalised } = token;
    let shape = token.shape;
    if (capitalised && !sentenceStart) {
      shape |= NAME;
      if (PLACE_PREPOSITION.test(previous)) shape |= PLACE;
    }
    if (shape !== 0) {
      found.push(word);
      bits.push(shape);
    }
    previous = word;
    sentenceStart = false;
  }
  const titles = [...text.matchAll(QUOTED_TITLE)].map((m) =>
    (m[1] ?? '').split(/\s+/).map((w) => fold(w)),
  );
  return { words: found, shapes: Uint8Array.from(bits), titles };
}

/**
 * The answer shapes of a passage from its shape-bearing words. `asked` says whether a (folded)
 * word is one of the question's own: a shape made only of them does not count; `person`
 * whether a name word belongs to someone the corpus knows as a person.
 */
export function shapesOf(
  found: ShapeWords,
  asked: (word: string) => boolean,
  person: (word: string) => boolean = () => false,
): PassageShapes {
  let shape = 0;
  let personal = false;
  found.words.forEach((word, i) => {
    if (asked(word)) return;
    const bits = found.shapes[i] as number;
    shape |= bits;
    if ((bits & NAME) !== 0 && !personal && person(word)) personal = true;
  });
  return {
    date: (shape & DATE) !== 0,
    number: (shape & NUMBER) !== 0,
    name: (shape & NAME) !== 0,
    place: (shape & PLACE) !== 0,
    person: personal,
    title: found.titles.some((words) => words.some((w) => !asked(w))),
  };
}

/**
 * Finds the answer shapes of a passage. `asked` says whether a (folded) word is one of the
 * question's own: a shape made only of them does not count.
 *
 * @example
 * passageShapes('The mill closed in 1954.', (w) => w === 'mill').date // true
 */
export function passageShapes(
  text: string,
  asked: (word: string) => boolean,
  person?: (word: string) => boolean,
): PassageShapes {
  return shapesOf(shapeWords(text), asked, person);
}
