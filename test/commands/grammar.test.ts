import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandText } from '../../src/commands/grammar.ts';

describe('parseCommandText', () => {
  it('reads each command, with or without the /rift prefix', () => {
    assert.deepEqual(parseCommandText('/rift why'), { name: 'why', private: false });
    assert.deepEqual(parseCommandText('sources'), {
      name: 'sources',
      private: false,
      reason: null,
    });
    assert.deepEqual(parseCommandText('ask how many votes did Kanye get'), {
      name: 'ask',
      question: 'how many votes did Kanye get',
      private: false,
    });
  });

  it('treats free text as a question', () => {
    assert.deepEqual(parseCommandText('did they make up?'), {
      name: 'ask',
      question: 'did they make up?',
      private: false,
    });
  });

  it('treats "why <words>" as a question, "why" alone as the main question', () => {
    assert.deepEqual(parseCommandText('why did they split'), {
      name: 'ask',
      question: 'why did they split',
      private: false,
    });
  });

  it('reads quotes with a speaker and a topic', () => {
    assert.deepEqual(parseCommandText('quotes Kanye West about Trump'), {
      name: 'quotes',
      speaker: 'Kanye West',
      about: 'Trump',
      private: false,
    });
    assert.deepEqual(parseCommandText('quotes'), {
      name: 'quotes',
      speaker: null,
      about: null,
      private: false,
    });
  });

  it('makes the reply private with "private" at the start, after the command or at the end', () => {
    assert.equal(parseCommandText('private why').private, true);
    assert.equal(parseCommandText('quotes private Ye').private, true);
    assert.deepEqual(parseCommandText('ask was the meeting private private'), {
      name: 'ask',
      question: 'was the meeting private',
      private: true,
    });
  });

  it('answers empty text with help', () => {
    assert.deepEqual(parseCommandText('   '), { name: 'help', private: false, reason: null });
    assert.equal(parseCommandText('ask').name, 'help');
  });
});
