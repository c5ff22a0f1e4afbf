/**
 * Reload without restart: the story is rebuilt in a worker and swapped in; a failed rebuild keeps
 * the old story serving.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLogger } from '../../src/log.ts';
import { openServingRift, type ServingRift } from '../../src/runtime/serving-rift.ts';
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

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dirs: string[] = [];
const rifts: ServingRift[] = [];
after(async () => {
  await Promise.all(rifts.map((rift) => rift.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function setup(config?: string) {
  const dir = copySeeds();
  const lines: string[] = [];
  const rift = await openServingRift({
    corpus: dir,
    ...(config ? { config } : {}),
    cache: false,
    log: createLogger((l) => lines.push(l)),
    runtime: { workers: 1 },
  });
  dirs.push(dir);
  rifts.push(rift);
  return { dir, lines, rift };
}

// The sources reply's shape belongs to the commands; its JSON names every source id either way.
const sourcesText = async (rift: ServingRift) =>
  JSON.stringify(await rift.run({ name: 'sources', private: false, reason: null }));

describe('openServingRift reload', () => {
  it('picks up a new article file while serving, without a restart', async () => {
    const { dir, rift, lines } = await setup();
    rift.watch(50);
    assert.equal(rift.corpusSize, 5);
    writeFileSync(join(dir, '005_bakery.txt'), NEW_ARTICLE);
    await until(() => rift.generation === 1);
    assert.equal(rift.corpusSize, 6);
    assert.ok((await sourcesText(rift)).includes('005_bakery'));
    assert.ok(lines.some((l) => l.includes('story reloaded') && l.includes('corpus changed')));
  });

  it('reloads on demand (SIGHUP) and skips a rebuild when asked only for changes and none happened', async () => {
    const { rift } = await setup();
    assert.equal(await rift.reload('SIGHUP', { onlyIfChanged: true }), false);
    assert.equal(await rift.reload('SIGHUP'), true);
    assert.equal(rift.generation, 1);
  });

  it('skips a bad new file with a warning and keeps every good article', async () => {
    const { dir, rift, lines } = await setup();
    writeFileSync(join(dir, '006_broken.txt'), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]));
    assert.equal(await rift.reload('SIGHUP'), true);
    assert.equal(rift.corpusSize, 5);
    assert.ok(lines.some((l) => l.includes('skipped article') && l.includes('006_broken')));
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
  });

  it('keeps serving the old story when the corpus becomes unusable', async () => {
    const { dir, rift, lines } = await setup();
    for (const name of readdirSync(dir)) rmSync(join(dir, name));
    assert.equal(await rift.reload('SIGHUP'), false);
    assert.equal(rift.generation, 0);
    assert.equal(rift.corpusSize, 5);
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
    assert.ok(lines.some((l) => l.includes('reload failed; still serving the previous story')));
  });

  it('keeps serving the old story when the story config turns invalid', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'rift-reload-config-'));
    dirs.push(configDir);
    const config = join(configDir, 'story.json');
    writeFileSync(config, JSON.stringify({ title: 'Legend and West' }));
    const { rift, lines } = await setup(config);
    writeFileSync(config, '{ "title": ');
    assert.equal(await rift.reload('SIGHUP'), false);
    assert.equal(rift.storyTitle, 'Legend and West');
    assert.equal((await rift.run({ name: 'why', private: false })).kind, 'answer');
    assert.ok(lines.some((l) => l.includes('reload failed') && l.includes('not valid JSON')));
  });

  it('swaps whole stories: a command never sees half of a reload', async () => {
    const { rift } = await setup();
    const before = await rift.run({ name: 'why', private: false });
    const during = rift.run({ name: 'why', private: false });
    const reloaded = rift.reload('SIGHUP');
    assert.deepEqual(await during, before, 'same corpus, same answer');
    assert.equal(await reloaded, true);
    assert.deepEqual(await rift.run({ name: 'why', private: false }), before);
  });
});
