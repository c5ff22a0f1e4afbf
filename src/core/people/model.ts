import type { PersonRecord } from './detect.ts';
import { isFunctionWord } from './english.ts';
import { NAME_PARTICLES, NON_SUBJECT_MARKERS, ROLE_NOUNS, SPEECH_VERBS } from './lexicon.ts';
import { isCapitalised } from './tokens.ts';

/** Lookup tables over the detected people: who each name form and role may stand for. */
export interface PeopleModel {
  readonly records: readonly PersonRecord[];
  readonly byName: ReadonlyMap<string, PersonRecord>;
  /** Case-sensitive name forms: `John Legend`, `Legend`, `John`, `JL`, config aliases. */
  readonly forms: ReadonlyMap<string, readonly PersonRecord[]>;
  /** Description heads: `mayor`, `singer`, `linebacker`. */
  readonly roles: ReadonlyMap<string, readonly PersonRecord[]>;
  /** The most words in any form, for scanning text token by token. */
  readonly maxFormWords: number;
  readonly descriptionPattern: RegExp;
}

const CLAUSE_WORDS =
  'and or but nor that who whom which whose was were is are be been has have had'.split(' ');

/** The initials of a full name: `John Legend` → `JL`. */
export function initialsOf(name: string): string | null {
  const words = name.split(/\s+/).filter(isCapitalised);
  return words.length >= 2 ? words.map((w) => w[0]).join('') : null;
}

/** Every name form of one person, most specific first. */
export function nameForms(record: PersonRecord): string[] {
  const words = record.name.split(/\s+/);
  const forms = [record.name, ...record.aliases];
  if (words.length >= 2) {
    // `Al Amin` of `Nadia Al Amin`: the surname with its particle, tried before `Amin`.
    const particle =
      words.length >= 3 && NAME_PARTICLES.has((words[words.length - 2] ?? '').toLowerCase());
    if (particle) forms.push(words.slice(-2).join(' '));
    forms.push(words[words.length - 1] ?? '', words[0] ?? '');
    const initials = initialsOf(record.name);
    if (initials) forms.push(initials);
  }
  // A surname or first name that is a pronoun or another function word (`He` of `Min He`) is never
  // matched alone: `He said` is the pronoun. Only the full name and config aliases stand for them.
  const safe = forms.filter(
    (form, i) =>
      form && (i <= record.aliases.length || form.includes(' ') || !isFunctionWord(form)),
  );
  return [...new Set(safe)];
}

/** Escapes a string for use inside a regular expression (`G.O.O.D.` matches only itself). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds the lookup tables. Name forms match case-sensitively (`Legend` the name, not `legend`
 * the word); descriptions match any role noun known in general or learned for this corpus.
 *
 * @example
 * buildPeopleModel(records).forms.get('Ye') // [Kanye West's record] when the config aliases it
 */
export function buildPeopleModel(records: readonly PersonRecord[]): PeopleModel {
  const forms = new Map<string, PersonRecord[]>();
  const roles = new Map<string, PersonRecord[]>();
  for (const record of records) {
    for (const form of nameForms(record)) forms.set(form, [...(forms.get(form) ?? []), record]);
    for (const role of record.roles) roles.set(role, [...(roles.get(role) ?? []), record]);
  }
  const maxFormWords = Math.max(0, ...[...forms.keys()].map((f) => f.split(' ').length));
  const heads = [...new Set([...ROLE_NOUNS, ...roles.keys()])]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp);
  // A modifier is a quoted title or a word that is not a verb, conjunction or preposition, so a
  // description never runs across a clause (`the "Sunday Sideline" show and told host`).
  const stop = [...NON_SUBJECT_MARKERS, ...SPEECH_VERBS, ...CLAUSE_WORDS]
    .map(escapeRegExp)
    .join('|');
  const modifier = `(?:["“‘'][^"”’'\\n]{1,40}["”’']|(?!(?:${stop})(?![\\p{L}]))[\\p{L}\\p{N}][\\p{L}\\p{N}’'.\\-]*)`;
  const descriptionPattern = new RegExp(
    `(?<![\\p{L}])(?:the|The)\\s+((?:${modifier}\\s+){0,4}?)(${heads.join('|')})(['’]s)?(?![\\p{L}])`,
    'gu',
  );
  return {
    records,
    byName: new Map(records.map((r) => [r.name, r])),
    forms,
    roles,
    maxFormWords,
    descriptionPattern,
  };
}
