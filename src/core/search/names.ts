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
  const evidence = personEvidence(text);
  const names = new Map<string, Set<string>>();
  const display = new Map<string, string>();
  const persons = new Set<string>();
  for (const [key, { name, count }] of counts) {
    const person = evidence.has(key) || evidence.has(key.split(' ').at(-1) ?? key);
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

const WORD = "\\p{L}[\\p{L}'’.-]*";
// `<name> said`, `<name>, the singer, said`: someone speaking.
const SPEAKS_AFTER = new RegExp(
  `\\b(${WORD}(?: ${WORD}){0,2})(?:,[^,]{1,60},)?\\s+(?:${SPEECH})\\b`,
  'gu',
);
// `said <name>`, `host David Axelrod`, `wives - Kim Kardashian`: a speech verb, title or role
// before the name. Lookaheads keep matches from swallowing the next one.
const NAMED_AFTER = new RegExp(
  `\\b(?:${SPEECH}|${ROLE})\\.?\\s*[-–—,:]?\\s*(?=(${WORD}(?: ${WORD}){0,2}))`,
  'gu',
);

/**
 * Every name (and every tail of a name) the corpus shows speaking or carrying a title, in one
 * pass over the folded text, so person detection costs the same whatever the number of names.
 */
function personEvidence(folded: string): Set<string> {
  const found = new Set<string>();
  // Before a verb the name ends the phrase (`the singer john legend said`): keep its tails.
  const addTails = (phrase: string | undefined) => {
    const parts = phrase?.split(' ') ?? [];
    for (let i = 0; i < parts.length; i++) found.add(parts.slice(i).join(' '));
  };
  // After a verb or title the name starts it (`told david axelrod on`): keep its heads.
  const addHeads = (phrase: string | undefined) => {
    const parts = phrase?.split(' ') ?? [];
    for (let i = 1; i <= parts.length; i++) found.add(parts.slice(0, i).join(' '));
  };
  for (const match of folded.matchAll(SPEAKS_AFTER)) addTails(match[1]);
  for (const match of folded.matchAll(NAMED_AFTER)) addHeads(match[1]);
  return found;
}
