/**
 * Hostile input, end to end: any string as a question, a speaker or a topic goes through the real
 * seed story and every renderer (terminal, JSON, Discord, Slack) without throwing, within each
 * platform's limits and without a live mention; and `rift ask --json` answers one JSON line per
 * input line, whatever the lines hold.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderChoices, renderDiscord } from '../../src/adapters/discord/render.ts';
import { renderReply } from '../../src/adapters/slack/render.ts';
import { toJson } from '../../src/adapters/terminal/json.ts';
import { renderText } from '../../src/adapters/terminal/render.ts';
import { parseCommandText } from '../../src/commands/grammar.ts';
import type { Command } from '../../src/commands/types.ts';
import { validateMessage } from '../support/discord-standin.ts';
import { ROOT, seedsRift } from '../support/seeds.ts';
import { assertSlackSafe } from '../support/slack-blocks.ts';

const rift = seedsRift();

/** Strings a hostile or careless user types: anything, plus mention and markdown syntax. */
const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ minLength: 400, maxLength: 2500 }),
  fc
    .array(
      fc.constantFrom(
        '@everyone',
        '@here',
        '<@123456789012345678>',
        '<@&123456789012345678>',
        '<!channel>',
        '<!here>',
        '<#C0LAN2Q65>',
        '**',
        '`',
        '\u202e',
        '\u200b',
        'Kanye',
        'Legend',
        'why',
        'ye',
        ' ',
        '\n',
        '>',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  text.map((question): Command => ({ name: 'ask', question, private: false })),
  fc.tuple(fc.option(text), fc.option(text), fc.boolean()).map(
    ([speaker, about, isPrivate]): Command => ({
      name: 'quotes',
      speaker,
      about,
      private: isPrivate,
    }),
  ),
  // Slack and the console read free text through the grammar.
  text.map((line) => parseCommandText(line)),
);

const UNESCAPED_DISCORD_MENTION = /(^|[^\\])(@everyone|@here|<@[!&]?\d+>)/;
/** Escape sequences could repaint a terminal; only line breaks and tabs may pass. */
function hasControl(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 && ch !== '\n' && ch !== '\t') || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

describe('any input, every renderer', () => {
  it('never throws, stays within Discord limits and never pings', () => {
    fc.assert(
      fc.property(command, fc.nat(3), (c, page) => {
        const message = renderDiscord(rift.run(c), { page, userId: '1302000000000000300' });
        assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
        assert.deepEqual(message.allowed_mentions, { parse: [] });
        const parts = [
          message.content,
          ...message.embeds.flatMap((e) => [
            e.title ?? '',
            e.description ?? '',
            e.footer?.text ?? '',
            e.author?.name ?? '',
            ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
          ]),
        ];
        for (const part of parts) assert.ok(!UNESCAPED_DISCORD_MENTION.test(part), part);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws, stays within Slack limits and never notifies', () => {
    fc.assert(
      fc.property(command, fc.nat(3), (c, page) => {
        assertSlackSafe(renderReply(rift.run(c), { page }));
      }),
      { numRuns: 150 },
    );
  });

  it('never throws in the terminal or as JSON, and writes no control characters', () => {
    fc.assert(
      fc.property(command, (c) => {
        const reply = rift.run(c);
        const out = renderText(reply);
        assert.ok(out.trim().length > 0);
        assert.ok(!hasControl(out), JSON.stringify(out.slice(0, 200)));
        assert.doesNotThrow(() => JSON.stringify(toJson(reply)));
      }),
      { numRuns: 150 },
    );
  });

  it('offers autocomplete choices within Discord limits for any typed speaker', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -5, max: 100 }), (typed, limit) => {
        const choices = renderChoices(rift.completeSpeakers(typed, limit));
        assert.ok(choices.length <= 25);
        for (const c of choices) assert.ok(c.name.length >= 1 && c.name.length <= 100);
      }),
      { numRuns: 150 },
    );
  });
});

describe('rift ask --json over arbitrary lines', () => {
  it('prints exactly one JSON object per input line, in order', () => {
    // Any characters but line breaks: a line is what lies between them.
    const line = fc
      .string({ unit: 'binary', maxLength: 120 })
      .map((s) => s.replace(/[\r\n]/g, ' '));
    const lines = fc.sample(
      fc.oneof(line, fc.constantFrom('', ' ', 'why', '@everyone <@1> **', 'x'.repeat(700))),
      { numRuns: 300, seed: 7 },
    );
    const result = spawnSync(
      process.execPath,
      [resolve(ROOT, 'src/bin/rift.js'), 'ask', '--json'],
      {
        cwd: ROOT,
        input: `${lines.join('\n')}\n`,
        encoding: 'utf8',
        env: Object.fromEntries(
          Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK)_/.test(k)),
        ),
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    assert.equal(result.status, 0, result.stderr);
    const out = result.stdout.split('\n');
    assert.equal(out.at(-1), '', 'ends with a newline');
    assert.equal(out.length - 1, lines.length, 'one output line per input line');
    for (const jsonLine of out.slice(0, -1)) {
      const parsed = JSON.parse(jsonLine) as Record<string, unknown>;
      assert.ok(
        'question' in parsed || 'kind' in parsed || 'error' in parsed,
        jsonLine.slice(0, 200),
      );
    }
  });
});
