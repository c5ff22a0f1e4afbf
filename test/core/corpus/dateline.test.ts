import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDate, readDateLine, readFrontMatter } from '../../../src/core/corpus/dateline.ts';

describe('readDateLine', () => {
  it('reads a first line that is only a date, labelled or not', () => {
    for (const [line, date] of [
      ['2025-07-10', '2025-07-10'],
      ['Date: 2025-07-09', '2025-07-09'],
      ['Published: July 9, 2025', '2025-07-09'],
      ['Tuesday, 8 July 2025', '2025-07-08'],
      ['Posted on Jul. 8th, 2025 at 10:30 a.m. EDT', '2025-07-08'],
      ['2025-07-09T10:00:00Z', '2025-07-09'],
      ['2025/07/09', '2025-07-09'],
    ] as const) {
      const read = readDateLine(line);
      assert.deepEqual(read, { kind: 'date', date, length: line.length }, line);
    }
  });

  it("still reads the seeds' date prefix and leaves the text after it", () => {
    assert.deepEqual(readDateLine(' date 2022-08-05 When it comes to it'), {
      kind: 'date',
      date: '2022-08-05',
      length: 17,
    });
  });

  it('reports a line that looks like a date but is ambiguous or not a real day', () => {
    for (const line of [
      'Date: 07/09/2025',
      '07/09/2025',
      'Published: yesterday',
      'July 9',
      '2025-02-30',
    ]) {
      assert.equal(readDateLine(line).kind, 'unread', line);
    }
  });

  it('leaves headlines that only mention a date alone', () => {
    for (const line of [
      'July 4th fireworks canceled after storm',
      '2015 MTV Video Music Awards - Backstage',
      'John Legend and Kanye West are not friends anymore',
    ]) {
      assert.deepEqual(readDateLine(line), { kind: 'none' }, line);
    }
  });
});

describe('readDate', () => {
  it('refuses a day that does not exist', () => {
    assert.equal(readDate('February 30, 2025'), null);
    assert.equal(readDate('2025-13-01'), null);
  });
});

describe('readFrontMatter', () => {
  it('reads date and title from YAML-style front matter, the title by its offsets', () => {
    const raw =
      '---\ntitle: "Pier reopens"\ndate: 2025-07-09\nauthor: Ada\n---\nThe pier reopened.';
    const front = readFrontMatter(raw);
    assert.equal(front?.date, '2025-07-09');
    assert.equal(front && raw.slice(front.title?.start, front.title?.end), 'Pier reopens');
    assert.equal(front && raw.slice(front.length), 'The pier reopened.');
  });

  it('is null for a file that does not open with a block', () => {
    assert.equal(readFrontMatter('The pier reopened.\n---\n'), null);
  });
});
