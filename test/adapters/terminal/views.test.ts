import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderText } from '../../../src/adapters/terminal/render.ts';
import { parseCommandText } from '../../../src/commands/grammar.ts';
import { createRift } from '../../../src/commands/open.ts';
import { seedsRift, stadium } from '../../support/seeds.ts';

const seeds = seedsRift();
const stadiumRift = createRift(stadium());
const show = (line: string, rift = seeds) => renderText(rift.run(parseCommandText(line)));

describe('renderText: story views', () => {
  it('prints the timeline oldest first, marking approximate dates and publications', () => {
    const text = show('timeline');
    assert.match(text, /^Timeline: /);
    assert.match(text, /^2000 \(approximate\)\n {4}Legend and West brought us timeless hits/m);
    // Headings read as people write dates.
    assert.match(text, /^August 5, 2022 · published$/m);
    assert.match(text, /^April 2018$/m);
    assert.ok(text.indexOf('\n2004\n') < text.indexOf('\n2016\n'));
  });

  it('names an article with a hash for a file name by its own title, never by the hash', () => {
    const text = show('why');
    assert.doesNotMatch(text, /— [^\n]*\b0\d\d_[0-9a-f]{16}\b/);
    assert.match(text, /John Legend and Kanye West are not…/);
  });

  it('agrees counts in number', () => {
    for (const line of ['sources', 'timeline', 'who', 'quotes']) {
      assert.doesNotMatch(
        show(line),
        /\b1 (facts|quotes|sources|articles|statements|events)\b/,
        line,
      );
      assert.doesNotMatch(
        show(line, stadiumRift),
        /\b1 (facts|quotes|sources|articles|statements|events)\b/,
        line,
      );
    }
  });

  it('prints who is who with roles, counts and aliases', () => {
    const text = show('who');
    assert.match(text, /^ {2}Kanye West, rapper \(2 quotes; in 5 of 5 articles\)$/m);
    assert.match(text, /also: Ye, West, Kanye, the rapper/);
  });

  it("prints a person's card with descriptions cited and top quotes", () => {
    const text = show('who the mayor', stadiumRift);
    assert.match(text, /^Diane Okafor \(mayor\)$/m);
    assert.match(text, /^Described as:$/m);
    assert.match(
      text,
      /the 47-year-old mayor\n\[\d\] The 47-year-old mayor, who grew up two blocks/,
    );
    assert.match(text, /^Top quotes:$/m);
  });

  it('prints coverage per article with what it alone reports, quotes in quotation marks', () => {
    const text = show('sources', stadiumRift);
    assert.match(text, /21 statements \(quote clusters and key facts\) across 4 articles/);
    assert.match(text, /^3\. Metro Ledger \(2025-03-16\): /m);
    assert.match(
      text,
      /“I am happy to sit down with anyone\. I am not happy to sign a blank\s+check\.”\s+—\s+Diane Okafor/,
    );
  });

  it('prints "Another view" after the citations of why', () => {
    const text = show('why');
    const another = text.indexOf('Another view:');
    assert.ok(another > text.indexOf('[1]'));
    assert.match(text.slice(another), /less friends because of the Trump thing/);
  });

  it('lists the speakers in help', () => {
    assert.match(show('help'), /^Speakers: John Legend, Kanye West$/m);
  });
});
