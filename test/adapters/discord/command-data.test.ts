import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildCommandData,
  buildMessageCommandData,
} from '../../../src/adapters/discord/command-data.ts';
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

describe('buildMessageCommandData', () => {
  it('is a message command installable to a server or by a user, open to every member', () => {
    const menu = buildMessageCommandData();
    assert.equal(menu.type, 3);
    assert.equal(menu.name, 'Ask rift');
    for (const command of [menu, buildCommandData()]) {
      // Guild install 0, user install 1; contexts guild 0, bot DM 1, private channel 2.
      assert.deepEqual(command.integration_types, [0, 1]);
      assert.deepEqual(command.contexts, [0, 1, 2]);
      assert.equal(command.default_member_permissions, null);
    }
  });
});
