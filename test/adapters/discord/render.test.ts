import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePageId } from '../../../src/adapters/discord/custom-id.ts';
import {
  DISCORD_CHOICES_MAX,
  DISCORD_EMBED_FIELD_VALUE_MAX,
  DISCORD_EMBED_FIELDS_MAX,
  DISCORD_EMBED_TITLE_MAX,
  DISCORD_EMBEDS_TOTAL_MAX,
  type DiscordMessage,
  embedLength,
  escapeMarkdown,
  QUOTES_PER_PAGE,
  renderChoices,
  renderDiscord,
  truncate,
} from '../../../src/adapters/discord/render.ts';
import type { AnswerReply, Citation, QuotesReply, SourceRef } from '../../../src/core/reply.ts';
import { validateMessage } from '../../support/discord-standin.ts';

const SOURCE: SourceRef = {
  id: '000_a',
  outlet: 'Halden Herald',
  date: '2024-11-06',
  url: 'https://example.com/a',
  title: 'Votes',
};

function citation(n: number, snippet: string): Citation {
  return { n, snippet, source: SOURCE.id, sources: [SOURCE], speaker: null };
}

/** Size of the adversarial texts below; the quadratic paths they guard took 7 to 13 s. */
const ADVERSARIAL_CHARS = 100_000;
/**
 * A bound the renderer stays far below even on a loaded machine (a few milliseconds here), and
 * the quadratic code was far beyond.
 */
const LOOSE_MS = 2000;

function timed<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function answer(overrides: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    command: { name: 'ask', question: 'How many votes?', private: false },
    question: 'How many votes?',
    leadPrefix: 'According to 1 of 3 sources:',
    lead: 'About 60,000 votes.',
    citations: [citation(1, 'About 60,000 votes.'), citation(2, 'He left the race.')],
    otherViews: [],
    corpusSize: 3,
    note: null,
    ...overrides,
  };
}

function quotes(count: number, isPrivate = false): QuotesReply {
  return {
    kind: 'quotes',
    command: { name: 'quotes', speaker: 'Ye', about: null, private: isPrivate },
    speaker: 'Kanye West',
    about: null,
    quotes: Array.from({ length: count }, (_, i) => ({
      speaker: 'Kanye West',
      speakerKind: 'person',
      text: `Quote ${i + 1}`,
      partial: false,
      sources: [SOURCE],
      mentions: [],
    })),
    speakers: [{ name: 'Kanye West', quotes: count, kind: 'person' }],
    corpusSize: 3,
  };
}

const totalEmbedLength = (m: DiscordMessage) =>
  m.embeds.reduce((sum, e) => sum + embedLength(e), 0);

describe('renderDiscord: answers', () => {
  it('puts the lead and its source line together in the description, marked [1]', () => {
    const embed = renderDiscord(answer()).embeds[0];
    assert.match(
      embed?.description ?? '',
      /> About 60,000 votes\.\n— \[Halden Herald\]\(<https:\/\/example\.com\/a>\), 2024-11-06 · reported by 1 of 3 sources \[1\]/,
    );
  });

  it('gives every other citation one field holding its snippet and its source line', () => {
    const field = renderDiscord(answer()).embeds[0]?.fields?.[0];
    assert.equal(field?.name, '[2]');
    assert.match(field?.value ?? '', /^> He left the race\.\n— .*reported by 1 of 3 sources$/);
  });

  it('cuts a long snippet at a word, keeping its source line whole', () => {
    const long = 'word '.repeat(400).trim();
    const field = renderDiscord(
      answer({ citations: [citation(1, 'About 60,000 votes.'), citation(2, long)] }),
    ).embeds[0]?.fields?.[0];
    assert.ok((field?.value.length ?? 0) <= DISCORD_EMBED_FIELD_VALUE_MAX);
    assert.match(field?.value ?? '', /word…\n— .*reported by 1 of 3 sources$/);
  });

  it('drops whole citations, and says how many, when they would pass 6000 characters', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      citation(i + 2, 'long snippet text '.repeat(50)),
    );
    const message = renderDiscord(
      answer({ citations: [citation(1, 'About 60,000 votes.'), ...many] }),
    );
    const embed = message.embeds[0];
    assert.ok(totalEmbedLength(message) <= DISCORD_EMBEDS_TOTAL_MAX);
    assert.ok((embed?.fields?.length ?? 0) <= DISCORD_EMBED_FIELDS_MAX);
    assert.match(embed?.footer?.text ?? '', /\d+ more citations not shown/);
    assert.ok(embed?.fields?.every((f) => f.value.includes('reported by')));
  });

  it('shortens a 6000-character question to a 256-character title ending in an ellipsis', () => {
    const title = renderDiscord(answer({ question: 'why '.repeat(1500) })).embeds[0]?.title ?? '';
    assert.ok(title.length <= DISCORD_EMBED_TITLE_MAX);
    assert.ok(title.endsWith('…'));
  });
});

describe('renderDiscord: safety', () => {
  it('sets allowed_mentions to parse nothing', () => {
    assert.deepEqual(renderDiscord(answer()).allowed_mentions, { parse: [] });
  });

  it('escapes mention syntax and markdown from the question', () => {
    const title = renderDiscord(answer({ question: '**hi** <@123> @everyone' })).embeds[0]?.title;
    assert.equal(title, '\\*\\*hi\\*\\* \\<\\@123\\> \\@everyone');
  });

  it('keeps the request private when the command was private', () => {
    const reply = answer({ command: { name: 'ask', question: 'q', private: true } });
    assert.equal(renderDiscord(reply).ephemeral, true);
  });

  it('shows an error notice privately whatever the command', () => {
    const message = renderDiscord({
      kind: 'notice',
      command: null,
      level: 'error',
      message: 'Slow down',
    });
    assert.equal(message.ephemeral, true);
    assert.match(message.content, /Slow down/);
  });
});

describe('renderDiscord: comparisons', () => {
  it("keeps each story's answer within the 6000 characters with its story line, never sending nothing", () => {
    // The story line was added after the answer had filled its 6000 characters, so an answer
    // that came within 256 of them went over and was dropped: with no message either, Discord
    // got an empty message. Leads of every length in steps of 10 bring some answer there.
    for (let words = 0; words <= 600; words += 5) {
      const full = (id: string) => ({
        ...answer({
          lead: 'w '.repeat(words),
          citations: [
            citation(1, 'x'),
            ...Array.from({ length: 10 }, (_, i) => citation(i + 2, 'x '.repeat(600))),
          ],
        }),
        story: { id, title: 'T'.repeat(300) },
      });
      const message = renderDiscord({
        kind: 'compared',
        command: { name: 'ask', question: 'q', private: false },
        question: 'q',
        message: '',
        answers: [full('one'), full('two')],
      });
      assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
      assert.ok(message.embeds.length >= 1, `${words} words: no answer shown`);
      assert.match(message.embeds[0]?.author?.name ?? '', /^📰 T+…$/);
    }
  });
});

describe('renderDiscord: pagination', () => {
  it('shows one page of quotes with Previous disabled and Next leading to page 2', () => {
    const message = renderDiscord(quotes(10));
    const [previous, next] = message.components[0]?.components ?? [];
    assert.equal(message.embeds.length, QUOTES_PER_PAGE);
    assert.equal(previous?.disabled, true);
    assert.equal(decodePageId(next?.custom_id ?? '')?.page, 1);
  });

  it('clamps a page past the end to the last page', () => {
    const message = renderDiscord(quotes(10), { page: 99 });
    assert.match(message.content, /page 3 of 3/);
    assert.equal(message.components[0]?.components[1]?.disabled, true);
  });

  it('has no buttons when everything fits on one page', () => {
    assert.deepEqual(renderDiscord(quotes(2)).components, []);
  });

  it("encodes the requester in a private reply's buttons, and nobody in a public one", () => {
    const privateId = renderDiscord(quotes(10, true), { userId: '42' }).components[0]?.components[1]
      ?.custom_id;
    const publicId = renderDiscord(quotes(10), { userId: '42' }).components[0]?.components[1]
      ?.custom_id;
    assert.equal(decodePageId(privateId ?? '')?.ownerId, '42');
    assert.equal(decodePageId(publicId ?? '')?.ownerId, null);
  });

  it('produces messages the stand-in accepts', () => {
    assert.deepEqual(
      validateMessage(renderDiscord(quotes(10)) as unknown as Record<string, unknown>, true),
      [],
    );
  });
});

describe('renderChoices', () => {
  it('offers at most 25 choices', () => {
    const names = Array.from({ length: 40 }, (_, i) => `Speaker ${i}`);
    assert.equal(renderChoices(names).length, DISCORD_CHOICES_MAX);
  });

  it('leaves out a name longer than a choice value may be', () => {
    assert.deepEqual(renderChoices(['x'.repeat(101), 'Kanye West']), [
      { name: 'Kanye West', value: 'Kanye West' },
    ]);
  });
});

describe('escapeMarkdown', () => {
  it('escapes headings and list markers only at the start of a line', () => {
    assert.equal(
      escapeMarkdown('# Title\n- item\n1. first\nA-B #3'),
      '\\# Title\n\\- item\n1\\. first\nA-B #3',
    );
  });

  it('escapes masked-link brackets so corpus text cannot hide a link', () => {
    assert.equal(escapeMarkdown('[click](https://x.test)'), '\\[click\\](https://x.test)');
  });

  it('escapes a marker after blank lines and indentation, whatever the line break', () => {
    assert.equal(
      escapeMarkdown('\n\n  - a\n\u2028# b\r\n \t3. c\u2029+ d'),
      '\n\n  \\- a\n\u2028\\# b\r\n \t3\\. c\u2029\\+ d',
    );
  });

  it('escapes long runs of line breaks in linear time', () => {
    // Each line start once rescanned the whole run of breaks after it: 100,000 U+2028 took
    // 13 s (100,000 newlines 7 s), on the thread that must only talk.
    for (const blank of ['\n', '\u2028', '\r\n', '\n ']) {
      // Text, not a marker, after the run: a marker ended the first attempt at once.
      const run = blank.repeat(ADVERSARIAL_CHARS / blank.length);
      const [escaped, ms] = timed(() => escapeMarkdown(`${run}x\n- y`));
      assert.equal(escaped, `${run}x\n\\- y`);
      assert.ok(ms < LOOSE_MS, `${JSON.stringify(blank)}: ${ms.toFixed(0)} ms`);
    }
  });
});

describe('truncate', () => {
  it('cuts at a word boundary and adds an ellipsis', () => {
    assert.equal(truncate('Kanye West said he was done', 16), 'Kanye West said…');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate(`${'a'.repeat(8)}😀😀😀`, 10);
    assert.equal(cut, 'aaaaaaaa…');
  });

  it('never leaves a dangling escape before the ellipsis', () => {
    assert.equal(truncate(escapeMarkdown('aaaaaaaa*bbbb'), 10), 'aaaaaaaa…');
  });

  it('finds the trailing backslashes in linear time after a long run of them', () => {
    // A run of n backslashes before the cut was rescanned from each of its n positions: about
    // 7 to 8.5 s for 100,000.
    const text = `${'\\'.repeat(ADVERSARIAL_CHARS)}${'x'.repeat(ADVERSARIAL_CHARS)}`;
    const [cut, ms] = timed(() => truncate(text, text.length - 10));
    assert.equal(cut, `${text.slice(0, text.length - 11)}…`);
    assert.ok(ms < LOOSE_MS, `${ms.toFixed(0)} ms`);
    assert.equal(
      truncate(`x${'\\'.repeat(ADVERSARIAL_CHARS + 1)}y`, ADVERSARIAL_CHARS + 2),
      `x${'\\'.repeat(ADVERSARIAL_CHARS)}…`,
    );
  });
});

describe('renderDiscord: adversarial text', () => {
  /** An answer whose every text, from the question to the other views, is `text`. */
  const everyText = (text: string) =>
    answer({
      question: text,
      leadPrefix: text,
      lead: text,
      note: text,
      citations: [citation(1, text), citation(2, text)],
      otherViews: [citation(3, text)],
    });

  it('renders replies whose every text is 100,000 line breaks or backslashes quickly, within limits', () => {
    for (const text of [
      '\n'.repeat(ADVERSARIAL_CHARS),
      '\u2028'.repeat(ADVERSARIAL_CHARS),
      `${'\\'.repeat(ADVERSARIAL_CHARS)}x`,
    ]) {
      const [message, ms] = timed(() => renderDiscord(everyText(text), { note: text }));
      assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
      assert.ok(ms < LOOSE_MS, `${JSON.stringify(text.slice(0, 2))}…: ${ms.toFixed(0)} ms`);
    }
  });

  it('reads no more of a text than a message can show', () => {
    // Every text escaped in full made a reply with texts of 1,000,000 markdown characters take
    // about 3 s; only the first 6,001 characters can change what is shown.
    const huge = '*_~`|>@<#1>\n- 1. '.repeat(1_000_000 / 18);
    const [message, ms] = timed(() => renderDiscord(everyText(huge), { note: huge }));
    const shown = huge.slice(0, DISCORD_EMBEDS_TOTAL_MAX + 1);
    assert.deepEqual(message, renderDiscord(everyText(shown), { note: shown }));
    assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>, true), []);
    assert.ok(ms < LOOSE_MS, `${ms.toFixed(0)} ms`);
  });
});
