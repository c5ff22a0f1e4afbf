import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger, redact } from '../../src/log.ts';

describe('createLogger', () => {
  it('writes one JSON object per line with time, level and message first', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).info('discord ready', { guilds: 3 });
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.equal(entry.level, 'info');
    assert.equal(entry.message, 'discord ready');
    assert.equal(entry.guilds, 3);
    assert.match(String(entry.time), /^\d{4}-\d\d-\d\dT/);
  });

  it('redacts secret-looking fields at any depth and scrubs the known secrets anywhere', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), ['xoxb-0000-test-token']);
    log.error('slack failed', {
      token: 'abc',
      request: { headers: { authorization: 'Bot abc' } },
      error: 'POST https://x/?t=xoxb-0000-test-token failed',
    });
    const text = lines.join('\n');
    assert.ok(!text.includes('abc'), text);
    assert.ok(!text.includes('xoxb-0000-test-token'), text);
    assert.match(text, /\[redacted\]/);
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), [], { level: 'warn' });
    log.info('quiet');
    log.warn('loud');
    assert.deepEqual(
      lines.map((l) => (JSON.parse(l) as { message: string }).message),
      ['loud'],
    );
  });

  it('redact leaves other values alone', () => {
    assert.deepEqual(redact({ a: [1, { secret: 2 }], b: 'x' }), {
      a: [1, { secret: '[redacted]' }],
      b: 'x',
    });
  });
});
