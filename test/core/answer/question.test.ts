import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeQuestion } from '../../../src/core/answer/question.ts';
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
});
