/**
 * What English itself says about a word, from the lexicon and part-of-speech tagger of
 * wink-nlp's English model: whether a capitalised word is an ordinary English word (`Manager`,
 * `Organizer`, `Plant`, `Meanwhile`) or not (`Dwayne`, `Vrba`, `Okafor`). Names of people are
 * mostly not in the lexicon; titles, role nouns, adverbs and the words of organisations mostly
 * are. Nothing here is about one story.
 */

import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';

/** The tags of the Universal Dependencies part-of-speech set the model uses. */
export type PartOfSpeech = string;

interface EnglishWord {
  /** True when the lower-case word is in the model's lexicon. */
  readonly known: boolean;
  /** The tag of the lower-case word in a neutral frame (`the manager said` -> NOUN). */
  readonly pos: PartOfSpeech;
}

let nlp: ReturnType<typeof winkNLP> | null = null;
let lexiconSize = 0;
const cache = new Map<string, EnglishWord>();

function load(): ReturnType<typeof winkNLP> {
  if (nlp) return nlp;
  // Loaded on first use, not at import: the model takes a moment to parse, and a story read from
  // its snapshot never needs it.
  const require = createRequire(import.meta.url);
  const wink = require('wink-nlp') as typeof winkNLP;
  nlp = wink(require('wink-eng-lite-web-model'));
  // Words outside the lexicon get ids after its last entry, in the order they are first read:
  // the id of a word no lexicon has is where the lexicon ends.
  const probe = nlp.readDoc('qzxqvkjw').tokens().out(nlp.its.uniqueId) as unknown as number[];
  lexiconSize = probe[0] ?? 0;
  return nlp;
}

/**
 * The lexicon's view of a word, ignoring case; cached, since a corpus repeats its names.
 *
 * @example
 * englishWord('Manager') // { known: true, pos: 'NOUN' }
 * englishWord('Okafor')  // { known: false, pos: 'NOUN' }
 */
export function englishWord(word: string): EnglishWord {
  const key = word.toLowerCase();
  const cached = cache.get(key);
  if (cached) return cached;
  const engine = load();
  const tokens = engine.readDoc(`the ${key} said`).tokens();
  const ids = tokens.out(engine.its.uniqueId) as unknown as number[];
  const tags = tokens.out(engine.its.pos) as string[];
  const single = ids.length === 3;
  const found: EnglishWord = {
    known: single && (ids[1] ?? lexiconSize) < lexiconSize,
    pos: single ? (tags[1] ?? 'X') : 'X',
  };
  cache.set(key, found);
  return found;
}

/** True when the lower-case word is an ordinary English word: not a likely name. */
export function isEnglishWord(word: string): boolean {
  return englishWord(word).known;
}

/** True when the word is an ordinary English noun (`Manager`, `Organizer`), not an adjective. */
export function isEnglishNoun(word: string): boolean {
  const english = englishWord(word);
  return english.known && english.pos === 'NOUN';
}

/** Parts of speech no word of a name has when it is an English word (`It`, `Here`, `Now`). */
const FUNCTION_TAGS = new Set([
  'PRON',
  'ADV',
  'DET',
  'ADP',
  'AUX',
  'CCONJ',
  'SCONJ',
  'PART',
  'INTJ',
]);

/** True for an English pronoun, adverb, determiner, preposition, conjunction and the like. */
export function isFunctionWord(word: string): boolean {
  const english = englishWord(word);
  return english.known && FUNCTION_TAGS.has(english.pos);
}

/** True for an English pronoun (`he`, `it`, `they`). */
export function isPronoun(word: string): boolean {
  const english = englishWord(word);
  return english.known && english.pos === 'PRON';
}

/** True for an English verb or auxiliary (`was`, `lifted`): no word of a noun phrase naming a speaker. */
export function isVerb(word: string): boolean {
  const english = englishWord(word);
  return english.known && (english.pos === 'VERB' || english.pos === 'AUX');
}
