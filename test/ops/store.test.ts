import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRequestGate, slowDownText } from '../../src/ops/gate.ts';
import { createMemoryStore, DEFAULT_MAX_KEYS } from '../../src/ops/store.ts';

describe('createMemoryStore', () => {
  it('counts within a window and starts again after it', async () => {
    let now = 1000;
    const store = createMemoryStore({ now: () => now });
    assert.equal(await store.increment('k', 100), 1);
    assert.equal(await store.increment('k', 100), 2);
    now += 100;
    assert.equal(await store.increment('k', 100), 1);
  });

  it('grants a claim once until it expires', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    assert.equal(await store.claim('id', 50), true);
    assert.equal(await store.claim('id', 50), false);
    now = 50;
    assert.equal(await store.claim('id', 50), true);
  });

  it('finds a claimed key whatever time-to-live it is asked with (a replay signed a second later)', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    assert.equal(await store.claim('replay:slack:v0=abc', 301_000), true);
    now = 1000;
    assert.equal(await store.claim('replay:slack:v0=abc', 300_000), false);
    assert.equal(await store.increment('rate:u', 60_000), 1);
    assert.equal(await store.increment('rate:u', 59_000), 2);
  });

  it('keeps a value until it expires, and replaces it when set again', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    assert.equal(await store.get('conv:slack:C1:1.0'), null);
    await store.set('conv:slack:C1:1.0', 'first', 100);
    await store.set('conv:slack:C1:1.0', 'second', 100);
    assert.equal(await store.get('conv:slack:C1:1.0'), 'second');
    now = 100;
    assert.equal(await store.get('conv:slack:C1:1.0'), null);
  });

  it('keeps fewer conversations than counters by default, so values stay within memory', async () => {
    const store = createMemoryStore();
    const budget = DEFAULT_MAX_KEYS.conv ?? 0;
    assert.ok(budget > 0 && budget < 100_000);
    for (let i = 0; i < budget + 10; i++) await store.set(`conv:${i}`, 'x', 60_000);
    assert.equal(await store.get('conv:0'), null, 'the oldest went first');
    assert.equal(await store.get(`conv:${budget + 9}`), 'x');
  });

  it('keeps at most maxKeys keys, forgetting the oldest', async () => {
    const store = createMemoryStore({ maxKeys: 2 });
    await store.claim('a', 60_000);
    await store.claim('b', 60_000);
    await store.claim('c', 60_000);
    assert.equal(await store.claim('a', 60_000), true, 'a was forgotten');
    assert.equal(await store.claim('c', 60_000), false);
  });

  it('evicts the key closest to expiry, whatever its time-to-live', async () => {
    let now = 0;
    const store = createMemoryStore({ maxKeys: 2, now: () => now });
    await store.claim('seen:long', 900_000);
    now = 10;
    await store.claim('seen:short', 1_000);
    await store.claim('seen:third', 900_000);
    assert.equal(await store.claim('seen:long', 900_000), false, 'the long claim survives');
    assert.equal(await store.claim('seen:short', 1_000), true, 'the short one went first');
  });

  it('keeps rate limits on while 100,000 delivery ids are held (each kind has its own budget)', async () => {
    const store = createMemoryStore();
    const gate = createRequestGate({ store, limits: { user: { max: 2, perSeconds: 60 } } });
    for (let i = 0; i < 100_000; i++) await gate.firstDelivery(`discord:autocomplete:${i}`);
    let denied = 0;
    for (let i = 0; i < 42; i++) {
      const admission = await gate.admit({ platform: 'discord', userId: 'U1', channelId: 'C1' });
      if (!admission.ok) denied += 1;
    }
    assert.equal(denied, 40);
  });

  it('still sees a redelivery while 100,000 rate counters are held', async () => {
    const store = createMemoryStore();
    const gate = createRequestGate({ store, limits: { user: { max: 10, perSeconds: 60 } } });
    for (let i = 0; i < 100_000; i++)
      await gate.admit({ platform: 'slack', userId: `U${i}`, channelId: null });
    assert.equal(await gate.firstDelivery('slack:event:Ev1'), true);
    assert.equal(await gate.firstDelivery('slack:event:Ev1'), false);
  });
});

describe('createRequestGate', () => {
  const limits = { user: { max: 2, perSeconds: 60 }, channel: { max: 3, perSeconds: 60 } };

  it('admits a person up to their limit, then says who is over it', async () => {
    const gate = createRequestGate({ limits });
    const ask = { platform: 'discord' as const, userId: 'U1', channelId: 'C1' };
    assert.deepEqual(await gate.admit(ask), { ok: true });
    assert.deepEqual(await gate.admit(ask), { ok: true });
    assert.deepEqual(await gate.admit(ask), { ok: false, scope: 'user', limit: limits.user });
  });

  it('counts clicks on buttons apart from questions, against their own limit', async () => {
    const clicks = { max: 3, perSeconds: 60 };
    const gate = createRequestGate({ limits: { ...limits, clicks } });
    const click = {
      platform: 'slack' as const,
      userId: 'U1',
      channelId: 'C1',
      kind: 'click' as const,
    };
    for (let i = 0; i < 3; i++) assert.deepEqual(await gate.admit(click), { ok: true });
    assert.deepEqual(await gate.admit(click), { ok: false, scope: 'clicks', limit: clicks });
    // Three pages turned, no question used: both questions are still there.
    const ask = { platform: 'slack' as const, userId: 'U1', channelId: 'C1' };
    assert.deepEqual(await gate.admit(ask), { ok: true });
    assert.deepEqual(await gate.admit(ask), { ok: true });
    assert.match(
      slowDownText({ ok: false, scope: 'clicks', limit: clicks }),
      /up to 3 button clicks per person every minute/,
    );
  });

  it('limits a busy channel across different people', async () => {
    const gate = createRequestGate({ limits });
    const results = [];
    for (const userId of ['U1', 'U2', 'U3', 'U4'])
      results.push(await gate.admit({ platform: 'slack', userId, channelId: 'C1' }));
    assert.deepEqual(
      results.map((r) => (r.ok ? 'ok' : r.scope)),
      ['ok', 'ok', 'ok', 'channel'],
    );
  });

  it('keeps platforms apart: the same id on Slack and Discord are different people', async () => {
    const gate = createRequestGate({ limits: { user: { max: 1, perSeconds: 60 } } });
    assert.equal((await gate.admit({ platform: 'slack', userId: 'X', channelId: null })).ok, true);
    assert.equal(
      (await gate.admit({ platform: 'discord', userId: 'X', channelId: null })).ok,
      true,
    );
  });

  it('lets everything through when no limit is configured', async () => {
    const gate = createRequestGate();
    for (let i = 0; i < 100; i++)
      assert.equal((await gate.admit({ platform: 'slack', userId: 'U', channelId: 'C' })).ok, true);
  });

  it('sees a delivery id once', async () => {
    const gate = createRequestGate();
    assert.equal(await gate.firstDelivery('discord:1'), true);
    assert.equal(await gate.firstDelivery('discord:1'), false);
    assert.equal(await gate.firstDelivery('discord:2'), true);
  });

  it('words the slow-down reply with the limit', () => {
    assert.equal(
      slowDownText({ ok: false, scope: 'user', limit: { max: 10, perSeconds: 60 } }),
      'Slow down a little: I answer up to 10 questions per person every minute. Try again shortly.',
    );
    assert.match(
      slowDownText({ ok: false, scope: 'channel', limit: { max: 5, perSeconds: 30 } }),
      /up to 5 questions in one channel every 30 seconds/,
    );
  });
});
