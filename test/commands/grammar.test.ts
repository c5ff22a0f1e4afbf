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
      args: null,
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

  it('makes the reply private with "private" at the start or right after the command', () => {
    assert.equal(parseCommandText('private why').private, true);
    assert.equal(parseCommandText('quotes private Ye').private, true);
    assert.deepEqual(parseCommandText('ask private was the meeting private'), {
      name: 'ask',
      question: 'was the meeting private',
      private: true,
    });
  });

  it('reads "private" at the end of a question or a topic as part of it, not as the flag', () => {
    assert.deepEqual(parseCommandText('why did West make the texts private'), {
      name: 'ask',
      question: 'why did West make the texts private',
      private: false,
    });
    assert.deepEqual(parseCommandText('quotes Ye about keeping it private'), {
      name: 'quotes',
      speaker: 'Ye',
      about: 'keeping it private',
      private: false,
    });
  });

  it('takes "private" at the end of a command whose words are a name or a filter', () => {
    assert.equal(parseCommandText('sources private').private, true);
    assert.equal(parseCommandText('why private').private, true);
    assert.deepEqual(parseCommandText('quotes Ye private'), {
      name: 'quotes',
      speaker: 'Ye',
      about: null,
      private: true,
    });
    assert.deepEqual(parseCommandText('timeline 2018 private'), {
      name: 'timeline',
      private: true,
      reason: null,
      args: '2018',
    });
  });

  it('takes the --private option anywhere', () => {
    assert.deepEqual(parseCommandText('why did they --private fall out'), {
      name: 'ask',
      question: 'why did they fall out',
      private: true,
    });
  });

  it('suggests the command a mistyped first word meant, unless the line is a question', () => {
    assert.deepEqual(parseCommandText('quote ye'), {
      name: 'help',
      private: false,
      reason: 'Unknown command "quote". Did you mean "quotes"?',
    });
    assert.equal(parseCommandText('timline').name, 'help');
    assert.equal(parseCommandText('quote me the mayor?').name, 'ask');
  });

  it('keeps the words after timeline and sources for the command to use or decline', () => {
    assert.deepEqual(parseCommandText('timeline of 2018'), {
      name: 'timeline',
      private: false,
      reason: null,
      args: 'of 2018',
    });
    assert.equal((parseCommandText('sources for People') as { args?: string }).args, 'for People');
  });

  it('answers empty text with help', () => {
    assert.deepEqual(parseCommandText('   '), { name: 'help', private: false, reason: null });
    assert.equal(parseCommandText('ask').name, 'help');
  });
});
