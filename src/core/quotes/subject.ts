/**
 * Speakers that are not a named person: an organisation (`HRB Power said`, `The Ministry of the
 * Environment said in a news release`) or an unnamed description (`a spokesperson said`, `A
 * senior provincial official, who was not authorized to speak publicly, said`). Read from the
 * words of a cue when they name no known person; shown as the article names them.
 */
import { isEnglishWord, isVerb } from '../people/english.ts';
import { CAPITALISED_NON_NAMES, HONORIFICS, NON_PERSON_HEADS } from '../people/lexicon.ts';

/** What kind of speaker said a quotation. */
export type SpeakerKind = 'person' | 'organisation' | 'description';

/** A speaker read from a cue's words. */
export interface PhraseSpeaker {
  /** As the article names it: `Millbrook Water Commission`, `a senior provincial official`. */
  readonly name: string;
  readonly kind: SpeakerKind;
  /** The last word of a description (`official`, `spokesperson`), to resolve `the official`. */
  readonly head: string;
}

/** What a pronoun or a document in a cue stands for, resolved by the reader. */
export type PhraseReference =
  | { readonly kind: 'speaker'; readonly speaker: PhraseSpeaker }
  | { readonly kind: 'it' }
  | { readonly kind: 'document' }
  | { readonly kind: 'definite'; readonly head: string; readonly text: string };

const DETERMINERS = new Set(
  'a an another one some two three several many my his her their our its this that these those'.split(
    ' ',
  ),
);
const NAME_JOINERS = new Set(['of', 'the', 'for', 'and', '&', 'on', 'de', 'du', 'des', 'la', 'le']);
/** Nouns for what an organisation or a person issues: `the statement read`, `the release said`. */
export const DOCUMENT_NOUNS = new Set(
  'statement release post notice letter email e-mail message document tweet memo report filing website'.split(
    ' ',
  ),
);
/** Heads of descriptions that stand for an organisation (`the company said`, `the utility said`). */
export const ORGANISATION_NOUNS = new Set([
  ...NON_PERSON_HEADS,
  ...'company firm agency utility organization organisation government union team service authority corporation network'.split(
    ' ',
  ),
]);
const MAX_PHRASE_WORDS = 8;
const PREPOSITIONS = new Set('of for at from with in on by'.split(' '));

/**
 * Reads the words between a quotation and its speech verb (or after an inverted verb) when no
 * known person is among them. Returns null for anything that does not read as one speaker.
 *
 * @example
 * readSubject('a spokesperson')                    // { kind: 'speaker', speaker: { name: 'a spokesperson', kind: 'description', ... } }
 * readSubject('The RCMP')                          // { kind: 'speaker', speaker: { name: 'RCMP', kind: 'organisation', ... } }
 * readSubject('the statement')                     // { kind: 'document' }
 */
export function readSubject(phrase: string): PhraseReference | null {
  // An appositive or relative clause after a comma, and a trailing `in a statement`, are not the name.
  const text = phrase
    .split(/[,;:()—–]/)[0]
    ?.replace(/\s+(?:in|on|at|with|through|via|to)\s+.*$/i, '')
    .replace(/[^\p{L}\p{N}.&'’-]+$/u, '')
    .trim();
  if (!text) return null;
  const words = text.split(/\s+/);
  if (words.length > MAX_PHRASE_WORDS) return null;
  // `the advisory was lifted`: a clause, not a speaker.
  if (words.slice(1).some((w) => /^\p{Ll}/u.test(w) && isVerb(w))) return null;
  const first = words[0] ?? '';
  const low = first.toLowerCase();
  // `dock worker Tomas Vrba`: a description, then the name it introduces.
  const tail = trailingName(words);
  if (tail) return { kind: 'speaker', speaker: { name: tail, kind: 'person', head: '' } };
  if (words.length === 1 && (low === 'it' || low === 'they')) return { kind: 'it' };
  // `A statement from the EU said`: the document's author speaks.
  const from = /^(?:a|an|the|its|his|her|their)\s+(\S+)\s+from\s+(.+)$/i.exec(text);
  if (from?.[1] && from[2] && DOCUMENT_NOUNS.has(from[1].toLowerCase()))
    return readSubject(from[2]);
  if (DETERMINERS.has(low) || low === 'the') {
    if (words.length < 2) return null;
    const rest = words.slice(1);
    // `the Harbour Mariners`, `the EU`: a definite name is an organisation or a known person.
    if (low === 'the' && rest.every((w) => /^\p{Lu}/u.test(w) || NAME_JOINERS.has(w))) {
      return organisation(rest);
    }
    if (!/^[\p{Ll}\p{N}]/u.test(rest[0] ?? '') && !/^\p{Lu}/u.test(rest[rest.length - 1] ?? '')) {
      return null;
    }
    // The head noun comes before any prepositional phrase: `a spokesperson for the ministry`.
    const pp = rest.findIndex((w, i) => i > 0 && PREPOSITIONS.has(w.toLowerCase()));
    const noun = (rest[(pp < 0 ? rest.length : pp) - 1] ?? '').toLowerCase().replace(/['’]s$/, '');
    if (DOCUMENT_NOUNS.has(noun)) return { kind: 'document' };
    if (low === 'the') return { kind: 'definite', head: noun, text: `the ${rest.join(' ')}` };
    return {
      kind: 'speaker',
      speaker: { name: [low, ...rest].join(' '), kind: 'description', head: noun },
    };
  }
  if (words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || NAME_JOINERS.has(w) || /^al-/.test(w))) {
    return organisation(words);
  }
  return null;
}

/** Two or three capitalised words, not all English words, after lower-case words of a description. */
function trailingName(words: readonly string[]): string | null {
  let i = words.length;
  while (i > 0 && /^\p{Lu}\p{Ll}/u.test(words[i - 1] ?? '')) i--;
  const name = words.slice(i);
  const before = words[i - 1];
  if (name.length < 2 || name.length > 3 || !before || !/^\p{Ll}/u.test(before)) return null;
  if (name.every((w) => isEnglishWord(w)) || PREPOSITIONS.has(before)) return null;
  // `including Lake Halden`: a place or an organisation, not a person.
  if (name.some((w) => NON_PERSON_HEADS.has(w.toLowerCase()))) return null;
  if (DETERMINERS.has(before) || before === 'the') return null;
  return name.join(' ');
}

/**
 * A capitalised phrase that is not a known person: an organisation when it reads as one (an
 * acronym, a joining word as in `Ministry of the Environment`, an organisation head such as
 * `Commission`, a single word, or an English word among its words as in `HRB Power`); otherwise
 * two or three name words are a person the detector had no other evidence for (`Bill Tarrant`).
 */
function organisation(words: readonly string[]): PhraseReference | null {
  const name = words.join(' ').replace(/['’]s$/, '');
  if (!name || HONORIFICS.has(name.toLowerCase())) return null;
  if (NAME_JOINERS.has(words[0] ?? '') || NAME_JOINERS.has(words[words.length - 1] ?? '')) {
    return null;
  }
  // `On Friday`, `Late Tuesday`, `According`: words that start sentences, days, months.
  if (words.some((w) => CAPITALISED_NON_NAMES.has(w.toLowerCase()) && !NAME_JOINERS.has(w))) {
    return null;
  }
  const head = (words[words.length - 1] ?? '').toLowerCase();
  const acronym = words.some((w) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w));
  const joined = words.some((w) => NAME_JOINERS.has(w));
  const english = words.filter((w) => isEnglishWord(w)).length;
  const organisational =
    acronym ||
    joined ||
    ORGANISATION_NOUNS.has(head) ||
    words.length === 1 ||
    words.length > 3 ||
    english === words.length ||
    (english > 0 && !isEnglishWord(words[0] ?? ''));
  const kind: SpeakerKind = organisational ? 'organisation' : 'person';
  return { kind: 'speaker', speaker: { name, kind, head } };
}
