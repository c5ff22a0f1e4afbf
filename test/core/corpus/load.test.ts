import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadCorpus } from '../../../src/core/corpus/load.ts';
import { ROOT, SEEDS } from '../../support/seeds.ts';

const NO_CLEANING = { boilerplate: [] };

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rift-corpus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('loadCorpus', () => {
  it('loads every seed article with its source id and only the dates the files carry', () => {
    const corpus = loadCorpus(SEEDS, NO_CLEANING);
    assert.deepEqual(
      corpus.articles.map((a) => [a.id, a.date]),
      [
        ['000_1995089d9ac5036f', '2022-08-05'],
        ['001_eb9eaa3cbaa232cb', '2022-08-05'],
        ['002_e37ff9940fa829ac', null],
        ['003_0e4f98ce9771d10d', null],
        ['004_0b61b2ffab8b2ab8', null],
      ],
    );
    assert.deepEqual(corpus.warnings, []);
  });

  it('keeps every sentence verbatim: its text is the raw file sliced at its offsets', () => {
    for (const article of loadCorpus(SEEDS, NO_CLEANING).articles) {
      for (const s of article.sentences) assert.equal(article.raw.slice(s.start, s.end), s.text);
    }
  });

  it('takes the title from the headline line, else the first sentence', () => {
    const [a, b] = loadCorpus(
      folder({ 'a.txt': 'Big Rift\nThey split. Then more.', 'b.txt': 'They split. Then more.' }),
      NO_CLEANING,
    ).articles;
    assert.equal(a?.title, 'Big Rift');
    assert.equal(b?.title, 'They split.');
  });

  it('warns, naming the file, when a first line looks like a date but is not read', () => {
    const corpus = loadCorpus(
      folder({ 'a.txt': '07/09/2025\nPier reopens\nThe pier reopened.' }),
      NO_CLEANING,
    );
    assert.equal(corpus.articles[0]?.date, null);
    assert.equal(corpus.articles[0]?.title, 'Pier reopens');
    assert.equal(corpus.warnings[0]?.file, 'a.txt');
    assert.match(corpus.warnings[0]?.message ?? '', /"07\/09\/2025", which looks like a date/);
  });

  it('skips a file that is not UTF-8 with a warning naming it', () => {
    const corpus = loadCorpus(
      folder({ 'good.txt': 'A fine article.', 'bad.txt': Buffer.from([0xff, 0xfe, 0x41, 0xc3]) }),
      NO_CLEANING,
    );
    assert.deepEqual(
      corpus.articles.map((a) => a.id),
      ['good'],
    );
    assert.match(corpus.warnings[0]?.message ?? '', /not UTF-8/);
    assert.equal(corpus.warnings[0]?.file, 'bad.txt');
  });

  it('skips an empty article with a warning', () => {
    const corpus = loadCorpus(
      folder({ 'good.txt': 'A fine article.', 'empty.txt': '  \n\n' }),
      NO_CLEANING,
    );
    assert.deepEqual(
      corpus.warnings.map((w) => [w.file, w.message]),
      [['empty.txt', 'has no article text; skipped']],
    );
  });

  it('ignores files that are not .txt', () => {
    const corpus = loadCorpus(
      folder({ 'a.txt': 'Article.', 'notes.md': 'not an article' }),
      NO_CLEANING,
    );
    assert.equal(corpus.articles.length, 1);
  });

  it('fails with a fixing hint when the folder does not exist', () => {
    assert.throws(() => loadCorpus('/no/such/folder', NO_CLEANING), {
      name: 'RiftError',
      message: /Corpus folder "\/no\/such\/folder" does not exist.*--corpus DIR/,
    });
  });

  it('fails naming the folder when it has no .txt article', () => {
    assert.throws(() => loadCorpus(folder({}), NO_CLEANING), { message: /has no \.txt articles/ });
  });

  it('fails listing each file when no article is usable', () => {
    assert.throws(() => loadCorpus(folder({ 'x.txt': '' }), NO_CLEANING), {
      message: /no usable article:\n {2}x\.txt: has no article text/,
    });
  });

  it('reads only regular files inside the folder, each within the size cap, never blocking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-hostile-'));
    const corpus = join(dir, 'corpus');
    cpSync(SEEDS, corpus, { recursive: true });
    execFileSync('mkfifo', [join(corpus, 'x.txt')]);
    symlinkSync('/dev/zero', join(corpus, 'zero.txt'));
    writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=xoxb-secret-from-env-file\n');
    symlinkSync(join(dir, '.env'), join(corpus, 'env.txt'));
    writeFileSync(join(corpus, 'huge.txt'), 'The council met again. '.repeat(140_000));
    // A link to an article inside the folder is an article like any other.
    symlinkSync(join(corpus, '000_1995089d9ac5036f.txt'), join(corpus, 'zz_alias.txt'));
    // In a child process with a time limit: a FIFO read would block its thread for good.
    const result = spawnSync(
      process.execPath,
      [resolve(ROOT, 'src/bin/rift.js'), 'sources', '--json', '--corpus', corpus],
      { cwd: ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, RIFT_CACHE: '' } },
    );
    assert.equal(result.status, 0, `exit ${result.status} ${result.signal}: ${result.stderr}`);
    for (const [file, why] of [
      ['x.txt', 'is not a regular file (a FIFO)'],
      ['zero.txt', 'is a link to a file outside the corpus folder'],
      ['env.txt', 'is a link to a file outside the corpus folder'],
      ['huge.txt', 'is larger than 2,097,152 bytes'],
    ])
      assert.ok(result.stderr.includes(`${file} ${why}`), `${file}: ${result.stderr}`);
    const sources = JSON.parse(result.stdout).sources.map((s: { id: string }) => s.id);
    assert.deepEqual(sources.length, 6);
    assert.ok(sources.includes('zz_alias'));
    assert.ok(!result.stdout.includes('xoxb-secret-from-env-file'));
  });

  it('keeps the first articles, in file-name order, up to the article cap', () => {
    const dir = folder({
      'a.txt': 'First article text.',
      'b.txt': 'Second article text.',
      'c.txt': 'Third article text.',
    });
    const corpus = loadCorpus(dir, NO_CLEANING, { maxArticleBytes: 1_000_000, maxArticles: 2 });
    assert.deepEqual(
      corpus.articles.map((a) => a.id),
      ['a', 'b'],
    );
    assert.match(corpus.warnings[0]?.message ?? '', /beyond the first 2 articles/);
  });
});
