import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { buildPassages } from '../../../src/core/search/passages.ts';

const passagesOf = (text: string) =>
  buildPassages([parseArticle('001', text, '/x/001.txt', { boilerplate: [] })]);
const shown = (text: string, sentence: string) =>
  passagesOf(text).find((p) => p.text.startsWith(sentence))?.displayText;

describe('what a passage shows', () => {
  it('shows a sentence whose subject is a bare pronoun with the sentence that says who', () => {
    const text =
      'Temujin was born near the Onon River. He came to power by uniting the nomadic tribes.';
    assert.equal(shown(text, 'He came'), text);
    // The sentence that names its subject stands alone.
    assert.equal(shown(text, 'Temujin'), 'Temujin was born near the Onon River.');
  });

  it('leans a demonstrative on the sentence before, as before', () => {
    const text = 'The council rejected the offer. That was the third refusal this year.';
    assert.equal(shown(text, 'That was'), text);
  });

  it('does not lean over a quotation, whose speaker the citation would not name', () => {
    const text = '"We will build it," the mayor said. He left the meeting early.';
    assert.equal(shown(text, 'He left'), 'He left the meeting early.');
  });

  it('does not lean across paragraphs', () => {
    const text = 'The council rejected the offer.\n\nHe left the meeting early.';
    assert.equal(shown(text, 'He left'), 'He left the meeting early.');
  });

  it('keeps a pronoun that is not the subject where it is', () => {
    const text = 'The council rejected the offer. Hers was the only vote for it.';
    assert.equal(shown(text, 'Hers'), 'Hers was the only vote for it.');
  });
});
