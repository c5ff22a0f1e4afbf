import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterQuotes } from '../../../src/core/quotes/cluster.ts';

function together(a: string, b: string): boolean {
  return (
    clusterQuotes([
      { source: 'x', text: a },
      { source: 'y', text: b },
    ]).length === 1
  );
}

describe('clusterQuotes', () => {
  it('groups the same statement with curly and straight marks', () => {
    assert.ok(
      together(
        'We aren’t friends as much as we used to be',
        "We aren't friends as much as we used to be",
      ),
    );
  });

  it('groups despite [sic] and a corrected spelling (alining/aligning)', () => {
    assert.ok(
      together(
        "Hey, it's JL. I hope you'll reconsider alining [sic] yourself with Trump.",
        'Hey it’s JL. I hope you’ll reconsider aligning yourself with Trump,',
      ),
    );
  });

  it('groups a bracketed [Kanye and I] with the original "We"', () => {
    assert.ok(
      together(
        '[Kanye and I] aren’t friends as much as we used to be,',
        'We aren’t friends as much as we used to be.',
      ),
    );
  });

  it('groups across an ellipsis', () => {
    assert.ok(
      together(
        'there’s not a lot about him that people don’t get… Like he’s been pretty upfront',
        'there’s not a lot about him that people don’t get. Like he’s been pretty upfront',
      ),
    );
  });

  it('groups one outlet’s excerpt with another’s longer quotation', () => {
    assert.ok(
      together(
        'Don’t let this be part of your legacy, … You’re the greatest artist of our generation.',
        'So many people who love you feel so betrayed right now. Don’t let this be part of your legacy. You’re the greatest artist of our generation.',
      ),
    );
  });

  it('keeps different statements apart', () => {
    assert.ok(
      !together(
        'I love you John and I appreciate your thoughts.',
        'Think freely. Think with empathy.',
      ),
    );
  });

  it('does not group two-word partial quotes by chance', () => {
    assert.ok(!together('never once', 'The mayor has never once come to a game.'));
  });

  it('never merges two quotations of the same source directly', () => {
    const groups = clusterQuotes([
      { source: 'x', text: 'We will fix roads and schools first' },
      { source: 'x', text: 'We will fix roads and schools first' },
    ]);
    assert.equal(groups.length, 2);
  });
});
