/**
 * `rift feedback` as a person runs it: the real command line over a real SQLite file, and over a
 * real PostgreSQL server (`DATABASE_URL`; skipped, saying why, when its binaries are missing).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { postgresFeedback } from '../../src/ops/feedback/postgres.ts';
import { openSqliteFeedback } from '../../src/ops/feedback/sqlite.ts';
import {
  type AnswerRecord,
  type FeedbackStore,
  newAnswerId,
} from '../../src/ops/feedback/store.ts';
import { openPostgres } from '../../src/ops/postgres/database.ts';
import { ROOT } from '../support/seeds.ts';
import { findPostgres, startPostgres, type TestServer } from '../support/servers.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'rift-cli-feedback-'));
const db = join(folder, 'rift.db');

// DATABASE_URL empty, so a developer's `.env` naming PostgreSQL does not redirect these runs.
function rift(...args: string[]) {
  return run(process.execPath, ['src/bin/rift.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, RIFT_DB: db, DATABASE_URL: '' },
  });
}

function record(question: string, platform: AnswerRecord['platform']): AnswerRecord {
  return {
    id: newAnswerId(),
    platform,
    story: 'The pier',
    question,
    sources: ['001_herald'],
    command: { name: 'ask', question, private: false },
    shown: 1,
    at: new Date().toISOString(),
  };
}

/** One liked and one twice-disliked question, as the bots would have saved them. */
async function saveVotes(store: FeedbackStore): Promise<void> {
  const liked = record('Who runs the pier?', 'discord');
  const disliked = record('Why did the pier close?', 'slack');
  for (const r of [liked, disliked]) await store.saveAnswer(r);
  const at = new Date().toISOString();
  await store.vote({ answer: liked, userId: 'U1', value: 'up', at });
  await store.vote({ answer: disliked, userId: 'U1', value: 'down', at });
  await store.vote({ answer: disliked, userId: 'U2', value: 'down', at });
}

before(async () => {
  const store = openSqliteFeedback(db);
  await saveVotes(store);
  await store.close();
});

describe('rift feedback', () => {
  it('prints each question with its votes, worst first', async () => {
    const { stdout } = await rift('feedback');
    assert.match(stdout, /2 questions, 1 👍, 2 👎 \(worst first\)/);
    const close = stdout.indexOf('Why did the pier close?');
    const runs = stdout.indexOf('Who runs the pier?');
    assert.ok(close > 0 && runs > close, stdout);
    assert.match(stdout, /👎 +2 +👍 +0 +Why did the pier close\?/);
  });

  it('exports the disliked questions as JSON lines shaped like the gold question files', async () => {
    const out = join(folder, 'disliked.jsonl');
    const { stderr } = await rift('feedback', '--export', out);
    assert.match(stderr, /wrote 1 disliked question/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 1);
    assert.equal(lines[0].q, 'Why did the pier close?');
    assert.deepEqual(lines[0].expect, []);
    assert.equal(lines[0].disliked, 2);
  });

  it('says there is no feedback yet when the database does not exist', async () => {
    const { stderr } = await run(process.execPath, ['src/bin/rift.js', 'feedback'], {
      cwd: ROOT,
      env: { ...process.env, RIFT_DB: join(folder, 'missing.db'), DATABASE_URL: '' },
    });
    assert.match(stderr, /no feedback yet: .*missing\.db does not exist/);
  });
});

const postgresBinaries = findPostgres();
describe('rift feedback with DATABASE_URL (real PostgreSQL)', {
  skip: 'skip' in postgresBinaries ? postgresBinaries.skip : false,
}, () => {
  let server: TestServer;
  before(async () => {
    if ('skip' in postgresBinaries) return;
    server = await startPostgres(postgresBinaries);
    const pool = await openPostgres({ url: server.url });
    try {
      await saveVotes(postgresFeedback(pool));
    } finally {
      await pool.end();
    }
  });
  after(async () => {
    await server?.close();
  });

  it('reads the votes the replicas saved, not the SQLite file', async () => {
    // RIFT_DB points at a file that does not exist: the summary can only come from the server.
    const { stdout } = await run(process.execPath, ['src/bin/rift.js', 'feedback'], {
      cwd: ROOT,
      env: { ...process.env, RIFT_DB: join(folder, 'missing.db'), DATABASE_URL: server.url },
    });
    assert.match(stdout, /^Feedback in postgres:\/\/.*: 2 questions, 1 👍, 2 👎/);
    assert.match(stdout, /👎 +2 +👍 +0 +Why did the pier close\?/);
  });

  it('says which server it could not reach, with exit status 2 and no password', async () => {
    await server.stop();
    try {
      const url = new URL(server.url);
      url.password = 'hunter2';
      const failed = await run(process.execPath, ['src/bin/rift.js', 'feedback'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url.toString() },
      }).then(
        () => assert.fail('rift feedback succeeded with the server down'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failed.code, 2);
      assert.match(failed.stderr, /Cannot use PostgreSQL at DATABASE_URL/);
      assert.doesNotMatch(failed.stderr, /hunter2/);
    } finally {
      await server.start();
    }
  });
});
