/**
 * One contract for every channel-story store: memory, SQLite (a temporary file) and PostgreSQL (a
 * real server on 127.0.0.1, skipped with the reason when its binaries are missing). Then what
 * PostgreSQL alone must do: migrate once across replicas, and survive an outage.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { postgresChannelStories } from '../../../src/ops/channels/postgres.ts';
import { openSqliteChannelStories } from '../../../src/ops/channels/sqlite.ts';
import {
  type ChannelStoryStore,
  createMemoryChannelStories,
} from '../../../src/ops/channels/store.ts';
import { MIGRATIONS, migrate, openPostgres } from '../../../src/ops/postgres/database.ts';
import { findPostgres, startPostgres, type TestServer } from '../../support/servers.ts';

const postgresBinaries = findPostgres();
const skipPostgres = 'skip' in postgresBinaries ? postgresBinaries.skip : false;

function contract(name: string, open: () => Promise<ChannelStoryStore>) {
  describe(`ChannelStoryStore contract: ${name}`, () => {
    let store: ChannelStoryStore;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.close();
    });

    it('has no story for a channel nobody set', async () => {
      assert.equal(await store.get({ platform: 'slack', channelId: 'C-none' }), null);
    });

    it('keeps the story set for a channel, with who set it', async () => {
      const channel = { platform: 'slack', channelId: 'C0LAN2Q65' } as const;
      await store.set(channel, 'stadium', 'U061F7AUR');
      const got = await store.get(channel);
      assert.equal(got?.story, 'stadium');
      assert.equal(got?.setBy, 'U061F7AUR');
      assert.ok(got && !Number.isNaN(Date.parse(got.at)));
    });

    it('replaces a channel story and clears it', async () => {
      const channel = { platform: 'discord', channelId: '1302000000000000001' } as const;
      await store.set(channel, 'stadium', 'u1');
      await store.set(channel, 'water', 'u2');
      assert.equal((await store.get(channel))?.story, 'water');
      await store.set(channel, null, 'u2');
      assert.equal(await store.get(channel), null);
    });

    it('keeps platforms apart: the same id on Slack and Discord is two channels', async () => {
      await store.set({ platform: 'slack', channelId: 'same' }, 'stadium', null);
      await store.set({ platform: 'discord', channelId: 'same' }, 'water', null);
      assert.equal((await store.get({ platform: 'slack', channelId: 'same' }))?.story, 'stadium');
      assert.equal((await store.get({ platform: 'discord', channelId: 'same' }))?.story, 'water');
    });

    it('refuses an empty or oversized channel id', async () => {
      await assert.rejects(store.set({ platform: 'slack', channelId: '' }, 'x', null));
      await assert.rejects(store.set({ platform: 'slack', channelId: 'C'.repeat(201) }, 'x', null));
    });
  });
}

contract('memory', async () => createMemoryChannelStories());

describe('SQLite channel stories', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rift-sqlite-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  contract('sqlite', async () => openSqliteChannelStories(join(dir, 'rift.db')));

  it('keeps a channel story across a restart (the file is durable)', async () => {
    const file = join(dir, 'restart.db');
    const first = openSqliteChannelStories(file);
    await first.set({ platform: 'slack', channelId: 'C1' }, 'water', 'U1');
    await first.close();
    const second = openSqliteChannelStories(file);
    assert.equal((await second.get({ platform: 'slack', channelId: 'C1' }))?.story, 'water');
    await second.close();
  });

  it('says which file it cannot open and how to fix it', () => {
    // A folder that cannot be made: its parent is a file.
    writeFileSync(join(dir, 'a-file'), '');
    const blocked = join(dir, 'a-file', 'inside', 'rift.db');
    assert.throws(
      () => openSqliteChannelStories(blocked),
      (error: Error) =>
        error.message.includes(`"${blocked}" cannot be opened`) &&
        error.message.includes('Set RIFT_DB'),
    );
  });
});

describe('PostgreSQL channel stories (real postgres)', { skip: skipPostgres }, () => {
  let server: TestServer;
  let pool: pg.Pool;
  before(async () => {
    if ('skip' in postgresBinaries) return;
    server = await startPostgres(postgresBinaries);
    pool = await openPostgres({ url: server.url, timeoutMs: 1000 });
  });
  after(async () => {
    await pool?.end();
    await server?.close();
  });

  contract('postgres', async () => postgresChannelStories(pool));

  it('applies each migration once, however many replicas start together', async () => {
    const pools = await Promise.all(
      [1, 2, 3].map(() => openPostgres({ url: server.url, timeoutMs: 5000 })),
    );
    try {
      const { rows } = await pool.query<{ version: number }>(
        'SELECT version FROM rift_migrations ORDER BY version',
      );
      assert.deepEqual(
        rows.map((r) => r.version),
        MIGRATIONS.map((m) => m.version),
      );
      assert.deepEqual(await migrate(pool, MIGRATIONS), [], 'nothing left to apply');
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('rolls back a failing migration and names it', async () => {
    await assert.rejects(
      migrate(pool, [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE (' }]),
      /migration 99 \(broken\) failed/,
    );
    const { rows } = await pool.query('SELECT 1 FROM rift_migrations WHERE version = 99');
    assert.equal(rows.length, 0);
  });

  it('refuses to start with a clear message when DATABASE_URL points nowhere', async () => {
    await assert.rejects(
      openPostgres({ url: 'postgres://rift:hunter2@127.0.0.1:1/rift', timeoutMs: 500 }),
      (error: Error) =>
        /Cannot use PostgreSQL at DATABASE_URL/.test(error.message) &&
        !error.message.includes('hunter2'),
    );
  });

  it('fails fast while the server is down and works again when it returns', async () => {
    const store = postgresChannelStories(pool);
    const channel = { platform: 'slack', channelId: 'C-outage' } as const;
    await store.set(channel, 'stadium', 'U1');
    await server.stop();
    const started = Date.now();
    await assert.rejects(store.set(channel, 'water', 'U1'));
    assert.ok(Date.now() - started < 3000, 'an outage fails within the time budget');
    await server.start();
    let got = null;
    for (let i = 0; i < 50 && got === null; i++) {
      got = await store.get(channel).catch(() => null);
      if (got === null) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(got?.story, 'stadium', 'what was saved before the outage is still there');
    await store.set(channel, 'water', 'U1');
    assert.equal((await store.get(channel))?.story, 'water');
  });
});
