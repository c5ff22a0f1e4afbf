/**
 * Invariants no example list covers: whatever text the core or a user produces, the Discord
 * message stays within Discord's limits (checked by the stand-in's independent validator), never
 * pings, and rendering never throws.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderChoices, renderDiscord } from '../../../src/adapters/discord/render.ts';
import { validateMessage } from '../../support/discord-standin.ts';
import { replyArbitraries, replyArbitrary } from '../../support/reply-arbitrary.ts';

// Any citation numbers, repeats included: the limits and pings must not depend on them.
const reply = replyArbitrary({ citationNumbers: 'any' });

/** Markdown text a reader sees rendered: mention syntax there must be escaped. */
function renderedText(message: ReturnType<typeof renderDiscord>): string[] {
  return [
    message.content,
    ...message.embeds.flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ];
}

const UNESCAPED_MENTION = /(^|[^\\])(@everyone|@here|<@&?\d+>)/;

describe('renderDiscord properties', () => {
  it('renders any reply within every Discord limit', () => {
    fc.assert(
      fc.property(reply, fc.nat(5), (r, page) => {
        const message = renderDiscord(r, { page, userId: '1302000000000000300' });
        assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
      }),
      { numRuns: 200 },
    );
  });

  it("stays within every limit with an answer's buttons and any note, never pinging", () => {
    const buttons = fc.record({
      answerId: fc.constant('hgchzjAYASjK'),
      more: fc.boolean(),
      share: fc.boolean(),
    });
    const note = fc.oneof(fc.string({ maxLength: 2500 }), fc.constant('@everyone <@123> **x**'));
    fc.assert(
      fc.property(reply, fc.nat(5), buttons, note, (r, page, b, n) => {
        const message = renderDiscord(r, {
          page,
          userId: '1302000000000000300',
          buttons: b,
          note: n,
        });
        assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
        assert.doesNotMatch(message.content, UNESCAPED_MENTION);
      }),
      { numRuns: 150 },
    );
  });

  it('renders every page of a long `who` card within every Discord limit', () => {
    const person = replyArbitraries({ citationNumbers: 'any', longCards: true }).person;
    fc.assert(
      fc.property(person, fc.nat(12), (r, page) => {
        const message = renderDiscord(r, { page, userId: '1302000000000000300' });
        assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
      }),
      { numRuns: 10 },
    );
  });

  it('never pings: mentions parse nothing and mention syntax is escaped', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const message = renderDiscord(r);
        assert.deepEqual(message.allowed_mentions, { parse: [] });
        for (const part of renderedText(message)) assert.ok(!UNESCAPED_MENTION.test(part), part);
      }),
      { numRuns: 200 },
    );
  });

  it('offers autocomplete choices within the limits for any names', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 150 }), { maxLength: 60 }),
        (names) => {
          const choices = renderChoices(names);
          assert.ok(choices.length <= 25);
          for (const c of choices)
            assert.ok(c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100);
        },
      ),
    );
  });
});
