import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanLines } from '../../../src/core/corpus/clean.ts';

const kept = (raw: string, boilerplate: string[] = []) =>
  cleanLines(raw, { boilerplate }).lines.map((l) => raw.slice(l.start, l.end));
const removed = (raw: string) =>
  cleanLines(raw, { boilerplate: [] }).removed.map((r) => [r.kind, r.text.trim()]);

describe('cleanLines', () => {
  it('reads the publication date from a leading " date YYYY-MM-DD " prefix and keeps the text after it', () => {
    const raw = ' date 2022-08-05 When it comes to it, they fell out.\n\nMore text here.';
    const result = cleanLines(raw, { boilerplate: [] });
    assert.equal(result.date, '2022-08-05');
    assert.deepEqual(kept(raw), ['When it comes to it, they fell out.', 'More text here.']);
  });

  it('reads a first line that is only a date, and never makes it the title or text', () => {
    for (const first of ['Date: 2025-07-09', '2025-07-09', 'Published: July 9, 2025']) {
      const raw = `${first}\nPier reopens\nThe pier reopened on Wednesday.`;
      const result = cleanLines(raw, { boilerplate: [] });
      assert.equal(result.date, '2025-07-09', first);
      assert.deepEqual(kept(raw), ['Pier reopens', 'The pier reopened on Wednesday.']);
      assert.equal(result.lines[0]?.headline, true);
    }
  });

  it('leaves out a first line that looks like a date but cannot be read, and says so', () => {
    const raw = 'Date: 07/09/2025\nPier reopens\nThe pier reopened.';
    const result = cleanLines(raw, { boilerplate: [] });
    assert.equal(result.date, null);
    assert.equal(result.unreadDate, 'Date: 07/09/2025');
    assert.deepEqual(kept(raw), ['Pier reopens', 'The pier reopened.']);
  });

  it('reads front matter: its date, and its title as the headline', () => {
    const raw = '---\ndate: 2025-07-09\ntitle: Pier reopens\n---\nThe pier reopened.';
    const result = cleanLines(raw, { boilerplate: [] });
    assert.equal(result.date, '2025-07-09');
    assert.deepEqual(kept(raw), ['Pier reopens', 'The pier reopened.']);
    assert.equal(result.lines[0]?.headline, true);
  });

  it('never invents a date for an article without the prefix', () => {
    assert.equal(cleanLines('A story about 2020 and April 2018.', { boilerplate: [] }).date, null);
  });

  it('drops photo credits in their common forms', () => {
    const raw = [
      'First paragraph of the story.',
      'John Legend and Kanye West | Credit: Matthew Simmons/WireImage',
      'Source: Jeff Kravitz/MTV1415 / Getty',
      'Photo: Lena Ortiz/Halden Herald',
      'Second paragraph of the story.',
    ].join('\n');
    assert.deepEqual(kept(raw), [
      'First paragraph of the story.',
      'Second paragraph of the story.',
    ]);
    assert.deepEqual(
      removed(raw).map(([kind]) => kind),
      ['credit', 'credit', 'credit'],
    );
  });

  it('drops a bare caption line that stands above a credit', () => {
    const raw =
      'Story text starts here.\n2015 MTV Video Music Awards - Backstage\nSource: Jeff Kravitz / Getty\nMore story.';
    assert.deepEqual(removed(raw)[0], ['caption', '2015 MTV Video Music Awards - Backstage']);
  });

  it('keeps the first unpunctuated line as the headline but drops later ones as related headlines', () => {
    const raw =
      'Rivals No More\n\nThe two stopped talking.\n\nCouple Expecting Another Baby After Loss\n\nThey never made up.';
    const result = cleanLines(raw, { boilerplate: [] });
    assert.equal(result.lines[0]?.headline, true);
    assert.deepEqual(kept(raw), [
      'Rivals No More',
      'The two stopped talking.',
      'They never made up.',
    ]);
    assert.deepEqual(removed(raw)[0], [
      'related-headline',
      'Couple Expecting Another Baby After Loss',
    ]);
  });

  it('drops read-time badges, video labels, comment policies and "Check out ... above" lines', () => {
    const raw = [
      'Bossip Video',
      'The story begins.',
      '·2-min read',
      'Check out John Legend’s appearance on The Axe Files podcast above.',
      'Bossip Comment Policy',
      'Please read our Comment Policy before commenting.',
      'Our goal is to create a safe and engaging place for users to connect over interests and passions.',
      'Read more: another story',
    ].join('\n');
    assert.deepEqual(kept(raw), ['The story begins.']);
  });

  it('applies boilerplate patterns from the story config', () => {
    const raw = 'The story.\nSponsored by Acme Widgets today.\nThe end.';
    assert.deepEqual(kept(raw, ['^sponsored by']), ['The story.', 'The end.']);
  });

  it('keeps every offset pointing at the verbatim text', () => {
    const raw = ' date 2022-08-05 One.\r\n\r\n  Two paragraphs.  \n';
    for (const line of cleanLines(raw, { boilerplate: [] }).lines) {
      const text = raw.slice(line.start, line.end);
      assert.equal(text, text.trim());
      assert.ok(text.length > 0);
    }
  });
});
