/**
 * Start-up validation as a person meets it: `rift start` with a bad environment or a bad
 * `config/rift.json` stops before connecting anywhere, with status 2 and the fix.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/seeds.ts';

/** A feedback database of this test's own, in a temporary folder. */
function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'rift-db-')), 'rift.db');
}

function start(vars: Record<string, string>) {
  return spawnSync(process.execPath, ['src/bin/rift.js', 'start'], {
    cwd: ROOT,
    // The feedback database goes to a temporary folder, never into the project.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', RIFT_DB: tempDb(), ...vars },
    input: '',
    encoding: 'utf8',
  });
}

describe('rift start checks its configuration first', () => {
  it('exits 2 naming the field and the fix when config/rift.json is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-ops-'));
    const file = join(dir, 'rift.json');
    writeFileSync(file, JSON.stringify({ rateLimits: { channel: { max: 5, perSeconds: 0 } } }));
    const result = start({ RIFT_OPS_CONFIG: file });
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /rift\.json: "rateLimits\.channel\.perSeconds" must be a window in seconds from 1 to 86400, e\.g\. 60\./,
    );
  });

  it('exits 2 listing every bad variable with its fix, without echoing secrets', () => {
    const result = start({
      DISCORD_TOKEN: 'MTMwMjAwMDAwMDAwMDAwMDAwMQ.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB',
      DISCORD_APPLICATION_ID: '1302000000000000001',
      DISCORD_SHARDS: 'lots',
      LOG_LEVEL: 'verbose',
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /DISCORD_SHARDS "lots" is not a shard count/);
    assert.match(result.stderr, /LOG_LEVEL "verbose" is not a level/);
    assert.ok(!result.stderr.includes('abcdefghijklmnopqrstuvwxyz0123456789AB'));
  });

  it('never prints credentials from SLACK_API_URL when Slack cannot be reached', () => {
    const result = start({
      SLACK_BOT_TOKEN: 'xoxb-0000-test-token',
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
      // Port 9 (discard) on the loopback: nothing listens, the connection is refused at once.
      SLACK_API_URL:
        'http://rift-user:hunter2-proxy-password@127.0.0.1:9/api/?key=proxy-api-key-123',
      PORT: '0',
    });
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /Slack did not start: .*SLACK_API_URL \(http:\/\/127\.0\.0\.1:9\/api\/\)/,
    );
    for (const secret of [
      'hunter2-proxy-password',
      'rift-user',
      'proxy-api-key-123',
      'xoxb-0000-test-token',
    ])
      assert.ok(!result.stderr.includes(secret), `echoed ${secret}:\n${result.stderr}`);
  });
});
