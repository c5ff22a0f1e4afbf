/**
 * Reload without restart: the story is rebuilt aside and swapped in; a failed rebuild keeps the
 * old story serving.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadStory } from '../../src/commands/open.ts';
import { openReloadingRift, type ReloadingRift } from '../../src/commands/reloading-rift.ts';
import { createLogger } from '../../src/log.ts';
import { SEEDS } from '../support/seeds.ts';

const NEW_ARTICLE = ` date 2024-02-01 Kanye West opened a bakery in Halden.
Kanye West opened a bakery in Halden on Thursday, selling rye bread to a long queue of fans.
"I always wanted to bake," West said at the opening.
`;

function copySeeds(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rift-reload-'));
  cpSync(SEEDS, dir, { recursive: true });
  return dir;
}

function open(dir: string, lines: string[], load = loadStory): ReloadingRift {
  return openReloadingRift({ corpus: dir, log: createLogger((l) => lines.push(l)), load });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dirs: string[] = [];
const rifts: ReloadingRift[] = [];
after(() => {
  for (const rift of rifts) rift.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function setup(load = loadStory) {
  const dir = copySeeds();
  const lines: string[] = [];
  const rift = open(dir, lines, load);
  dirs.push(dir);
  rifts.push(rift);
  return { dir, lines, rift };
}

// The sources reply's shape belongs to the commands; its JSON names every source id either way.
const sourcesText = (rift: ReloadingRift) =>
  JSON.stringify(rift.run({ name: 'sources', private: false, reason: null }));

describe('openReloadingRift', () => {
  it('picks up a new article file while serving, without a restart', async () => {
    const { dir, rift, lines } = setup();
    rift.watch(50);
    assert.equal(rift.corpusSize, 5);
    writeFileSync(join(dir, '005_bakery.txt'), NEW_ARTICLE);
    await until(() => rift.generation === 1);
    assert.equal(rift.corpusSize, 6);
    assert.ok(sourcesText(rift).includes('005_bakery'));
    assert.ok(lines.some((l) => l.includes('story reloaded') && l.includes('corpus changed')));
  });

  it('reloads on demand (SIGHUP) and skips a rebuild when asked only for changes and none happened', () => {
    const { rift } = setup();
    assert.equal(rift.reload('SIGHUP', { onlyIfChanged: true }), false);
    assert.equal(rift.reload('SIGHUP'), true);
    assert.equal(rift.generation, 1);
  });

  it('skips a bad new file with a warning and keeps every good article', async () => {
    const { dir, rift, lines } = setup();
    writeFileSync(join(dir, '006_broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    assert.equal(rift.reload('SIGHUP'), true);
    assert.equal(rift.corpusSize, 5);
    assert.ok(lines.some((l) => l.includes('skipped article') && l.includes('006_broken')));
    assert.equal(rift.run({ name: 'why', private: false }).kind, 'answer');
  });

  it('keeps serving the old story when the corpus becomes unusable', () => {
    const { dir, rift, lines } = setup();
    for (const name of readdirSync(dir)) rmSync(join(dir, name));
    assert.equal(rift.reload('SIGHUP'), false);
    assert.equal(rift.generation, 0);
    assert.equal(rift.corpusSize, 5);
    assert.equal(rift.run({ name: 'why', private: false }).kind, 'answer');
    assert.ok(lines.some((l) => l.includes('reload failed; still serving the previous story')));
  });

  it('keeps serving the old story when building the new one throws', () => {
    let calls = 0;
    const { rift } = setup((options) => {
      calls += 1;
      if (calls > 1) throw new Error('index build ran out of memory');
      return loadStory(options);
    });
    assert.equal(rift.reload('SIGHUP'), false);
    assert.equal(rift.run({ name: 'why', private: false }).kind, 'answer');
  });

  it('swaps whole stories: a command never sees half of a reload', () => {
    const { rift } = setup();
    const before = rift.run({ name: 'why', private: false });
    rift.reload('SIGHUP');
    assert.deepEqual(rift.run({ name: 'why', private: false }), before, 'same corpus, same answer');
  });
});
