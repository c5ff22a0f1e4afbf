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
 * Ranks items by relevance to a topic (stemmed, prefix- and typo-tolerant full-text search) and
 * keeps only those that match, best first.
 *
 * @example
 * rankByTopic(legendQuotes, 'Trump')[0]?.text // 'I don’t think we’re less friends because of the Trump thing ...'
 */
export function rankByTopic<T extends Rankable>(items: readonly T[], topic: string): T[] {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => {
      const word = term.toLowerCase().replace(/[’']s$/, '');
      return STOP.has(word) ? null : stemmer(word);
    },
  });
  search.addAll(items.map((item, id) => ({ id, text: item.text })));
  const hits = search.search(topic, { fuzzy: 0.2, prefix: true, combineWith: 'OR' });
  return hits.map((hit) => items[hit.id as number]).filter((item): item is T => item !== undefined);
}
