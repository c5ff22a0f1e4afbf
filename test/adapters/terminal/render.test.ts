import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJson } from '../../../src/adapters/terminal/json.ts';
import { renderText } from '../../../src/adapters/terminal/render.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { seedsRift } from '../../support/seeds.ts';

const rift = seedsRift();

describe('renderText', () => {
  it('prints the lead and numbered citations with their sources and corroboration', () => {
    const text = renderText(rift.run({ name: 'why', private: false }));
    assert.match(text, /^Why did John Legend and Kanye West stop being friends\?/);
    assert.match(text, /According to 5 of 5 sources:/);
    assert.match(text, /\[1\] /);
    assert.match(text, /reported by 5 of 5 sources/);
  });

  it('tells the user plainly when it abstains and points to help', () => {
    const text = renderText(
      rift.run({ name: 'ask', question: 'What is the capital of France?', private: false }),
    );
    assert.match(text, /The 5 articles I know don't say\. Try "help"/);
  });

  it('lists every command in help', () => {
    const text = renderText(rift.run({ name: 'help', private: false }));
    for (const usage of [
      'why',
      'ask <question>',
      'quotes [speaker] [about <topic>]',
      'timeline',
      'sources',
    ]) {
      assert.ok(text.includes(usage), usage);
    }
  });

  it('removes terminal control sequences from any text', () => {
    const reply: Reply = {
      kind: 'notice',
      command: null,
      level: 'info',
      message: 'hi\u001B[31mred\u001B[0m\u0007',
    };
    assert.equal(renderText(reply), 'hired');
  });
});

describe('toJson', () => {
  it('follows the ask contract: question, abstained, answer, citations with corroboratedBy', () => {
    const json = toJson(
      rift.run({ name: 'ask', question: 'How many votes did Kanye get?', private: false }),
    );
    assert.equal(json.abstained, false);
    assert.equal(typeof json.answer, 'string');
    const [first] = json.citations as Record<string, unknown>[];
    assert.deepEqual(Object.keys(first ?? {}).sort(), [
      'corroboratedBy',
      'date',
      'outlet',
      'snippet',
      'source',
      'speaker',
    ]);
    assert.ok(first);
    assert.ok((first.corroboratedBy as string[]).includes(first.source as string));
  });

  it('marks an abstention with no citations', () => {
    const json = toJson(
      rift.run({ name: 'ask', question: 'What is the capital of France?', private: false }),
    );
    assert.equal(json.abstained, true);
    assert.deepEqual(json.citations, []);
  });
});
