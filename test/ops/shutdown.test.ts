/**
 * Graceful shutdown of the real process: `node src/bin/rift.js start` (what `npm start` runs)
 * against the local Discord and Slack stand-ins, stopped with a signal while a reply is under way.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TEST_APPLICATION_ID, TEST_TOKEN } from '../support/discord-harness.ts';
import { chatInput } from '../support/discord-interactions.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../support/discord-standin.ts';
import { ROOT } from '../support/seeds.ts';
import {
  BOT_TOKEN,
  postSigned,
  type SlackStandin,
  slashCommandBody,
  startSlackStandin,
  TEST_SIGNING_SECRET,
} from '../support/slack-standin.ts';

/** A feedback database of this test's own, in a temporary folder. */
function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'rift-db-')), 'rift.db');
}

interface Started {
  readonly child: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line whose message is `message`. */
  line(message: string, ms?: number): Promise<Record<string, unknown>>;
}

/** Spawns `rift start` with only the given variables (no inherited tokens, no .env effects). */
function startRift(vars: Record<string, string>): Started {
  const child = spawn(process.execPath, ['src/bin/rift.js', 'start'], {
    cwd: ROOT,
    // The feedback database goes to a temporary folder, never into the project.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RIFT_DB: tempDb(), ...vars },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: { message: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buffer = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const text of parts) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(text) as Record<string, unknown>;
      } catch {
        entry = { message: text };
      }
      lines.push(entry);
      for (const w of [...waiters])
        if (entry.message === w.message) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(entry);
        }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    line(message, ms = 20_000) {
      const found = lines.find((l) => l.message === message);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no "${message}" log line in ${ms} ms:\n${JSON.stringify(lines)}`)),
          ms,
        );
        waiters.push({
          message,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
  };
}

const children: ChildProcess[] = [];
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(closers.map((close) => close()));
});

describe('graceful shutdown of rift start', () => {
  it('on SIGTERM stops taking work, finishes the reply under way, closes both platforms, exits 0', async () => {
    const discord: DiscordStandIn = await startDiscordStandIn({
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
    });
    const slack: SlackStandin = await startSlackStandin();
    closers.push(
      () => discord.close(),
      () => slack.close(),
    );
    const rift = startRift({
      DISCORD_TOKEN: TEST_TOKEN,
      DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    });
    children.push(rift.child);
    await rift.line('rift started');
    const port = Number((await rift.line('slack listening (HTTP mode)')).port);

    // A slow Discord: the answer to a deferred question takes 800 ms to be accepted.
    discord.delay({ method: 'PATCH', path: /@original$/, ms: 800 });
    const slow = discord.dispatch(chatInput({ applicationId: TEST_APPLICATION_ID }, 'why'));
    await discord.waitFor((r) => r.interactionId === slow && r.path.endsWith('/callback'));
    // The PATCH has arrived and is being held: the reply is under way when the signal lands.
    const pending = () =>
      discord.requests.find((r) => r.interactionId === slow && r.method === 'PATCH');
    while (!pending()) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(pending()?.status, 0, 'not answered yet');
    rift.child.kill('SIGTERM');
    await rift.line('rift stopping');

    // Work arriving now is not taken.
    const late = discord.dispatch(chatInput({ applicationId: TEST_APPLICATION_ID }, 'sources'));

    const { code, signal } = await rift.exited;
    assert.equal(signal, null);
    assert.equal(code, 0);
    const edit = discord.requests.find((r) => r.interactionId === slow && r.method === 'PATCH');
    assert.equal(edit?.status, 200, 'the reply under way was delivered before exit');
    assert.equal(discord.requestsFor(late).length, 0, 'nothing answered after the signal');
    const messages = rift.lines.map((l) => l.message);
    for (const expected of ['discord stopped', 'slack stopped', 'rift stopped'])
      assert.ok(messages.includes(expected), `${expected} in ${messages.join(', ')}`);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'the HTTP port is closed');
    const logText = JSON.stringify(rift.lines);
    for (const secret of [TEST_TOKEN, BOT_TOKEN, TEST_SIGNING_SECRET])
      assert.ok(!logText.includes(secret), 'no secret in the logs');
  });

  it('reloads the story on SIGHUP, then on SIGINT (Ctrl-C) answers the Slack request under way and exits 0', async () => {
    const slack = await startSlackStandin();
    closers.push(() => slack.close());
    const rift = startRift({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
    });
    children.push(rift.child);
    const port = Number((await rift.line('slack listening (HTTP mode)')).port);
    await rift.line('rift started');
    rift.child.kill('SIGHUP');
    const reloaded = await rift.line('story reloaded');
    assert.equal(reloaded.reason, 'SIGHUP');
    assert.equal(reloaded.articles, 5);
    const body = slashCommandBody({ text: 'why', response_url: slack.responseUrl('sigint') });
    assert.equal((await postSigned(port, body)).status, 200);
    rift.child.kill('SIGINT');
    const { code } = await rift.exited;
    assert.equal(code, 0);
    const reply = await slack.waitFor((c) => c.method === 'respond' && c.id === 'sigint', 1000);
    assert.equal(reply.body.response_type, 'in_channel');
  });
});
