/**
 * One contract suite for every feedback store: the in-memory one, SQLite on a real file in a
 * temporary folder, and PostgreSQL on a real server started on 127.0.0.1 (skipped, with the
 * reason, when its binaries are missing; CI installs them).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { createMemoryFeedback, MEMORY_MAX_ANSWERS } from '../../src/ops/feedback/memory.ts';
import { postgresFeedback } from '../../src/ops/feedback/postgres.ts';
import { openSqliteFeedback } from '../../src/ops/feedback/sqlite.ts';
import {
  ANSWER_ID,
  type AnswerRecord,
  disliked,
  evaluationCase,
  type FeedbackStore,
  newAnswerId,
} from '../../src/ops/feedback/store.ts';
import { openPostgres } from '../../src/ops/postgres/database.ts';
import { findPostgres, startPostgres, type TestServer } from '../support/servers.ts';

/** A fresh store, and everything it has written as text (to look for a user id in). */
type Opened = { store: FeedbackStore; written: () => Promise<string> };

/** Every byte of a SQLite database's files, as text. */
function fileText(file: string): string {
  let text = '';
  for (const f of [file, `${file}-wal`]) {
    try {
      text += readFileSync(f).toString('latin1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return text;
}

function answer(question: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    id: newAnswerId(),
    platform: 'slack',
    story: 'The pier',
    question,
    sources: ['001_herald', '002_courier'],
    command: { name: 'ask', question, private: false },
    shown: 2,
    at: '2025-07-09T10:00:00.000Z',
    ...overrides,
  };
}

function contract(name: string, open: () => Promise<Opened>): void {
  describe(`feedback store: ${name}`, () => {
    it('finds an answer by its id, with the command to run it again', async () => {
      const { store } = await open();
      const record = answer('Why did the pier close?', {
        command: { name: 'ask', question: 'Why did the pier close?', private: true, offset: 5 },
      });
      await store.saveAnswer(record);
      assert.deepEqual(await store.findAnswer(record.id), record);
      assert.equal(await store.findAnswer(newAnswerId()), null);
      await store.close();
    });

    it('sums votes per question, one per person, worst first', async () => {
      const { store } = await open();
      const good = answer('Who runs the pier?');
      const bad = answer('Why did the pier close?');
      const again = answer('Why did the pier close?', {
        platform: 'discord',
        sources: ['003_radio'],
      });
      for (const r of [good, bad, again]) await store.saveAnswer(r);
      await store.vote({ answer: good, userId: 'U1', value: 'up', at: '2025-07-09T10:01:00Z' });
      await store.vote({ answer: bad, userId: 'U1', value: 'up', at: '2025-07-09T10:02:00Z' });
      // The same person changing their mind replaces their vote.
      await store.vote({ answer: bad, userId: 'U1', value: 'down', at: '2025-07-09T10:03:00Z' });
      await store.vote({
        answer: again,
        userId: '1302000000000000502',
        value: 'down',
        at: '2025-07-09T10:04:00Z',
      });
      const summary = await store.summary();
      assert.deepEqual(
        summary.map((q) => [q.question, q.up, q.down]),
        [
          ['Why did the pier close?', 0, 2],
          ['Who runs the pier?', 1, 0],
        ],
      );
      assert.deepEqual(summary[0]?.sources, ['001_herald', '002_courier', '003_radio']);
      assert.deepEqual([...(summary[0]?.platforms ?? [])].sort(), ['discord', 'slack']);
      assert.equal(summary[0]?.last, '2025-07-09T10:04:00Z');
      await store.close();
    });

    it('exports disliked questions in the shape of the gold question files', async () => {
      const { store } = await open();
      const bad = answer('Why did the pier close?');
      await store.saveAnswer(bad);
      await store.vote({ answer: bad, userId: 'U9', value: 'down', at: '2025-07-09T11:00:00Z' });
      const cases = disliked(await store.summary()).map(evaluationCase);
      assert.deepEqual(cases[0], {
        q: 'Why did the pier close?',
        expect: [],
        story: 'The pier',
        disliked: 1,
        liked: 0,
        cited: ['001_herald', '002_courier'],
        platforms: ['slack'],
        last: '2025-07-09T11:00:00Z',
      });
      await store.close();
    });

    it('never stores a user id, only a one-way hash of it', async () => {
      const { store, written } = await open();
      const record = answer('Who runs the pier?');
      await store.saveAnswer(record);
      await store.vote({
        answer: record,
        userId: 'U0SECRETUSER',
        value: 'up',
        at: '2025-07-09T10:00:00Z',
      });
      const text = await written();
      await store.close();
      assert.ok(text.includes('Who runs the pier?'), 'the dump holds what was written');
      assert.ok(!text.includes('U0SECRETUSER'));
    });
  });
}

contract('memory', async () => {
  const store = createMemoryFeedback();
  // Memory has no bytes but its records: what a caller could read back is what it kept.
  return { store, written: async () => JSON.stringify(await store.summary()) };
});
contract('sqlite', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'rift-feedback-')), 'nested', 'rift.db');
  const store = openSqliteFeedback(file);
  return { store, written: async () => fileText(file) };
});

const postgresBinaries = findPostgres();
describe('feedback store: postgres (real server)', {
  skip: 'skip' in postgresBinaries ? postgresBinaries.skip : false,
}, () => {
  let server: TestServer;
  let pool: pg.Pool;
  before(async () => {
    if ('skip' in postgresBinaries) return;
    server = await startPostgres(postgresBinaries);
    pool = await openPostgres({ url: server.url, timeoutMs: 2000 });
  });
  after(async () => {
    await pool?.end();
    await server?.close();
  });
  contract('postgres', async () => {
    // Each case starts from empty tables, as each SQLite case starts from a new file.
    await pool.query('TRUNCATE feedback_answers, feedback_votes');
    const store = postgresFeedback(pool);
    const written = async () => {
      const { rows } = await pool.query(
        'SELECT a.*, v.* FROM feedback_answers a FULL JOIN feedback_votes v ON v.answer_id = a.id',
      );
      return JSON.stringify(rows);
    };
    return { store, written };
  });

  it("groups one person's votes from two replicas under one hash", async () => {
    await pool.query('TRUNCATE feedback_answers, feedback_votes');
    const replicas = [postgresFeedback(pool), postgresFeedback(pool)];
    const record = answer('Why did the pier close?');
    await replicas[0]?.saveAnswer(record);
    // The other replica finds the answer the first one sent, and the vote lands beside it.
    const found = await replicas[1]?.findAnswer(record.id);
    assert.deepEqual(found, record);
    await replicas[1]?.vote({
      answer: record,
      userId: 'U1',
      value: 'up',
      at: '2025-07-09T10:01:00Z',
    });
    await replicas[0]?.vote({
      answer: record,
      userId: 'U1',
      value: 'down',
      at: '2025-07-09T10:02:00Z',
    });
    const summary = await replicas[0]?.summary();
    assert.deepEqual(
      summary?.map((q) => [q.question, q.up, q.down]),
      [['Why did the pier close?', 0, 1]],
    );
  });
});

describe('feedback store: memory bound', () => {
  it('keeps at most MEMORY_MAX_ANSWERS answer records, forgetting the oldest', async () => {
    const store = createMemoryFeedback();
    const first = answer('Why did the pier close?');
    await store.saveAnswer(first);
    for (let i = 0; i < MEMORY_MAX_ANSWERS; i++) await store.saveAnswer(answer(`q${i}`));
    assert.equal(await store.findAnswer(first.id), null);
    const last = answer('Who runs the pier?');
    await store.saveAnswer(last);
    assert.deepEqual(await store.findAnswer(last.id), last);
  });
});

describe('feedback store: sqlite file', () => {
  it('keeps votes across a restart and is readable only by its owner', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rift-feedback-')), 'nested', 'rift.db');
    const store = openSqliteFeedback(file);
    const record = answer('Why did the pier close?');
    await store.saveAnswer(record);
    await store.vote({ answer: record, userId: 'U1', value: 'down', at: '2025-07-09T10:00:00Z' });
    await store.close();
    assert.equal(statSync(file).mode & 0o077, 0);
    // Reopened the next day: the answer is well within retention, so its buttons still work.
    const reopened = openSqliteFeedback(file, { now: () => new Date('2025-07-10T00:00:00Z') });
    assert.equal((await reopened.summary())[0]?.down, 1);
    // The same person after a restart still has one vote: the hash secret is the database's own.
    await reopened.vote({
      answer: record,
      userId: 'U1',
      value: 'down',
      at: '2025-07-09T10:05:00Z',
    });
    assert.equal((await reopened.summary())[0]?.down, 1);
    assert.deepEqual(await reopened.findAnswer(record.id), record);
    await reopened.close();
  });

  it('forgets answer records past retention, keeping their votes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rift-feedback-')), 'rift.db');
    const first = openSqliteFeedback(file, { now: () => new Date('2025-07-09T00:00:00Z') });
    const old = answer('Why did the pier close?', { at: '2025-05-01T00:00:00.000Z' });
    await first.saveAnswer(old);
    await first.vote({ answer: old, userId: 'U1', value: 'down', at: '2025-05-01T00:01:00Z' });
    await first.close();
    const later = openSqliteFeedback(file, { now: () => new Date('2025-07-09T00:00:00Z') });
    assert.equal(await later.findAnswer(old.id), null);
    assert.equal((await later.summary())[0]?.down, 1);
    await later.close();
  });

  it('says which file it cannot open and how to fix it', () => {
    // A folder under a plain file can never be made, even by root.
    const plain = join(mkdtempSync(join(tmpdir(), 'rift-feedback-')), 'plain');
    writeFileSync(plain, 'not a folder');
    const file = join(plain, 'rift.db');
    assert.throws(
      () => openSqliteFeedback(file),
      (error: Error) =>
        error.message.startsWith(`The feedback database "${file}" cannot be opened (`) &&
        error.message.endsWith('Set RIFT_DB to a file in a folder rift may write to.'),
    );
  });

  it('makes ids that buttons can carry and checks them', () => {
    const id = newAnswerId();
    assert.match(id, ANSWER_ID);
    assert.doesNotMatch('rift:../../etc', ANSWER_ID);
  });
});
