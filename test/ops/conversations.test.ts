/**
 * The conversation store over the shared store: what it keeps, what it refuses to read back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Turn } from '../../src/commands/conversation.ts';
import { MAX_TURNS } from '../../src/commands/definitions.ts';
import { createConversationStore, MAX_CONVERSATION_BYTES } from '../../src/ops/conversations.ts';
import { createMemoryStore } from '../../src/ops/store.ts';

const turn = (question: string): Turn => ({
  command: { name: 'ask', question, private: false },
  shown: 5,
  page: 0,
  question,
});
const key = ['slack', 'T1', 'C1', '1700000000.000100'];

describe('conversation store', () => {
  it('knows no conversation rift has no part in', async () => {
    const store = createConversationStore(createMemoryStore());
    assert.equal(await store.load(key), null);
  });

  it('keeps the turns in order under every key it is given, the last MAX_TURNS of them', async () => {
    const store = createConversationStore(createMemoryStore());
    let turns: readonly Turn[] = [];
    for (let i = 0; i < MAX_TURNS + 2; i++)
      turns = await store.append([key, ['discord', 'dm', '9']], turns, turn(`question ${i}`));
    const loaded = await store.load(['discord', 'dm', '9']);
    assert.equal(loaded?.length, MAX_TURNS);
    assert.equal(loaded?.at(-1)?.question, `question ${MAX_TURNS + 1}`);
    assert.deepEqual(await store.load(key), loaded);
  });

  it('stays within its byte budget by dropping the oldest turns', async () => {
    const store = createConversationStore(createMemoryStore());
    const long = 'why '.repeat(120);
    let turns: readonly Turn[] = [];
    for (let i = 0; i < MAX_TURNS; i++)
      turns = await store.append([key], turns, turn(`${long}${i}`));
    const loaded = (await store.load(key)) ?? [];
    assert.ok(JSON.stringify({ v: 1, turns: loaded }).length <= MAX_CONVERSATION_BYTES);
    assert.equal(loaded.at(-1)?.question, `${long}${MAX_TURNS - 1}`.slice(0, 500));
  });

  it('reads a tampered or foreign entry as no conversation, never running what it holds', async () => {
    const shared = createMemoryStore();
    const store = createConversationStore(shared);
    await store.append([key], [], turn('why did they fall out?'));
    const stored = await shared.get('conv:slack:T1:C1:1700000000.000100');
    assert.ok(stored);
    for (const bad of [
      'not json',
      JSON.stringify({
        v: 1,
        turns: [{ command: { name: 'rm -rf' }, shown: 0, page: 0, question: null }],
      }),
      JSON.stringify({ v: 2, turns: [] }),
      JSON.stringify({ v: 1, turns: [{ ...turn('x'), shown: -1 }] }),
    ]) {
      await shared.set('conv:slack:T1:C1:1700000000.000100', bad, 60_000);
      assert.equal(await store.load(key), null, bad);
    }
  });
});
