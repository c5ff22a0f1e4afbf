import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCommandData } from '../../../src/adapters/discord/command-data.ts';
import { COMMANDS, MAX_QUESTION_CHARS } from '../../../src/commands/definitions.ts';

type Option = {
  name: string;
  type: number;
  required?: boolean;
  max_length?: number;
  autocomplete?: boolean;
  options?: Option[];
};
const data = buildCommandData();
const subcommands = (data.options ?? []) as Option[];
const sub = (name: string) => subcommands.find((s) => s.name === name);

describe('buildCommandData', () => {
  it('makes /rift with one subcommand per neutral command, in order', () => {
    assert.equal(data.name, 'rift');
    assert.deepEqual(
      subcommands.map((s) => s.name),
      COMMANDS.map((c) => c.name),
    );
    assert.ok(subcommands.every((s) => s.type === 1));
  });

  it('requires the question and limits it to the core maximum', () => {
    const question = sub('ask')?.options?.find((o) => o.name === 'question');
    assert.equal(question?.required, true);
    assert.equal(question?.max_length, MAX_QUESTION_CHARS);
  });

  it('autocompletes the quotes speaker', () => {
    assert.equal(sub('quotes')?.options?.find((o) => o.name === 'speaker')?.autocomplete, true);
  });

  it('gives every subcommand an optional boolean private option', () => {
    for (const s of subcommands) {
      const option = s.options?.find((o) => o.name === 'private');
      assert.equal(option?.type, 5, s.name);
      assert.equal(option?.required, false, s.name);
    }
  });

  it('lists required options before optional ones, as Discord demands', () => {
    for (const s of subcommands) {
      const required = (s.options ?? []).map((o) => o.required === true);
      assert.deepEqual(
        required,
        [...required].sort((a, b) => Number(b) - Number(a)),
        s.name,
      );
    }
  });

  it('keeps every description within 100 characters', () => {
    for (const s of [data, ...subcommands, ...subcommands.flatMap((x) => x.options ?? [])]) {
      const description = (s as { description?: string }).description ?? '';
      assert.ok(description.length >= 1 && description.length <= 100);
    }
  });
});
