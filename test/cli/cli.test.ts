import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../support/seeds.ts';

const BIN = resolve(ROOT, 'src/bin/rift.js');
// Strip platform credentials so `start` always runs the console here.
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK)_/.test(k)),
);

function rift(args: string[], input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: ENV,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('rift CLI', () => {
  it('answers `ask --json` with the contract shape', () => {
    const { code, out } = rift(['ask', 'How many votes did Kanye get?', '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.equal(json.question, 'How many votes did Kanye get?');
    assert.equal(json.abstained, false);
    assert.match(json.citations[0].snippet, /60,000 votes/);
  });

  it('reads one question per line from standard input and prints one JSON line per input line', () => {
    const input = [
      'How old is John Legend?',
      '',
      'What is the capital of France?',
      '\u0000<@1> **',
      'x'.repeat(2000),
    ].join('\n');
    const { code, out } = rift(['ask', '--json'], `${input}\n`);
    assert.equal(code, 0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 5);
    assert.equal(lines[0].abstained, false);
    assert.equal(lines[2].abstained, true);
  });

  it('splits batch input on \\n and \\r\\n only, so a lone \\r never shifts answers to the wrong question', () => {
    const { code, out } = rift(['ask', '--json'], 'why\rwho is ye\nquotes\r\nlast\n');
    assert.equal(code, 0);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => l.question),
      ['why who is ye', 'quotes', 'last'],
    );
  });

  it('prints the answer to `/rift why` piped into `start` and exits at end of input', () => {
    const { code, out } = rift(['start'], '/rift why\n');
    assert.equal(code, 0);
    assert.match(out, /According to 5 of 5 sources:/);
  });

  it('reads console lines as one conversation: a follow-up carries the earlier question over', () => {
    const { code, out } = rift(['console'], 'How many votes did Kanye get?\nwhen was that?\n');
    assert.equal(code, 0);
    assert.match(
      out,
      /\(Following up on “How many votes did Kanye get\?”: “When did Kanye get votes\?”\)/,
    );
    assert.match(out, /2020/);
  });

  it('answers questions about another corpus given with --corpus, with no config', () => {
    const { code, out } = rift([
      'ask',
      'How old is the coach?',
      '--corpus',
      'test/fixtures/corpora/stadium',
      '--json',
    ]);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.match(json.citations[0].snippet, /52-year-old/);
    assert.equal(json.citations[0].outlet, null);
  });

  it('answers why about the first headline of a corpus that has no config, in a short question', () => {
    const { code, out } = rift(['why', '--corpus', 'test/fixtures/corpora/stadium', '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    // 001 has no headline line; 002's is the first in the corpus.
    assert.equal(json.question, 'Why Mariners coach fires back at mayor over stadium?');
    assert.equal(json.abstained, false);
  });

  it('prints its version', () => {
    const { code, out } = rift(['--version']);
    assert.equal(code, 0);
    assert.match(out, /^rift \d+\.\d+\.\d+\n$/);
  });

  it('suggests the command a mistyped one meant', () => {
    const { code, err } = rift(['quote', 'ye']);
    assert.equal(code, 2);
    assert.match(err, /unknown command "quote"\. Did you mean "quotes"\?/);
  });

  it('keeps only the timeline events of the year asked for', () => {
    const { code, out } = rift(['timeline', 'of', '2018', '--json']);
    assert.equal(code, 0);
    const dates = (JSON.parse(out).events as { date: string }[]).map((e) => e.date);
    assert.ok(dates.length > 0);
    assert.ok(
      dates.every((d) => d.startsWith('2018')),
      dates.join(', '),
    );
  });

  it('says sources does not use the words after it', () => {
    const { code, out } = rift(['sources', 'for', 'People']);
    assert.equal(code, 0);
    assert.match(out, /sources lists every article; “for People” was not used/);
  });

  it('rejects an unknown story config field with the field it resembles', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-cfg-'));
    const config = join(dir, 'story.json');
    writeFileSync(
      config,
      JSON.stringify({
        corpus: resolve(ROOT, 'seeds'),
        people: [{ name: 'Kanye West', alias: ['Ye'] }],
      }),
    );
    const { code, err } = rift(['why', '--config', config]);
    assert.equal(code, 2);
    assert.match(err, /unknown field "people\[0\]\.alias"; did you mean "people\[0\]\.aliases"\?/);
  });

  it('rejects a sources key that names no article file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-cfg-'));
    const config = join(dir, 'story.json');
    writeFileSync(
      config,
      JSON.stringify({
        corpus: resolve(ROOT, 'seeds'),
        sources: { '002_e37ff9940fa829ab': { outlet: 'Bossip' } },
      }),
    );
    const { code, err } = rift(['why', '--config', config]);
    assert.equal(code, 2);
    assert.match(
      err,
      /"sources\.002_e37ff9940fa829ab" names no article .*did you mean "002_e37ff9940fa829ac"\?/,
    );
  });

  it('exits 2 naming the folder when the corpus is missing', () => {
    const { code, err } = rift(['why', '--corpus', 'no/such/dir']);
    assert.equal(code, 2);
    assert.match(err, /Corpus folder "no\/such\/dir" does not exist/);
  });

  it('lists every quotation with `quotes --json` and no speaker, null where nobody said it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-cli-'));
    writeFileSync(
      join(dir, 'pier.txt'),
      [
        'Harbour council voted to close the pier.',
        '“We had no choice,” Mayor Ana Ruiz said.',
        'A sign on the gate was blunt.',
        '“Closed until further notice.”',
      ].join('\n\n'),
    );
    const { code, out } = rift(['quotes', '--corpus', dir, '--json']);
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(
      json.quotes.map((q: { speaker: string | null; text: string }) => [q.speaker, q.text]),
      [
        ['Ana Ruiz', 'We had no choice,'],
        [null, 'Closed until further notice.'],
      ],
    );
    assert.deepEqual(
      json.speakers.map((s: { name: string }) => s.name),
      ['Ana Ruiz'],
    );
  });

  it('still shows the speakers, not every quotation, for `quotes` as text', () => {
    const { code, out } = rift(['quotes', '--corpus', 'test/fixtures/corpora/stadium']);
    assert.equal(code, 0);
    assert.match(out, /Diane Okafor/);
    assert.doesNotMatch(out, /not an ATM/);
  });

  it('warns about a broken article and answers from the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-cli-'));
    writeFileSync(
      join(dir, 'good.txt'),
      'The mayor rejected the stadium plan because of the cost.',
    );
    writeFileSync(join(dir, 'bad.txt'), Buffer.from([0xff, 0xfe, 0xfd]));
    const { code, out, err } = rift(['ask', 'Why did the mayor reject the plan?', '--corpus', dir]);
    assert.equal(code, 0);
    assert.match(err, /bad\.txt is not UTF-8/);
    assert.match(out, /because of the cost/);
  });

  it('names the file and field of a malformed config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rift-cfg-'));
    const config = join(dir, 'story.json');
    writeFileSync(
      config,
      JSON.stringify({ corpus: resolve(ROOT, 'seeds'), people: [{ name: 'X', aliases: 'Y' }] }),
    );
    const { code, err } = rift(['why', '--config', config]);
    assert.equal(code, 2);
    assert.match(err, /story\.json: "people\[0\]\.aliases" must be an array of strings/);
  });

  it('rejects an unknown option with a hint', () => {
    const { code, err } = rift(['ask', 'x', '--jsn']);
    assert.equal(code, 2);
    assert.match(err, /Unknown option --jsn/);
  });
});
