/**
 * Invariants no example list covers: whatever text the core or a user produces, the Discord
 * message stays within Discord's limits (checked by the stand-in's independent validator), never
 * pings, and rendering never throws.
 *
 * Each property has a fixed number of runs over inputs of bounded size (see reply-arbitrary.ts:
 * texts of at most 7,000 code points, lists of at most 80), and a failure gets a bounded time to
 * shrink, so the file cannot run for many minutes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderChoices, renderDiscord } from '../../../src/adapters/discord/render.ts';
import { assertProperty } from '../../support/bounded-property.ts';
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
    assertProperty(
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
    assertProperty(
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
    assertProperty(
      fc.property(person, fc.nat(12), (r, page) => {
        const message = renderDiscord(r, { page, userId: '1302000000000000300' });
        assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
      }),
      { numRuns: 10 },
    );
  });

  it('never pings: mentions parse nothing and mention syntax is escaped', () => {
    assertProperty(
      fc.property(reply, (r) => {
        const message = renderDiscord(r);
        assert.deepEqual(message.allowed_mentions, { parse: [] });
        for (const part of renderedText(message)) assert.ok(!UNESCAPED_MENTION.test(part), part);
      }),
      { numRuns: 200 },
    );
  });

  it('offers autocomplete choices within the limits for any names', () => {
    assertProperty(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 150 }), { maxLength: 60 }),
        (names) => {
          const choices = renderChoices(names);
          assert.ok(choices.length <= 25);
          for (const c of choices)
            assert.ok(c.name.length >= 1 && c.name.length <= 100 && c.value.length <= 100);
        },
      ),
      { numRuns: 100 },
    );
  });
});
