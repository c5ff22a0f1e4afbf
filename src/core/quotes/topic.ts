import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';

/** Anything with text to rank. */
export interface Rankable {
  readonly text: string;
}

// Words a topic such as "about the texts" carries without meaning.
const STOP = new Set(
  'a an the and or of to in on at for with about what did does do say said he she they it is was'.split(
    ' ',
  ),
);

/**
 * Orders items by relevance to a topic (stemmed, prefix- and typo-tolerant full-text search):
 * those that match first, best first, then the others in their original order. A topic ranks,
 * it never empties the list: `quotes ye about trump` still shows what Ye said when none of it
 * names Trump.
 *
 * @example
 * rankByTopic(legendQuotes, 'Trump')[0]?.text // 'I don’t think we’re less friends because of the Trump thing ...'
 */
export function rankByTopic<T extends Rankable>(items: readonly T[], topic: string): T[] {
  const best = onTopic(items, topic);
  const matched = new Set(best);
  return [...best, ...items.filter((item) => !matched.has(item))];
}

/** The items that speak of the topic, best first (the head of {@link rankByTopic}'s list). */
export function onTopic<T extends Rankable>(items: readonly T[], topic: string): T[] {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => {
      const word = term.toLowerCase().replace(/[’']s$/, '');
      return STOP.has(word) ? null : stemmer(word);
    },
  });
  search.addAll(items.map((item, id) => ({ id, text: item.text })));
  return search
    .search(topic, { fuzzy: 0.2, prefix: true, combineWith: 'OR' })
    .map((hit) => items[hit.id as number])
    .filter((item): item is T => item !== undefined);
}
