import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deserialize, serialize } from 'node:v8';
import { createRift, indexStory, loadStory } from '../../src/commands/open.ts';
import { snapshotKey } from '../../src/commands/snapshot.ts';
import { DEFAULT_LEXICON } from '../../src/config/story-config.ts';
import { SEEDS, STADIUM, STADIUM_CONFIG } from '../support/seeds.ts';

const QUESTIONS = [
  'Why did the mayor and the coach fall out?',
  'How old is the coach?',
  'Who owns the Mariners?',
];

function copyOfStadium(): { corpus: string; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'rift-snapshot-'));
  cpSync(STADIUM, join(root, 'corpus'), { recursive: true });
  return { corpus: join(root, 'corpus'), cache: join(root, 'cache') };
}

describe('index snapshots', () => {
  it('answers exactly as a fresh build does when loaded from a snapshot', () => {
    const { corpus, cache } = copyOfStadium();
    indexStory({ corpus, config: STADIUM_CONFIG, cache });
    const fromSnapshot = createRift(loadStory({ corpus, config: STADIUM_CONFIG, cache }));
    const fresh = createRift(loadStory({ corpus, config: STADIUM_CONFIG, cache: false }));
    for (const question of QUESTIONS) {
      const command = { name: 'ask', question, private: false } as const;
      assert.deepEqual(fromSnapshot.run(command), fresh.run(command));
    }
    const quotes = { name: 'quotes', speaker: 'bell', about: null, private: false } as const;
    assert.deepEqual(fromSnapshot.run(quotes), fresh.run(quotes));
  });

  it('keeps the views in the snapshot, so no first request builds them', () => {
    const { corpus, cache } = copyOfStadium();
    const { story } = indexStory({ corpus, config: STADIUM_CONFIG, cache });
    const loaded = loadStory({ corpus, config: STADIUM_CONFIG, cache });
    assert.ok(loaded.views.people.length > 0);
    assert.ok(loaded.views.timeline.length > 0);
    assert.equal(loaded.views.coverage.articles.length, 4);
    assert.deepEqual(loaded.views, story.views);
    const fromSnapshot = createRift(loaded);
    const fresh = createRift(story);
    for (const command of [
      { name: 'who', person: null, private: false },
      { name: 'who', person: 'the mayor', private: false },
      { name: 'timeline', private: false, reason: null },
      { name: 'sources', private: false, reason: null },
      { name: 'help', private: false, reason: null },
    ] as const)
      assert.deepEqual(fromSnapshot.run(command), fresh.run(command), command.name);
  });

  it('keys the snapshot by content: a new article gives a new key, so a stale index is never served', () => {
    const { corpus } = copyOfStadium();
    const inputs = { corpusDir: corpus, configFiles: [STADIUM_CONFIG, DEFAULT_LEXICON] };
    const before = snapshotKey(inputs);
    writeFileSync(join(corpus, '005_new.txt'), 'The coach said the team will stay in Port Halden.');
    assert.notEqual(snapshotKey(inputs), before);
    const { cache } = copyOfStadium();
    indexStory({ corpus, config: STADIUM_CONFIG, cache });
    assert.equal(loadStory({ corpus, config: STADIUM_CONFIG, cache }).corpus.articles.length, 5);
  });

  it('rebuilds from the corpus when the snapshot file is damaged', () => {
    const { corpus, cache } = copyOfStadium();
    indexStory({ corpus, config: STADIUM_CONFIG, cache });
    for (const file of readdirSync(cache)) writeFileSync(join(cache, file), 'not a snapshot');
    const story = loadStory({ corpus, config: STADIUM_CONFIG, cache });
    assert.equal(story.corpus.articles.length, 4);
    assert.ok(story.index.passages.length > 0);
  });

  it("does not reuse one story's snapshot for another corpus", () => {
    const { cache } = copyOfStadium();
    indexStory({ corpus: SEEDS, cache });
    assert.equal(loadStory({ corpus: STADIUM, cache }).corpus.articles.length, 4);
  });

  it('does not trust a snapshot that deserializes: emptied, shortened or altered text is rebuilt', () => {
    interface Stored {
      index: { passages: { text: string }[] };
      quotes: { quotes: { mentions: { segments: string[] }[] }[] };
      views?: unknown;
    }
    const tamperings: [string, (story: Stored) => void][] = [
      ['index.passages = []', (story) => (story.index.passages = [])],
      [
        'a passage altered',
        (story) => Object.assign(story.index.passages[3] ?? {}, { text: 'The coach resigned.' }),
      ],
      [
        'a quote altered',
        (story) => story.quotes.quotes[0]?.mentions[0]?.segments.splice(0, 1, 'I quit'),
      ],
      ['views missing', (story) => delete story.views],
    ];
    for (const [what, tamper] of tamperings) {
      const { corpus, cache } = copyOfStadium();
      indexStory({ corpus, config: STADIUM_CONFIG, cache });
      const [file] = readdirSync(cache);
      const path = join(cache, file ?? '');
      const stored = deserialize(readFileSync(path)) as { key: string; story: Uint8Array };
      const tampered = deserialize(stored.story) as Stored;
      tamper(tampered);
      writeFileSync(path, serialize({ key: stored.key, story: serialize(tampered) }));
      const story = loadStory({ corpus, config: STADIUM_CONFIG, cache });
      assert.ok(story.index.passages.length > 0, what);
      assert.equal(
        createRift(story).run({ name: 'why', private: false }).kind,
        'answer',
        `${what}: rebuilt, so why is answered`,
      );
    }
  });
});
