import { isEnglishNoun, isEnglishWord, isFunctionWord, isPronoun } from './english.ts';
import { givenName } from './given-names.ts';
import {
  CAPITALISED_NON_NAMES,
  FEMALE_ROLES,
  HONORIFICS,
  MALE_ROLES,
  NAME_PARTICLES,
  NON_PERSON_HEADS,
  PRONOUN_GENDER,
  ROLE_NOUNS,
  SPEECH_VERBS,
} from './lexicon.ts';
import type { MaskedArticle } from './mask.ts';
import { isCapitalised, lower, type Token, tokenize } from './tokens.ts';
import type { PersonAlias } from './types.ts';

/** What detection knows about one person; `roles` are description heads (`mayor`, `singer`). */
export interface PersonRecord {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly roles: Set<string>;
  readonly descriptions: Set<string>;
  gender: 'male' | 'female' | null;
  readonly sources: Set<string>;
}

interface Candidate {
  score: number;
  readonly roles: Set<string>;
  readonly genderVotes: { male: number; female: number };
  readonly sources: Set<string>;
}

/** A run of capitalised words that may name someone, with the title written before it. */
interface Piece {
  readonly tokens: readonly Token[];
  readonly title: string | null;
  readonly afterThe: boolean;
  /** Right after `a`, `his`, `its` and the like: a modifier (`a Facebook post`), not a name. */
  readonly afterDeterminer: boolean;
}

const MAX_NAME_WORDS = 3;
const POSSESSIVE_GENDER: Readonly<Record<string, 'male' | 'female'>> = {
  his: 'male',
  her: 'female',
};
const APPOSITIVE_AFTER =
  /^,\s+(?:a|an|the)\s+([^,.;:()"“”]{1,60}?)(?=,|\.|;|\s+(?:who|whose|which|of|for|at|from|in|and)\b|$)/u;
const BARE_APPOSITIVE =
  /^,\s+(\p{Ll}[\p{Ll}-]*(?:\s+\p{Ll}[\p{Ll}-]*){0,2}?)(?=,|\s+(?:of|for|at|with|in)\b)/u;
const APPOSITIVE_BEFORE = /(?:^|[\s,])(?:the|The)\s+([^,.;:()"“”]{1,50}),\s+$/u;

/**
 * Detects the people of a corpus from its own text: runs of two or three capitalised words that
 * behave like a person's name (a title before them, a speech verb after, an appositive, the
 * surname used alone elsewhere) and not like a place or an organisation (`the Halden Mariners`,
 * `Harbor Stadium`). Config aliases add names and forms but are never required.
 *
 * @example
 * detectPeople(maskedSeeds, []).map((p) => p.name) // ['John Legend', 'Kanye West', 'David Axelrod', ...]
 */
export function detectPeople(
  masked: readonly MaskedArticle[],
  aliases: readonly PersonAlias[],
): PersonRecord[] {
  const candidates = new Map<string, Candidate>();
  const singles = new Map<string, number>();
  const singlePieces: { masked: string; piece: Piece; source: string }[] = [];
  const places = placeWords(masked);
  for (const item of masked) collectCandidates(item, candidates, singles, singlePieces, places);

  const records: PersonRecord[] = [];
  for (const [name, candidate] of candidates) {
    const words = name.split(' ');
    const first = words[0] ?? '';
    const last = words[words.length - 1] ?? '';
    if (singles.has(last) || singles.has(first)) candidate.score += 1;
    if (candidate.score < 1) continue;
    records.push({
      name,
      aliases: [],
      roles: candidate.roles,
      descriptions: new Set([...candidate.roles].map((role) => `the ${role}`)),
      gender: genderOf(candidate),
      sources: candidate.sources,
    });
  }
  mergeAliases(records, aliases, masked);
  addSingleNames(records, singlePieces);
  learnFromSurnames(records, singlePieces);
  voteGenders(records, masked);
  return records;
}

/**
 * Someone the corpus only ever names with one word (`Okafor said`, `Mayor Okafor`) is still a
 * person when a speech verb follows the word or a title precedes it, and no one detected already
 * has it as a name or alias.
 */
function addSingleNames(
  records: PersonRecord[],
  singlePieces: readonly { masked: string; piece: Piece; source: string }[],
): void {
  const known = new Set(records.flatMap((r) => [...r.name.split(' '), ...r.aliases]));
  const evidence = new Map<string, { score: number; sources: Set<string> }>();
  for (const { masked, piece, source } of singlePieces) {
    const token = piece.tokens[0];
    if (!token || known.has(token.base) || piece.afterThe || piece.afterDeterminer) continue;
    if (NON_PERSON_HEADS.has(lower(token.base))) continue;
    const after = masked.slice(token.end, token.end + 40);
    const verb = /^\s+(?:\p{Ll}+ly\s+)?(\p{Ll}+)/u.exec(after)?.[1];
    const speaks = !token.possessive && verb !== undefined && SPEECH_VERBS.has(verb);
    if (!speaks && !piece.title) continue;
    const entry = evidence.get(token.base) ?? { score: 0, sources: new Set<string>() };
    entry.score += 1;
    entry.sources.add(source);
    evidence.set(token.base, entry);
  }
  for (const [name, entry] of evidence) {
    records.push({
      name,
      aliases: [],
      roles: new Set(),
      descriptions: new Set(),
      gender: null,
      sources: entry.sources,
    });
  }
}

/** `West, an outspoken supporter`, `Mayor Okafor`: roles written next to a name used alone. */
function learnFromSurnames(
  records: readonly PersonRecord[],
  singlePieces: readonly { masked: string; piece: Piece; source: string }[],
): void {
  // Index the records by the words of their names once: many single words, many records.
  const byWord = new Map<string, PersonRecord[]>();
  for (const record of records) {
    for (const word of new Set(record.name.split(' '))) {
      const list = byWord.get(word);
      if (list) list.push(record);
      else byWord.set(word, [record]);
    }
  }
  for (const { masked, piece } of singlePieces) {
    const word = piece.tokens[0]?.base ?? '';
    const owners = byWord.get(word) ?? [];
    const [owner] = owners;
    if (owners.length !== 1 || !owner) continue;
    const learned: Candidate = {
      score: 0,
      roles: owner.roles,
      genderVotes: { male: 0, female: 0 },
      sources: owner.sources,
    };
    scorePiece(masked, piece, learned);
    for (const role of owner.roles) owner.descriptions.add(`the ${role}`);
    if (!owner.gender) owner.gender = genderOf(learned);
  }
}

function genderOf(candidate: Candidate): 'male' | 'female' | null {
  let { male, female } = candidate.genderVotes;
  for (const role of candidate.roles) {
    if (FEMALE_ROLES.has(role)) female++;
    if (MALE_ROLES.has(role)) male++;
  }
  if (male === female) return null;
  return male > female ? 'male' : 'female';
}

/**
 * Capitalised words the corpus uses after `in`, `at`, `near`, `outside`, `across` or `around`,
 * alone or first in a run (`just outside Ashbury in Fenwick`, `in Port Halden`): places, so a
 * run starting with one (`Ashbury Collegiate`, `Port Halden Mayor ...`) is not taken for a name.
 */
function placeWords(masked: readonly MaskedArticle[]): Set<string> {
  const places = new Set<string>();
  for (const { masked: text } of masked) {
    // `in Halden`, and the first word of `in Port Halden` or `across Nova Scotia`: a run whose
    // first word is a place word is no given name and a surname.
    for (const match of text.matchAll(
      /\b(?:in|at|near|outside|across|around)\s+(\p{Lu}\p{Ll}+)(?:\s+\p{Lu}\p{Ll}+){0,2}(?![\p{L}'’])/gu,
    )) {
      if (match[1]) places.add(match[1]);
    }
  }
  return places;
}

/** A photo credit (`Ola Berg/Harbour Herald`, `Ines Kovac / Coast Photo`) names no one in the story. */
function isCredit(masked: string, piece: Piece): boolean {
  const first = piece.tokens[0];
  const last = piece.tokens[piece.tokens.length - 1];
  if (!first || !last) return false;
  return (
    /^\s*\//.test(masked.slice(last.end, last.end + 3)) ||
    /\/\s*$/.test(masked.slice(Math.max(0, first.start - 3), first.start))
  );
}

function collectCandidates(
  item: MaskedArticle,
  candidates: Map<string, Candidate>,
  singles: Map<string, number>,
  singlePieces: { masked: string; piece: Piece; source: string }[],
  places: ReadonlySet<string>,
): void {
  const { article, masked } = item;
  for (const sentence of article.sentences) {
    // Headlines capitalise every word (`Mariners Sign Veteran Kicker`): no evidence there.
    if (article.paragraphs[sentence.paragraph]?.headline) continue;
    const tokens = tokenize(masked, sentence);
    for (const piece of pieces(masked, tokens)) {
      if (isCredit(masked, piece)) continue;
      if (piece.tokens.length === 1) {
        const word = piece.tokens[0]?.base ?? '';
        singles.set(word, (singles.get(word) ?? 0) + 1);
        singlePieces.push({ masked, piece, source: article.id });
        continue;
      }
      const name = nameText(masked, piece.tokens);
      const last = lower(piece.tokens[piece.tokens.length - 1]?.base ?? '');
      if (NON_PERSON_HEADS.has(last)) continue;
      const known = candidates.get(name);
      const candidate = known ?? {
        score: 0,
        roles: new Set<string>(),
        genderVotes: { male: 0, female: 0 },
        sources: new Set<string>(),
      };
      // `Jorge Valdivia with the fishing co-op came too`: a first word that is no English word is
      // a given name, evidence enough for a two- or three-word run that is not after `the`.
      const given = piece.tokens[0]?.base ?? '';
      const surname = piece.tokens[piece.tokens.length - 1]?.base ?? '';
      if (!known && !piece.afterThe && !places.has(given) && looksLikeGivenName(given, surname)) {
        candidate.score += 1;
      }
      candidates.set(name, candidate);
      candidate.sources.add(article.id);
      scorePiece(masked, piece, candidate);
    }
  }
}

function scorePiece(masked: string, piece: Piece, candidate: Candidate): void {
  const first = piece.tokens[0];
  const last = piece.tokens[piece.tokens.length - 1];
  if (!first || !last) return;
  if (piece.afterThe) candidate.score -= 3;
  if (piece.title) {
    candidate.score += 2;
    if (ROLE_NOUNS.has(piece.title)) candidate.roles.add(piece.title);
    if (FEMALE_ROLES.has(piece.title)) candidate.genderVotes.female += 2;
    if (MALE_ROLES.has(piece.title)) candidate.genderVotes.male += 2;
  }
  const after = masked.slice(last.end, last.end + 90);
  const verb = /^\s+(?:\p{Ll}+ly\s+)?(\p{Ll}+)/u.exec(after)?.[1];
  if (!last.possessive && verb && SPEECH_VERBS.has(verb)) candidate.score += 2;
  const before = masked.slice(Math.max(0, first.start - 60), first.start);
  const inverted = /(\p{Ll}+)\s+$/u.exec(before)?.[1];
  if (inverted && SPEECH_VERBS.has(inverted) && /^[\s]*[,.]/.test(after)) candidate.score += 2;
  if (/^,\s+who\b/.test(after)) candidate.score += 1;
  const appositive = last.possessive ? null : APPOSITIVE_AFTER.exec(after)?.[1];
  // `Ken Moyo, chief executive of a bank, said`: with no article, only a role noun makes one.
  const bare = last.possessive || appositive ? null : BARE_APPOSITIVE.exec(after)?.[1];
  const bareHead = bare ? headNoun(bare) : null;
  const head = appositive
    ? headNoun(appositive)
    : bareHead && ROLE_NOUNS.has(bareHead)
      ? bareHead
      : null;
  if (head) {
    candidate.score += 1;
    candidate.roles.add(head);
  }
  const beforeHead = headNoun(APPOSITIVE_BEFORE.exec(before)?.[1] ?? '');
  if (beforeHead && ROLE_NOUNS.has(beforeHead)) {
    candidate.score += 1;
    candidate.roles.add(beforeHead);
  }
}

/** The last word of a noun phrase when it is a plain lower-case noun (`former linebacker`). */
export function headNoun(phrase: string): string | null {
  const words = phrase.trim().split(/\s+/);
  const head = words[words.length - 1] ?? '';
  return /^\p{Ll}[\p{Ll}-]{2,}$/u.test(head) ? head : null;
}

/**
 * Splits a sentence's capitalised runs into name-like pieces: leading sentence words (`The`,
 * `According`) are dropped, honorifics (`Mayor`, `Sen.`) split a run and become the title of
 * what follows, and a possessive ends a run (`CNN’s David Axelrod`).
 */
function pieces(masked: string, tokens: readonly Token[]): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    // The last letter of `U.S.` or `T.J.` is no initial starting a name (`U.S. Treasury`).
    const dotted = token !== undefined && isInitial(token.base) && masked[token.start - 1] === '.';
    if (!token || !isCapitalised(token.base) || dotted) {
      i++;
      continue;
    }
    const run: Token[] = [token];
    let j = i + 1;
    while (j < tokens.length) {
      const prev = run[run.length - 1];
      const next = tokens[j];
      if (!prev || !next || prev.possessive || !isCapitalised(next.base)) break;
      const gap = masked.slice(prev.end, next.start);
      if (gap !== ' ' && gap !== '. ') break;
      // `Sen. Ana Ruiz`, `Harry J. Kane`: the period of an honorific or an initial ends no run.
      if (gap === '. ' && !HONORIFICS.has(lower(prev.base)) && !isInitial(prev.base)) break;
      run.push(next);
      j++;
    }
    // `HRB Power`, `KTV News`: words right after an acronym name an organisation.
    const before = tokens[i - 1];
    const acronym =
      before !== undefined &&
      before.base.length > 1 &&
      before.base === before.base.toUpperCase() &&
      /\p{Lu}/u.test(before.base) &&
      masked.slice(before.end, token.start) === ' ';
    splitRun(masked, run, out, acronym);
    i = j;
  }
  return out;
}

/**
 * The name at the end of a capitalised run and the title word before it: `Plant Manager Owen
 * Tate` is Owen Tate, manager; `Harbour County District Attorney Lena Voss` is Lena
 * Voss, attorney; `Organizer Rita Vance` is Rita Vance. Read from the right: a word
 * that is not an English word (a name) joins; an English word joins only to make a surname alone
 * into a two-word name (`Ken Ostrow`, `Bill Tarrant`), and never a role noun (`Striker Ibarra`).
 */
export function nameTail(tokens: readonly Token[]): { name: Token[]; title: string | null } {
  const last = tokens[tokens.length - 1];
  const before = tokens[tokens.length - 2];
  // `Build It Here`, `Clean Water Now`: a run ending in an adverb or the like names nobody; a
  // capitalised `He` after a name word is a surname (`Min He`), never a pronoun mid-sentence.
  // So is another function word after a given name that is no English word (`Rosa Every`).
  const surname =
    before !== undefined &&
    canBeName(before.base) &&
    (isPronoun(last?.base ?? '') ||
      (isFunctionWord(last?.base ?? '') && !isEnglishWord(before.base)));
  if (!last || (!canBeName(last.base) && !surname)) return { name: [], title: null };
  let i = tokens.length - 1;
  // A particle of the surname (`Al`, `van`) is one word more, never the given name's place.
  let particles = 0;
  while (i > 0 && tokens.length - i - particles < MAX_NAME_WORDS) {
    const word = tokens[i - 1];
    if (!word || word.possessive) break;
    const w = lower(word.base);
    if ((NAME_PARTICLES.has(w) || isInitial(word.base)) && i > 1) {
      particles++;
      i--;
      continue;
    }
    if (!canBeName(word.base)) break;
    if (ROLE_NOUNS.has(w) || HONORIFICS.has(w)) break;
    if (isEnglishWord(word.base) && !joinsSurname(word.base, tokens.length - i - particles)) break;
    i--;
  }
  // `Al Amin` alone is a surname with its particle, not a given name and a surname.
  if (NAME_PARTICLES.has(lower(tokens[i]?.base ?? ''))) i++;
  const dropped = tokens[i - 1];
  const word = dropped ? lower(dropped.base) : null;
  // A title is a noun (`Organizer`, `Manager`), never an adjective (`Senior Research Fellow`), nor
  // the head of a place or organisation (`Lake Ashbury`, `Port Dover`).
  const title =
    word &&
    (ROLE_NOUNS.has(word) ||
      HONORIFICS.has(word) ||
      (isEnglishNoun(word) && !NON_PERSON_HEADS.has(word)));
  return { name: tokens.slice(i), title: title ? word : null };
}

/** A middle initial: one capital letter (`J` of `Harry J. Kane`). */
function isInitial(word: string): boolean {
  return /^\p{Lu}$/u.test(word);
}

/** A name as written: words joined by spaces, an initial keeping its period (`Harry J. Kane`). */
function nameText(masked: string, tokens: readonly Token[]): string {
  return tokens
    .map((t, i) =>
      i < tokens.length - 1 && isInitial(t.base) && masked[t.end] === '.' ? `${t.base}.` : t.base,
    )
    .join(' ');
}

/**
 * A given name: a capitalised word that is no English word (`Dwayne`, `Okafor`), or, as a last
 * resort, one the English lexicon knows that the first-name lists know too (`Jerry`, `Ken`).
 */
function looksLikeGivenName(word: string, surname: string): boolean {
  if (!isCapitalised(word) || !canBeName(word)) return false;
  if (!isEnglishWord(word)) return true;
  // `Urban Research`, `Grace Church`: before an English noun, an English word is no given name.
  return givenName(word) !== null && !isEnglishNoun(surname);
}

/**
 * Whether an English word joins a surname as its given name: only one word before a surname that
 * (`Ken Ostrow`, `Bill Tarrant`, `Helen Marsh`), never a gerund (`Knowing Ostrow`) or a place or
 * organisation head (`Lake Ashbury`).
 */
function joinsSurname(word: string, words: number): boolean {
  if (words >= 2) return false;
  const lowerWord = lower(word);
  return !lowerWord.endsWith('ing') && !NON_PERSON_HEADS.has(lowerWord);
}

function canBeName(word: string): boolean {
  return !CAPITALISED_NON_NAMES.has(lower(word)) && !isFunctionWord(word);
}

function splitRun(
  masked: string,
  run: readonly Token[],
  out: Piece[],
  afterAcronym: boolean,
): void {
  let title: string | null = null;
  let afterThe = afterAcronym;
  let current: Token[] = [];
  const flush = () => {
    const tail = nameTail(current);
    if (tail.name.length > 0) {
      const first = tail.name[0];
      const before = first ? masked.slice(Math.max(0, first.start - 40), first.start) : '';
      // A title sits right before the name: `host David Axelrod`, `Sen. Elizabeth Warren`; never
      // across a sentence end (`asked the reporter. Doe's spokesman`).
      const written = tail.title ?? title ?? titleBefore(before);
      // Only what follows `the` or an acronym at once reads as its name: not `Anne Cole` in the
      // credit `The Harbour Herald Anne Cole`, nor `Ravi Dunmore` after a title such as `MLA`, when
      // a given name that is no English word starts two words or more (`HRB Power` stays one).
      // Names made only of English words (`Herald Prime` in `The Harbour Herald Prime Minister`)
      // keep the doubt that `the` casts, wherever they start.
      const direct = first === current[0] || tail.name.every((t) => isEnglishWord(t.base));
      const person =
        tail.name.length >= 2 &&
        looksLikeGivenName(first?.base ?? '', tail.name[tail.name.length - 1]?.base ?? '');
      const the = (direct && afterThe && !(afterAcronym && person)) || /\bthe\s+$/i.test(before);
      const determiner = /\b(?:a|an|his|her|its|their|our|my|this|that)\s+$/i.test(before);
      out.push({ tokens: tail.name, title: written, afterThe: the, afterDeterminer: determiner });
    }
    current = [];
    title = null;
    afterThe = false;
  };
  for (const token of run) {
    const word = lower(token.base);
    if (current.length === 0 && HONORIFICS.has(word) && !token.possessive) {
      title = word;
      continue;
    }
    if (current.length === 0 && CAPITALISED_NON_NAMES.has(word)) {
      afterThe = word === 'the';
      continue;
    }
    if (current.length > 0 && HONORIFICS.has(word)) {
      flush();
      title = word;
      continue;
    }
    current.push(token);
    if (token.possessive) flush();
  }
  flush();
}

function titleBefore(before: string): string | null {
  const match = /([\p{L}-]+)(\.?) $/u.exec(before);
  if (!match?.[1]) return null;
  // `then-president Trump`, `ex-coach Ana Ruiz`: the role is what follows the prefix.
  const word = lower(match[1]).replace(/^(then|ex|former)-/, '');
  if (match[2] === '.') return HONORIFICS.has(word) ? word : null;
  return ROLE_NOUNS.has(word) || HONORIFICS.has(word) ? word : null;
}

function mergeAliases(
  records: PersonRecord[],
  aliases: readonly PersonAlias[],
  masked: readonly MaskedArticle[],
): void {
  for (const alias of aliases) {
    const existing = records.find((r) => lower(r.name) === lower(alias.name));
    if (existing) {
      (existing.aliases as string[]).push(...alias.aliases);
      continue;
    }
    const forms = [alias.name, ...alias.aliases];
    const sources = masked
      .filter((m) => forms.some((form) => containsWord(m.masked, form)))
      .map((m) => m.article.id);
    if (sources.length === 0) continue;
    records.push({
      name: alias.name,
      aliases: [...alias.aliases],
      roles: new Set(),
      descriptions: new Set(),
      gender: null,
      sources: new Set(sources),
    });
  }
}

/** True when `form` occurs in `text` as whole words. */
export function containsWord(text: string, form: string): boolean {
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/**
 * Learns each person's gender from the pronouns around sentences that mention only them:
 * `Okafor ... said she had offered` and a `he said` in the next sentence both vote.
 */
function voteGenders(records: PersonRecord[], masked: readonly MaskedArticle[]): void {
  const votes = new Map<PersonRecord, { male: number; female: number }>();
  const byWord = new Map<string, PersonRecord[]>();
  for (const record of records) {
    for (const word of [...record.name.split(' '), ...record.aliases]) {
      byWord.set(word, [...(byWord.get(word) ?? []), record]);
    }
  }
  const peopleIn = (tokens: readonly Token[]): Set<PersonRecord> => {
    const found = new Set<PersonRecord>();
    for (const token of tokens) {
      const matches = byWord.get(token.base) ?? [];
      if (matches.length === 1 && matches[0]) found.add(matches[0]);
    }
    return found;
  };
  for (const { article, masked: text, embedded } of masked) {
    const sentences = article.sentences;
    sentences.forEach((sentence, k) => {
      if (embedded[sentence.paragraph]) return;
      const tokens = tokenize(text, sentence);
      const people = peopleIn(tokens);
      // `Asked about Okafor's remark ..., the coach laughed. He said`: a possessive name is not
      // who the sentence is about.
      if (people.size !== 1 || tokens.some((t) => t.possessive && byWord.has(t.base))) return;
      const [person] = [...people];
      if (!person) return;
      const tally = votes.get(person) ?? { male: 0, female: 0 };
      votes.set(person, tally);
      const firstMention = tokens.findIndex((t) => byWord.get(t.base)?.includes(person));
      const own = tokens.slice(firstMention + 1).find((t) => PRONOUN_GENDER[lower(t.text)]);
      if (own) tally[PRONOUN_GENDER[lower(own.text)] ?? 'male'] += 1;
      // A possessive pronoun is weaker evidence: `answered her directly` names someone else.
      const possessive = tokens
        .slice(firstMention + 1)
        .find((t) => POSSESSIVE_GENDER[lower(t.text)]);
      if (possessive) tally[POSSESSIVE_GENDER[lower(possessive.text)] ?? 'male'] += 0.5;
      const next = sentences[k + 1];
      if (!next) return;
      if (embedded[next.paragraph]) return;
      // `..., a 27-year-old nurse, was found below the ridge, the ranger said. She was ...`: a
      // sentence that ends by saying who said it is about what was said; the next goes on with it.
      const tail = tokens.slice(-2).map((t) => t.text);
      if (tail.some((w) => /^\p{Ll}/u.test(w) && SPEECH_VERBS.has(w))) return;
      const nextTokens = tokenize(text, next);
      if (peopleIn(nextTokens).size > 0) return;
      // Weaker than a pronoun in the person's own sentence: the next one may be about anyone.
      const pronoun = nextTokens.find((t) => PRONOUN_GENDER[lower(t.text)]);
      if (pronoun) tally[PRONOUN_GENDER[lower(pronoun.text)] ?? 'male'] += 0.5;
    });
  }
  for (const record of records) {
    const tally = votes.get(record);
    if (record.gender) continue;
    if (!tally || tally.male + tally.female === 0) {
      // No pronoun of the text says: as a last resort, a first name listed for one gender only.
      const listed = record.name.includes(' ') ? givenName(record.name.split(' ')[0] ?? '') : null;
      if (listed === 'male' || listed === 'female') record.gender = listed;
      continue;
    }
    if (tally.male > tally.female) record.gender = 'male';
    else if (tally.female > tally.male) record.gender = 'female';
  }
}

const RENAMED =
  /^\s*[-–—,]\s*who\b[^.;]{0,80}?\b(?:name(?:d)?\s+(?:\w+\s+)?(?:to|as)|known\s+as)\s+["“‘']?([^"”’'.,;]+)/u;

/**
 * Learns a description from the relative clause after it: `the ‘Jesus Walks’ rapper - who
 * legally change his name to ‘Ye’` makes `rapper` a role of whoever `Ye` is. Returns true when
 * something new was learned.
 *
 * @example
 * learnFromRelativeClauses(masked, model) // Kanye West gains the role `rapper` when `Ye` is his alias
 */
export function learnFromRelativeClauses(
  masked: readonly MaskedArticle[],
  pattern: RegExp,
  forms: ReadonlyMap<string, readonly PersonRecord[]>,
): boolean {
  let learned = false;
  for (const { masked: text } of masked) {
    for (const match of text.matchAll(pattern)) {
      const role = (match[2] ?? '').toLowerCase();
      const after = text.slice((match.index ?? 0) + match[0].length);
      const name = RENAMED.exec(after)?.[1]?.trim();
      const people = name ? (forms.get(name) ?? []) : [];
      const [person] = people;
      if (people.length !== 1 || !person || person.roles.has(role)) continue;
      person.roles.add(role);
      person.descriptions.add(`the ${role}`);
      learned = true;
    }
  }
  return learned;
}
