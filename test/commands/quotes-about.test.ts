import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandText } from '../../src/commands/grammar.ts';
import { seedsRift } from '../support/seeds.ts';

const rift = seedsRift();

describe('quotes <speaker> about <topic>', () => {
  it('answers the README example `quotes ye about trump` with Ye’s quotes, not an empty list', () => {
    // None of Ye's quotes names Trump: the topic ranks his quotes, it does not filter them out.
    const about = rift.run(parseCommandText('quotes ye about trump'));
    const plain = rift.run(parseCommandText('quotes ye'));
    assert.equal(about.kind, 'quotes');
    assert.equal(plain.kind, 'quotes');
    if (about.kind !== 'quotes' || plain.kind !== 'quotes') return;
    assert.equal(about.speaker, 'Kanye West');
    assert.equal(about.about, 'trump');
    assert.ok(plain.quotes.length > 0);
    assert.deepEqual(
      about.quotes.map((q) => q.text),
      plain.quotes.map((q) => q.text),
    );
  });

  it('puts the quotes about the topic first and keeps the others after them', () => {
    const about = rift.run(parseCommandText('quotes legend about trump'));
    const plain = rift.run(parseCommandText('quotes legend'));
    if (about.kind !== 'quotes' || plain.kind !== 'quotes') assert.fail('expected quotes');
    assert.equal(about.quotes.length, plain.quotes.length);
    assert.match(about.quotes[0]?.text ?? '', /trump/i);
    assert.deepEqual(
      new Set(about.quotes.map((q) => q.text)),
      new Set(plain.quotes.map((q) => q.text)),
    );
  });
});
