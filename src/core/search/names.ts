import type { Article } from '../corpus/types.ts';
import { fold } from '../text/fold.ts';

/** The ways a corpus writes one name: `Kanye West` as `kanye west`, `kanye`, `west`, `ye`. */
export interface NameForms {
  /** Canonical name, e.g. `Kanye West`. */
  readonly name: string;
  /** Folded forms: the full name, its parts and aliases. */
  readonly forms: readonly string[];
  /**
   * True when the text treats the name as a person's: it speaks (`Legend said`), carries a
   * title or role (`Sen. Elizabeth Warren`, `host David Axelrod`), or the story config lists it.
   */
  readonly person: boolean;
}

/** An alias list from the story config: `{ name: 'Kanye West', aliases: ['Ye'] }`. */
export interface NameAlias {
  readonly name: string;
  readonly aliases: readonly string[];
}

const ROLE =
  'sen|senator|president|pres|gov|governor|mayor|mr|mrs|ms|dr|prof|professor|host|coach|rapper|singer|actor|actress|lawyer|attorney|producer|manager|star|ceo|director|reporter|spokesperson|spokesman|spokeswoman|judge|officer|chief|minister|councillor|councilor|commissioner|wife|wives|husband|partner|player|captain|founder|chair|chairman|chairwoman|rep|representative|detective|sheriff';
const SPEECH =
  'said|says|told|tells|explained|added|admitted|wrote|writes|replied|shared|revealed|tweeted|posted|stated|noted|continued|recalled|insisted|argued|claimed|announced|asked|responded|confirmed|denied|answered';
const NAME = /\b\p{Lu}[\p{Ll}'’]+(?:\s+\p{Lu}[\p{Ll}'’]+){1,2}\b/gu;
// Capitalised openers that are not part of a name when they start a sequence.
const NOT_NAME_START = new Set([
  'the',
  'a',
  'an',
  'in',
  'on',
  'at',
  'and',
  'but',
  'so',
  'if',
  'when',
  'while',
  'after',
  'before',
  'like',
  'instead',
  'back',
  'still',
  'then',
  'though',
  'speaking',
  'explaining',
  'according',
  'later',
  'over',
  'during',
  'because',
  'senator',
  'sen',
  'president',
  'pres',
]);

/**
 * Finds multi-word capitalised names that recur in the corpus (`John Legend`, `Donald Trump`)
 * and merges story-config aliases into them. A light stand-in for the people model: enough to
 * expand a question's `Kanye` to `West` and `Ye`.
 *
 * @example
 * detectNames(corpus.articles, [{ name: 'Kanye West', aliases: ['Ye'] }]).find((n) => n.name === 'Kanye West')?.forms
 * // ['kanye west', 'kanye', 'west', 'ye']
 */
export function detectNames(
  articles: readonly Article[],
  aliases: readonly NameAlias[] = [],
): NameForms[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const article of articles) {
    for (const sentence of article.sentences) {
      for (const match of sentence.text.match(NAME) ?? []) {
        let parts = match.split(/\s+/);
        while (
          parts.length > 1 &&
          NOT_NAME_START.has(parts[0]?.toLowerCase().replace(/\.$/, '') ?? '')
        ) {
          parts = parts.slice(1);
        }
        if (parts.length < 2) continue;
        const name = parts.join(' ').replace(/['’]s$/, '');
        const key = fold(name);
        const entry = counts.get(key) ?? { name, count: 0 };
        entry.count++;
        counts.set(key, entry);
      }
    }
  }
  const text = fold(articles.map((a) => a.sentences.map((s) => s.text).join(' ')).join('\n'));
  const names = new Map<string, Set<string>>();
  const display = new Map<string, string>();
  const persons = new Set<string>();
  for (const [key, { name, count }] of counts) {
    const person = looksLikePerson(key, text);
    if (count < 2 && !person) continue;
    names.set(key, new Set([key, ...key.split(' ')]));
    display.set(key, name);
    if (person) persons.add(key);
  }
  for (const alias of aliases) {
    const key = fold(alias.name);
    const forms = names.get(key) ?? new Set([key, ...key.split(' ')]);
    for (const a of alias.aliases) forms.add(fold(a));
    names.set(key, forms);
    display.set(key, alias.name);
    persons.add(key);
  }
  return [...names].map(([key, forms]) => ({
    name: display.get(key) ?? key,
    forms: [...forms],
    person: persons.has(key),
  }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name is a person's when it speaks or carries a title or role somewhere in the corpus. */
function looksLikePerson(key: string, folded: string): boolean {
  const last = key.split(' ').at(-1) ?? key;
  const name = `(${escapeRegExp(key)}|${escapeRegExp(last)})`;
  const speaks = new RegExp(
    `\\b${name}(,[^,]{1,60},)?\\s+(${SPEECH})\\b|\\b(${SPEECH}) ${escapeRegExp(key)}\\b`,
  );
  const titled = new RegExp(`\\b(${ROLE})\\.?\\s*[-–—,:]?\\s*${escapeRegExp(key)}\\b`);
  return speaks.test(folded) || titled.test(folded);
}
