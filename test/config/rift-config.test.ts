import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_OPS, loadOpsConfig, parseOpsConfig } from '../../src/config/rift-config.ts';

describe('operations config (config/rift.json)', () => {
  it('reads the committed config/rift.json', () => {
    const config = loadOpsConfig(null);
    assert.deepEqual(config.rateLimits.user, { max: 10, perSeconds: 60 });
    assert.equal(config.reload.watch, true);
  });

  it('fills every field it does not name with the default', () => {
    const config = parseOpsConfig(
      { rateLimits: { user: { max: 3, perSeconds: 10 } } },
      'rift.json',
    );
    assert.deepEqual(config.rateLimits.user, { max: 3, perSeconds: 10 });
    assert.deepEqual(config.rateLimits.channel, DEFAULT_OPS.rateLimits.channel);
    assert.equal(config.dedupeSeconds, DEFAULT_OPS.dedupeSeconds);
  });

  it('turns a limit off with null', () => {
    assert.equal(
      parseOpsConfig({ rateLimits: { channel: null } }, 'rift.json').rateLimits.channel,
      null,
    );
  });

  it('names the file, the field and the fix for a bad value', () => {
    assert.throws(
      () => parseOpsConfig({ rateLimits: { user: { max: 0, perSeconds: 60 } } }, 'rift.json'),
      {
        message:
          'rift.json: "rateLimits.user.max" must be a whole number of requests from 1 to 10000, e.g. 10.',
      },
    );
    assert.throws(() => parseOpsConfig({ reload: { debounceMs: 'soon' } }, 'rift.json'), {
      message: 'rift.json: "reload.debounceMs" must be milliseconds from 0 to 60000, e.g. 500.',
    });
  });

  it('keeps one story worker by default and refuses more kept workers than workers', () => {
    const defaults = parseOpsConfig({}, 'rift.json').runtime;
    assert.equal(defaults.workers, 2);
    assert.equal(defaults.minWorkers, 1);
    const one = parseOpsConfig({ runtime: { workers: 1 } }, 'rift.json').runtime;
    assert.equal(one.minWorkers, 1, 'one worker, kept');
    const always = parseOpsConfig({ runtime: { workers: 3, minWorkers: 3 } }, 'rift.json');
    assert.equal(always.runtime.minWorkers, 3);
    assert.throws(() => parseOpsConfig({ runtime: { minWorkers: 3 } }, 'rift.json'), {
      message:
        'rift.json: "runtime.minWorkers" must be a whole number of worker threads from 1 to 16, at most runtime.workers, e.g. 1 (it is 3, runtime.workers is 2).',
    });
    assert.throws(
      () => parseOpsConfig({ runtime: { workerIdleMs: 10 } }, 'rift.json'),
      /"runtime\.workerIdleMs" must be milliseconds from 1000 to 86400000/,
    );
  });

  it('rejects an unknown field, so a typo does not pass silently', () => {
    assert.throws(
      () => parseOpsConfig({ rateLimit: {} }, 'rift.json'),
      /unknown field "rateLimit"/,
    );
  });

  it('says when a named file is missing or not JSON', () => {
    assert.throws(() => loadOpsConfig('/nonexistent/rift.json'), /cannot be read.*RIFT_OPS_CONFIG/);
    const dir = mkdtempSync(join(tmpdir(), 'rift-ops-'));
    const file = join(dir, 'rift.json');
    writeFileSync(file, '{ nope');
    assert.throws(() => loadOpsConfig(file), /rift\.json: not valid JSON/);
  });
});
