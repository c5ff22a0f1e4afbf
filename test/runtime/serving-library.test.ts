/**
 * The stories-folder runtime as `npm start` runs it: real build and story workers. Each story
 * reloads on its own; folders added or removed at runtime add or remove stories.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../src/log.ts';
import { openServingLibrary, type ServingLibrary } from '../../src/runtime/serving-library.ts';
import { makeStoriesFolder } from '../support/stories-folder.ts';

describe('serving a stories folder', () => {
  const folder = makeStoriesFolder();
  const logs: string[] = [];
  let rift: ServingLibrary;
  before(async () => {
    rift = await openServingLibrary({
      dir: folder.dir,
      cache: false,
      log: createLogger((line) => logs.push(line)),
      runtime: { workers: 1, requestMs: 20_000 },
    });
  });
  after(async () => {
    await rift?.close();
    folder.close();
  });

  it('serves every story from workers and routes a question', async () => {
    assert.deepEqual(
      rift.stories().map((s) => s.id),
      ['legend-west', 'stadium', 'water'],
    );
    const reply = await rift.run({
      name: 'ask',
      question: 'How many votes did Kanye get?',
      private: false,
    });
    assert.equal(reply.story?.id, 'legend-west');
  });

  it('does nothing when nothing changed', async () => {
    assert.equal(await rift.reload('check', { onlyIfChanged: true }), false);
  });

  it('adds a story folder created at runtime, rebuilding only that story', async () => {
    cpSync(join(folder.dir, 'water'), join(folder.dir, 'water-copy'), { recursive: true });
    assert.equal(await rift.reload('test'), true);
    assert.ok(rift.stories().some((s) => s.id === 'water-copy'));
    const line = logs.findLast((l) => l.includes('stories reloaded')) ?? '';
    assert.deepEqual(JSON.parse(line).rebuilt, ['water-copy']);
    const reply = await rift.run({ name: 'why', private: false, story: 'water-copy' });
    assert.equal(reply.story?.id, 'water-copy');
  });

  it('rebuilds a story whose article changed, and only that one', async () => {
    appendFileSync(
      join(folder.dir, 'stadium', '001_halden_herald.txt'),
      '\n\nThe council will vote again in April.\n',
    );
    assert.equal(await rift.reload('test'), true);
    const line = logs.findLast((l) => l.includes('stories reloaded')) ?? '';
    assert.deepEqual(JSON.parse(line).rebuilt, ['stadium']);
  });

  it('removes a story whose folder is removed', async () => {
    rmSync(join(folder.dir, 'water-copy'), { recursive: true });
    assert.equal(await rift.reload('test'), true);
    assert.ok(!rift.stories().some((s) => s.id === 'water-copy'));
    const reply = await rift.run({ name: 'why', private: false, story: 'water-copy' });
    assert.equal(reply.kind, 'stories', 'an unknown story gets the list');
  });
});
