/**
 * One contract for every SharedStore: the in-memory default and Redis (a real redis-server on
 * 127.0.0.1, skipped with the reason when the binary is missing). Then what Redis alone must do:
 * count atomically across clients, and survive an outage.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/log.ts';
import { createConversationStore } from '../../src/ops/conversations.ts';
import { createRequestGate } from '../../src/ops/gate.ts';
import { createRedisStore } from '../../src/ops/redis-store.ts';
import { createMemoryStore, type SharedStore } from '../../src/ops/store.ts';
import { findRedis, startRedis, type TestServer } from '../support/servers.ts';

const redisBinary = findRedis();
const skipRedis = 'skip' in redisBinary ? redisBinary.skip : false;

function contract(name: string, open: () => Promise<SharedStore>) {
  describe(`SharedStore contract: ${name}`, () => {
    let store: SharedStore;
    let n = 0;
    const key = (kind: string) => `${kind}:${name}:${process.pid}:${++n}`;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('counts up within a window', async () => {
      const k = key('rate');
      assert.equal(await store.increment(k, 60_000), 1);
      assert.equal(await store.increment(k, 60_000), 2);
      assert.equal(await store.increment(k, 60_000), 3);
    });

    it('starts a counter again once its window has passed', async () => {
      const k = key('rate');
      assert.equal(await store.increment(k, 150), 1);
      assert.equal(await store.increment(k, 150), 2);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await store.increment(k, 150), 1);
    });

    it('keeps the window of the first increment (later ones do not extend it)', async () => {
      const k = key('rate');
      await store.increment(k, 300);
      await new Promise((r) => setTimeout(r, 200));
      await store.increment(k, 300);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await store.increment(k, 300), 1, 'the window ended 300 ms after the first');
    });

    it('grants a claim once, and again after it expires', async () => {
      const k = key('seen');
      assert.equal(await store.claim(k, 150), true);
      assert.equal(await store.claim(k, 150), false);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await store.claim(k, 150), true);
    });

    it('keeps a value until it expires, replacing it on set', async () => {
      const k = key('conv');
      assert.equal(await store.get(k), null);
      await store.set(k, '{"v":1}', 60_000);
      assert.equal(await store.get(k), '{"v":1}');
      await store.set(k, '{"v":2}', 150);
      assert.equal(await store.get(k), '{"v":2}');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await store.get(k), null);
    });

    it('counts 200 concurrent increments exactly', async () => {
      const k = key('rate');
      const counts = await Promise.all(
        Array.from({ length: 200 }, () => store.increment(k, 60_000)),
      );
      assert.deepEqual(
        [...counts].sort((a, b) => a - b),
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
    });
  });
}

contract('memory', async () => createMemoryStore());

describe('Redis store (real redis-server)', { skip: skipRedis }, () => {
  let server: TestServer;
  before(async () => {
    if ('skip' in redisBinary) return;
    server = await startRedis(redisBinary.binary);
  });
  after(async () => {
    await server?.close();
  });

  contract('redis', () => createRedisStore({ url: server.url }));

  it('shares counts and claims between two clients, as two replicas would', async () => {
    const a = await createRedisStore({ url: server.url });
    const b = await createRedisStore({ url: server.url });
    try {
      const counts = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).increment('rate:shared', 60_000)),
      );
      assert.equal(Math.max(...counts), 100);
      assert.equal(new Set(counts).size, 100, 'no two increments saw the same count');
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claim('seen:one-delivery', 60_000)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('shares a conversation between two replicas and forgets none of it in an outage', async () => {
    const logs: string[] = [];
    const log = createLogger((line) => logs.push(line));
    const a = await createRedisStore({ url: server.url, commandTimeoutMs: 300 });
    const b = await createRedisStore({ url: server.url, commandTimeoutMs: 300 });
    const first = createConversationStore(a, log);
    const second = createConversationStore(b, log);
    const thread = ['slack', 'T1', 'C1', '1700000000.000100'];
    const turn = (question: string) => ({
      command: { name: 'ask' as const, question, private: false },
      shown: 3,
      page: 0,
      question,
    });
    try {
      // A thread answered by one replica is followed up on the other.
      await first.append([thread], [], turn('Why did the pier close?'));
      const seen = await second.load(thread);
      assert.deepEqual(
        seen?.map((t) => t.question),
        ['Why did the pier close?'],
      );
      await second.append([thread], seen ?? [], turn('and when was that?'));
      assert.equal((await first.load(thread))?.length, 2);

      await server.stop();
      // Redis down: a message stands on its own (no turns), saving a turn does not throw.
      assert.equal(await first.load(thread), null);
      await first.append([thread], [], turn('Who runs the pier?'));
      assert.equal(logs.filter((l) => l.includes('conversation store unreachable')).length, 1);

      await server.start();
      let back: unknown = null;
      for (let i = 0; i < 50 && back === null; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await first.append([['slack', 'T1', 'C1', 'after']], [], turn('Who runs the pier?'));
        back = await first.load(['slack', 'T1', 'C1', 'after']);
      }
      assert.ok(back, 'conversations are kept again once Redis is back');
      assert.ok(logs.some((l) => l.includes('conversation store reachable again')));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to start with a clear message when REDIS_URL points nowhere', async () => {
    await assert.rejects(
      createRedisStore({ url: 'redis://:hunter2@127.0.0.1:1/0' }),
      (error: Error) =>
        /Cannot reach Redis at REDIS_URL/.test(error.message) && !error.message.includes('hunter2'),
    );
  });

  for (const mode of ['open', 'closed'] as const) {
    it(`keeps answering through an outage (rate limits fail ${mode}), logs it once, and recovers`, async () => {
      const logs: string[] = [];
      const log = createLogger((line) => logs.push(line));
      const store = await createRedisStore({ url: server.url, commandTimeoutMs: 300 });
      const gate = createRequestGate({
        store,
        limits: { user: { max: 2, perSeconds: 60 } },
        onStoreFailure: mode,
        log,
      });
      const asker = { platform: 'slack', userId: `U-${mode}`, channelId: 'C1' } as const;
      try {
        assert.deepEqual(await gate.admit(asker), { ok: true });
        await server.stop();
        const during = [];
        for (let i = 0; i < 5; i++) {
          const started = Date.now();
          during.push(await gate.admit(asker));
          assert.ok(Date.now() - started < 2000, 'a call during the outage fails fast');
          assert.equal(await gate.firstDelivery(`slack:event:${mode}:${i}`), true);
        }
        const expected =
          mode === 'open' ? { ok: true } : { ok: false, scope: 'unavailable' as const };
        for (const admission of during) assert.deepEqual(admission, expected);
        const down = logs.filter((l) => l.includes('shared store unreachable'));
        assert.equal(down.length, 1, 'the outage is logged once, not once per request');

        await server.start();
        // The client reconnects in the background; the counter's window was lost with the
        // server's memory (no persistence), so counting starts again.
        let admission = await gate.admit(asker);
        for (let i = 0; i < 50 && !logs.some((l) => l.includes('reachable again')); i++) {
          await new Promise((r) => setTimeout(r, 100));
          admission = await gate.admit(asker);
        }
        assert.ok(logs.some((l) => l.includes('shared store reachable again')));
        assert.equal(admission.ok, true);
        // Limits hold again: two per minute.
        const after = [await gate.admit(asker), await gate.admit(asker), await gate.admit(asker)];
        assert.equal(after.at(-1)?.ok, false, 'over the limit once Redis is back');
      } finally {
        await store.close();
      }
    });
  }
});
