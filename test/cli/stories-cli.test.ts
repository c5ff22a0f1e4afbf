import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../support/seeds.ts';
import { makeStoriesFolder } from '../support/stories-folder.ts';

const BIN = resolve(ROOT, 'src/bin/rift.js');
const folder = makeStoriesFolder();
after(() => folder.close());
const ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK|RIFT)_/.test(k)),
  ),
  RIFT_STORIES: folder.dir,
  RIFT_CACHE: resolve(folder.dir, '.cache'),
};

function rift(args: string[], env: Record<string, string | undefined> = ENV) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('rift CLI with a stories folder', () => {
  it('lists the stories with --json: id, title, articles, dates, last change', () => {
    const { code, out } = rift(['stories', '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(
      json.stories.map((s: { id: string; articles: number }) => [s.id, s.articles]),
      [
        ['legend-west', 5],
        ['stadium', 4],
        ['water', 4],
      ],
    );
    for (const s of json.stories) assert.ok(typeof s.title === 'string' && s.title.length > 0);
  });

  it('answers --story ID from that story, and every --json reply carries "story"', () => {
    const { code, out } = rift(['why', '--story', 'water', '--json']);
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).story, 'water');
  });

  it('routes a question with no story and names the story it came from', () => {
    const { out } = rift(['ask', 'How many votes did Kanye get?', '--json']);
    const json = JSON.parse(out);
    assert.equal(json.story, 'legend-west');
    assert.equal(json.abstained, false);
  });

  it('takes --stories DIR instead of RIFT_STORIES', () => {
    const env = { ...ENV, RIFT_STORIES: undefined };
    const { code, out } = rift(['stories', '--stories', folder.dir], env);
    assert.equal(code, 0);
    assert.match(out, /Stories I follow \(3\)/);
  });

  it('says what is wrong with a stories folder that does not exist', () => {
    const { code, err } = rift(['stories', '--stories', '/nonexistent/stories']);
    assert.equal(code, 2);
    assert.match(err, /The stories folder "\/nonexistent\/stories" cannot be read .*RIFT_STORIES/);
  });

  it('keeps one story when no stories folder is set (every command unchanged)', () => {
    const env = { ...ENV, RIFT_STORIES: undefined };
    const { out } = rift(['ask', 'How many votes did Kanye get?', '--json'], env);
    assert.equal(JSON.parse(out).story, undefined);
  });
});
