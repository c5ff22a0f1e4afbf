import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DEFAULT_LEXICON } from '../../../src/config/story-config.ts';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
import { parseArticle } from '../../../src/core/corpus/load.ts';
import { buildStory } from '../../../src/core/story.ts';
import { createLexicon } from '../../../src/core/text/lexicon.ts';
import { seedsStory } from '../../support/seeds.ts';

const analyze = (q: string) => analyzeQuestion(q, seedsStory().index);

describe('analyzeQuestion', () => {
  it('detects the kind of answer wanted', () => {
    const kinds = Object.fromEntries(
      [
        ['Why did they fall out?', 'why'],
        ['What was the reason for the split?', 'why'],
        ['When did Ye meet Trump?', 'when'],
        ['How long has he coached?', 'when'],
        ['Where did they meet?', 'where'],
        ['Who did Legend support?', 'who'],
        ['How many votes did he get?', 'how-many'],
        ['How old is Legend?', 'age'],
        ['Which songs did they make?', 'title'],
        ['Are they still friends?', 'yes-no'],
        ['What label did Legend sign with?', 'what'],
      ].map(([q]) => [q, analyze(q as string).kind]),
    );
    assert.deepEqual(kinds, {
      'Why did they fall out?': 'why',
      'What was the reason for the split?': 'why',
      'When did Ye meet Trump?': 'when',
      'How long has he coached?': 'when',
      'Where did they meet?': 'where',
      'Who did Legend support?': 'who',
      'How many votes did he get?': 'how-many',
      'How old is Legend?': 'age',
      'Which songs did they make?': 'title',
      'Are they still friends?': 'yes-no',
      'What label did Legend sign with?': 'what',
    });
  });

  it('drops stop words and expands names to their other forms, aliases included', () => {
    const kanye = analyze('What did Kanye say?').concepts.find((c) => c.word === 'kanye');
    assert.ok(kanye?.name);
    assert.ok(kanye?.related.includes('west'));
    assert.ok(kanye?.related.includes('ye'));
  });

  it('flags capitalised names the corpus never uses', () => {
    assert.deepEqual(analyze('What did Taylor Swift say about the feud?').unknownNames, [
      'taylor',
      'swift',
    ]);
    assert.deepEqual(analyze('What did Kanye say about the feud?').unknownNames, []);
  });

  it('finds the focus word of "what is the X" questions', () => {
    assert.equal(analyze('What is the capital of France?').focus, 'capital');
  });

  it("finds the grammatical subject when it is a name, for questions about someone's words", () => {
    const a = analyze("How did Legend answer Kanye's reply?");
    assert.ok(a.wantsQuote);
    assert.ok(a.subject.includes('legend'));
    assert.ok(!a.subject.includes('west'));
  });

  it('reads "what year" as a question about a date, not about the word year', () => {
    const a = analyze('In what year did Ye meet Trump?');
    assert.equal(a.kind, 'when');
    assert.ok(!a.concepts.some((c) => c.word === 'year'));
    assert.ok(analyze('How many years did he coach?').concepts.some((c) => c.word === 'years'));
  });

  it('takes a capitalised first word for a name only when English does not know it', () => {
    // `Besides` opens a sentence; `Zorvath` is no English word, so it names someone.
    assert.deepEqual(analyze('Besides music, what did Kanye do?').unknownNames, []);
    assert.deepEqual(analyze('Zorvath said what about Kanye?').unknownNames, ['zorvath']);
  });

  it('corrects a misspelt name to a name of the corpus and counts the edits', () => {
    const legend = analyze('What did Legnd say?').concepts.find((c) => c.word === 'legnd');
    assert.equal(legend?.corrected, 'legend');
    assert.equal(legend?.edits, 1);
  });

  it('notices restrictive questions', () => {
    assert.equal(analyze('Was it only about Trump?').restrictive, true);
    assert.equal(analyze('Was it about Trump?').restrictive, false);
  });

  it("reads each story's words for a question asked of several stories in turn", () => {
    // Stories of one library share a lexicon, and what a question says whatever the story is
    // read once for them all: what each story knows is still its own.
    const lexicon = createLexicon(JSON.parse(readFileSync(DEFAULT_LEXICON, 'utf8')));
    const story = (text: string) =>
      buildStory(
        {
          dir: '/x',
          articles: [parseArticle('001', text, '/x/001.txt', { boilerplate: [] })],
          warnings: [],
        },
        {},
        lexicon,
      ).index;
    const port = story('The port of Malmo grew quickly after the new bridge opened in 2000.');
    const mill = story('The old mill closed in 1954, and Anna Berg bought it in 1961.');
    const q = 'When did the bridge of Malmo open?';
    for (let i = 0; i < 2; i++) {
      const inPort = analyzeQuestion(q, port);
      const inMill = analyzeQuestion(q, mill);
      assert.equal(inPort.kind, 'when');
      assert.equal(inMill.kind, 'when');
      assert.deepEqual(
        inPort.concepts.map((c) => [c.word, c.known]),
        [
          ['bridge', true],
          ['malmo', true],
          ['open', true],
        ],
      );
      assert.deepEqual(
        inMill.concepts.map((c) => [c.word, c.known]),
        [
          ['bridge', false],
          ['malmo', false],
          ['open', false],
        ],
      );
      assert.deepEqual(inMill.unknownNames, ['malmo']);
      assert.deepEqual(inPort.unknownNames, []);
    }
    // Another question in between is read as itself.
    assert.equal(analyzeQuestion('Who bought the mill?', mill).kind, 'who');
    assert.equal(analyzeQuestion(q, port).kind, 'when');
  });
});
