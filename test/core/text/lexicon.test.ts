import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fold, stripInvisible, words } from '../../../src/core/text/fold.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';
import { ROOT } from '../../support/seeds.ts';

const lexicon = createLexicon(
  JSON.parse(readFileSync(resolve(ROOT, 'config/lexicon.json'), 'utf8')),
);

describe('fold and words', () => {
  it('folds curly quotes, dashes, case and white space', () => {
    assert.equal(fold('We Aren’t  friends — “really”'), 'we aren\'t friends - "really"');
  });

  it('splits hyphenated compounds and keeps numbers whole', () => {
    assert.deepEqual(words('the 43-year-old got 60,000 votes'), [
      'the',
      '43',
      'year',
      'old',
      'got',
      '60000',
      'votes',
    ]);
  });

  it('strips zero-width, bidi and control characters', () => {
    assert.equal(stripInvisible('a\u200Bb\u202Ec\u0007d'), 'abc d');
  });
});

describe('createLexicon', () => {
  it('maps irregular forms to their base before stemming, so "met" finds "meet"', () => {
    assert.equal(lexicon.term('met'), lexicon.term('meeting'));
  });

  it('expands a word to its synonym group', () => {
    assert.ok(lexicon.expand(lexicon.term('feud')).includes(lexicon.term('rift')));
  });

  it('reads multi-word expressions as one word', () => {
    assert.deepEqual(lexicon.joinPhrases(['they', 'fell', 'out', 'over', 'it']), [
      'they',
      'fallout',
      'over',
      'it',
    ]);
    assert.ok(lexicon.expand('fallout').includes(lexicon.term('feud')));
  });

  it('rejects a malformed lexicon naming the file and the field', () => {
    assert.throws(() => createLexicon({ synonyms: 'feud' }, 'config/x.json'), {
      message: 'config/x.json: "synonyms" must be an array of arrays of strings.',
    });
  });
});
