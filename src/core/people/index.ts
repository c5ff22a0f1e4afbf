/**
 * The people of a story as its articles name and describe them. Used by quote attribution and
 * by retrieval (to expand `Kanye` into `West`, `Ye`, `the rapper`).
 */
import type { Article } from '../corpus/types.ts';
import { analyseCorpus, type CorpusAnalysis } from '../quotes/pipeline.ts';
import { nameForms } from './model.ts';
import type { Person, PersonAlias } from './types.ts';

export type { Person, PersonAlias } from './types.ts';

/**
 * Finds the people of a corpus with every name form and description its text uses for them:
 * full name, surname, first name, config aliases, initials, and descriptions learned from
 * titles (`coach Marcus Bell`), appositives (`Bell, a former linebacker`), other outlets'
 * attributions of the same quote, and the descriptions the text then uses for them (`the
 * 43-year-old singer`). Most mentioned first.
 *
 * @example
 * findPeople(seeds, [{ name: 'Kanye West', aliases: ['Ye'] }])[1]?.forms
 * // ['Kanye West', 'Ye', 'West', 'Kanye', 'KW', 'the supporter', 'the Yeezy mogul', ...]
 */
export function findPeople(
  articles: readonly Article[],
  aliases: readonly PersonAlias[] = [],
): readonly Person[] {
  return peopleOf(analyseCorpus(articles, aliases));
}

/**
 * The people of an analysed corpus (see {@link findPeople}): what the quote pipeline already
 * found, so a story built once does not detect and attribute everything a second time.
 */
export function peopleOf(analysis: CorpusAnalysis): readonly Person[] {
  const counts = new Map<string, number>();
  const descriptions = new Map<string, Set<string>>();
  const sources = new Map<string, Set<string>>();
  for (const mention of analysis.mentions) {
    if (!mention.person) continue;
    counts.set(mention.person, (counts.get(mention.person) ?? 0) + 1);
    const seen = sources.get(mention.person) ?? new Set<string>();
    seen.add(mention.source);
    sources.set(mention.person, seen);
    if (mention.kind === 'description') {
      const set = descriptions.get(mention.person) ?? new Set<string>();
      set.add(mention.text.replace(/^The\b/, 'the'));
      descriptions.set(mention.person, set);
    }
  }
  for (const unit of analysis.units) {
    if (unit.speaker) counts.set(unit.speaker, (counts.get(unit.speaker) ?? 0) + 1);
  }
  return analysis.model.records
    .map((record): Person => {
      const learned = [...record.descriptions, ...(descriptions.get(record.name) ?? [])];
      const uniqueDescriptions = [...new Set(learned)];
      return {
        name: record.name,
        forms: [...new Set([...nameForms(record), ...uniqueDescriptions])],
        descriptions: uniqueDescriptions,
        gender: record.gender,
        sources: [...new Set([...record.sources, ...(sources.get(record.name) ?? [])])].sort(),
      };
    })
    .sort((a, b) => (counts.get(b.name) ?? 0) - (counts.get(a.name) ?? 0));
}
