/**
 * Builds run under a time budget in a worker: a config pattern that backtracks catastrophically
 * is refused when the config is read, and one the check cannot see is stopped by the budget, at
 * start-up or on reload, while signals still stop rift.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseStoryConfig } from '../../src/config/story-config.ts';
import { createLogger } from '../../src/log.ts';
import { buildBudgetMs, corpusBytes } from '../../src/runtime/build-budget.ts';
import { openServingRift, type ServingRift } from '../../src/runtime/serving-rift.ts';
import { ROOT, SEEDS } from '../support/seeds.ts';

/** A feedback database of this test's own, in a temporary folder. */
function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'rift-db-')), 'rift.db');
}

/** Exponential on a line of a's ending in something else; nested repetition no heuristic sees. */
const HIDDEN_BACKTRACKER = '^(a|a)*$';
const EVIL_LINE = `${'a'.repeat(40)}!`;

/** A corpus of the seeds (plus, if asked, an article with the evil line) and its story config. */
function story(withEvilArticle: boolean): { corpus: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rift-budget-'));
  const corpus = join(dir, 'corpus');
  cpSync(SEEDS, corpus, { recursive: true });
  if (withEvilArticle) writeFileSync(join(corpus, '900_evil.txt'), `${EVIL_LINE}\nThe end.\n`);
  const config = join(dir, 'story.json');
  writeFileSync(
    config,
    JSON.stringify({ corpus: './corpus', cleaning: { boilerplate: [HIDDEN_BACKTRACKER] } }),
  );
  return { corpus, config };
}

function startRift(vars: Record<string, string>) {
  const child = spawn(process.execPath, ['src/bin/rift.js', 'start'], {
    cwd: ROOT,
    // The feedback database goes to a temporary folder, never into the project.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RIFT_DB: tempDb(), ...vars },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const w of [...waiters]) if (stderr.includes(w.text)) w.resolve();
  });
  const logged = (text: string) =>
    new Promise<void>((resolve) => {
      if (stderr.includes(text)) resolve();
      else waiters.push({ text, resolve });
    });
  const exited = new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rift did not exit in 30 s:\n${stderr}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  return { child, exited, logged, stderr: () => stderr };
}

const rifts: ServingRift[] = [];
after(async () => {
  await Promise.all(rifts.map((rift) => rift.close()));
});

describe('build budget', () => {
  it('refuses boilerplate patterns with nested repetition when the config is read', () => {
    for (const pattern of ['^(\\w+\\s?)+$', '(a+)+$']) {
      assert.throws(
        () => parseStoryConfig({ cleaning: { boilerplate: ['^ok$', pattern] } }, 'story.json'),
        /story\.json: "cleaning\.boilerplate\[1\]" must be a pattern without nested repetition/,
      );
    }
  });

  it('stops a start-up build that runs past its budget and exits 2 with the reason', async () => {
    const { config } = story(true);
    const opsDir = mkdtempSync(join(tmpdir(), 'rift-ops-'));
    const ops = join(opsDir, 'rift.json');
    writeFileSync(ops, JSON.stringify({ runtime: { buildMs: 2000, buildMsPerMB: 0 } }));
    const rift = startRift({ RIFT_CONFIG: config, RIFT_OPS_CONFIG: ops, RIFT_CACHE: '' });
    rift.child.stdin.end();
    assert.equal(await rift.exited, 2);
    assert.match(rift.stderr(), /Building the story took longer than 2 seconds/);
  });

  it('stops on SIGTERM while a build hangs', async () => {
    const { config } = story(true);
    const rift = startRift({ RIFT_CONFIG: config, RIFT_CACHE: '' });
    // Once the build is under way, give it time to reach the evil line, then ask rift to stop.
    await rift.logged('building the story');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    rift.child.kill('SIGTERM');
    assert.equal(await rift.exited, 0);
    assert.match(rift.stderr(), /rift stopped during start-up/);
  });

  it('keeps serving the old story when a reload runs past its budget, scaled to the corpus', async () => {
    const { corpus, config } = story(false);
    const lines: string[] = [];
    // The budget covers starting the build worker too: generous enough for a loaded machine.
    // The per-MB part is large here so that the scaled budget is plainly not the fixed part.
    const runtime = { workers: 1, buildMs: 8000, buildMsPerMB: 200_000 };
    const rift = await openServingRift({
      corpus,
      config,
      cache: false,
      log: createLogger((line) => lines.push(line)),
      runtime,
    });
    rifts.push(rift);
    writeFileSync(join(corpus, '900_evil.txt'), `${EVIL_LINE}\nThe end.\n`);
    const budget = buildBudgetMs(runtime, corpusBytes(corpus));
    assert.ok(budget > 10_000, `${budget} ms for ${corpusBytes(corpus)} bytes`);
    assert.equal(await rift.reload('SIGHUP'), false);
    assert.equal(rift.corpusSize, 5);
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
    const seconds = (budget / 1000).toFixed(1);
    assert.ok(
      lines.some((l) => l.includes('reload failed') && l.includes(`took longer than ${seconds}`)),
      lines.filter((l) => l.includes('reload failed')).join('\n'),
    );
  });

  it('scales the budget with the bytes of articles a build reads', () => {
    const runtime = { buildMs: 60_000, buildMsPerMB: 10_000 };
    assert.equal(buildBudgetMs(runtime, 0), 60_000);
    assert.equal(buildBudgetMs(runtime, 4_100_000), 101_000);
    assert.equal(buildBudgetMs(runtime, 41_000_000), 470_000);
    const { corpus } = story(false);
    const seeds = corpusBytes(corpus);
    assert.ok(seeds > 10_000 && seeds < 100_000, `${seeds} bytes`);
    // Only regular files count, each up to the article cap; other entries add nothing.
    writeFileSync(join(corpus, '900_big.txt'), 'x'.repeat(50_000));
    writeFileSync(join(corpus, 'notes.md'), 'x'.repeat(50_000));
    symlinkSync('/dev/null', join(corpus, '901_device.txt'));
    assert.equal(
      corpusBytes(corpus, { maxArticleBytes: 20_000, maxArticles: 1000 }),
      corpusBytes(corpus, { maxArticleBytes: 20_000, maxArticles: 5 }) + 20_000,
    );
    assert.equal(corpusBytes(join(corpus, 'missing')), 0);
  });
});
