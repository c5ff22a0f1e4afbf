import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CITATIONS_PER_PAGE, renderReply } from '../../../src/adapters/slack/render.ts';
import { assertProperty } from '../../support/bounded-property.ts';
import { replyArbitraries, replyArbitrary } from '../../support/reply-arbitrary.ts';
import { assertSlackSafe, textsOf } from '../../support/slack-blocks.ts';

// Citations numbered as the core numbers them, so each can be looked up by its number.
const options = { citationNumbers: 'sequential' } as const;
const reply = replyArbitrary(options);
const answer = replyArbitraries(options).answer;

describe('Slack render (properties)', () => {
  it('renders any reply on any page within Slack limits, never emitting an unescaped mention', () => {
    assertProperty(
      fc.property(reply, fc.nat(20), (r, page) => {
        assertSlackSafe(renderReply(r, { page }));
      }),
      { numRuns: 150 },
    );
  });

  it("stays within the limits with an answer's buttons and any note, which is escaped", () => {
    const buttons = fc.record({
      answerId: fc.constant('hgchzjAYASjK'),
      more: fc.boolean(),
      share: fc.boolean(),
    });
    const note = fc.oneof(fc.string({ maxLength: 600 }), fc.constant('<!channel> <@U123> & co'));
    assertProperty(
      fc.property(reply, fc.nat(20), buttons, note, (r, page, b, n) => {
        const message = renderReply(r, { page, buttons: b, note: n });
        assertSlackSafe(message);
        // The feedback buttons are never cut to fit: they are the last block.
        assert.equal(message.blocks.at(-1)?.type, 'context_actions');
      }),
      { numRuns: 150 },
    );
  });

  it("renders every page of a long `who` card within Slack's block and text limits", () => {
    const person = replyArbitraries({ ...options, longCards: true }).person;
    assertProperty(
      fc.property(person, fc.nat(12), (r, page) => {
        assertSlackSafe(renderReply(r, { page }));
      }),
      { numRuns: 10 },
    );
  });

  it('keeps the source line of every citation on the first page of an answer', () => {
    assertProperty(
      fc.property(answer, (r) => {
        const lines = textsOf(renderReply(r)).filter((t) => /^\[\d+\] /.test(t));
        const shown = [...r.citations, ...r.otherViews].slice(0, CITATIONS_PER_PAGE);
        for (const citation of shown) {
          const line = lines.find((l) => l.startsWith(`[${citation.n}] `));
          assert.ok(line, `citation ${citation.n} lost its source line`);
          assert.ok(
            line.includes(`reported by ${Math.max(1, citation.sources.length)} of ${r.corpusSize}`),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
