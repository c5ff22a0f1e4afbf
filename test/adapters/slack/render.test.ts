import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodePageState,
  encodePageState,
  NEXT_ACTION_ID,
  PREVIOUS_ACTION_ID,
} from '../../../src/adapters/slack/paging.ts';
import {
  renderApology,
  renderReply,
  SECTION_TEXT_MAX,
  type SlackMessage,
} from '../../../src/adapters/slack/render.ts';
import { parseCommandText } from '../../../src/commands/grammar.ts';
import type { AnswerReply, Reply } from '../../../src/core/reply.ts';
import { assertSlackSafe, textsOf } from '../../support/slack-blocks.ts';
import { fakeReply, SOURCES } from '../../support/slack-rift.ts';

const run = (text: string) => fakeReply(parseCommandText(text));

function buttons(message: SlackMessage): { action_id: string; value: string }[] {
  return message.blocks.flatMap((b) =>
    b.type === 'actions' ? (b.elements as { action_id: string; value: string }[]) : [],
  );
}

const ALL_KINDS: readonly string[] = [
  'why',
  'ask did the Lakers win',
  'quotes Ye',
  'quotes',
  'quotes Nobody',
  'sources',
  'help',
  'timeline',
];

describe('Slack render', () => {
  it('renders every reply kind with a non-empty fallback within the block limit', () => {
    const kinds = new Set<string>();
    for (const text of ALL_KINDS) {
      const reply = run(text);
      kinds.add(reply.kind);
      const message = renderReply(reply);
      assert.ok(message.blocks.length > 0, text);
      assertSlackSafe(message);
    }
    assert.deepEqual([...kinds].sort(), [
      'abstention',
      'answer',
      'help',
      'notice',
      'quotes',
      'sources',
      'speakers',
      'unknown-speaker',
    ]);
  });

  it('puts the lead in the first section and one source line per citation', () => {
    const reply = run('why') as AnswerReply;
    const message = renderReply(reply);
    const sections = message.blocks.filter((b) => b.type === 'section');
    assert.match(JSON.stringify(sections[0]), /According to 4 of 5 sources:.*publicly disagreed/);
    const lines = message.blocks.filter((b) => b.type === 'context').map((b) => JSON.stringify(b));
    for (const citation of reply.citations) {
      assert.ok(
        lines.some((l) => l.includes(`[${citation.n}]`)),
        `citation ${citation.n} has a source line`,
      );
    }
    assert.ok(lines.some((l) => l.includes('reported by 4 of 5 sources')));
  });

  it('links an outlet to its article and escapes the ampersand in the URL', () => {
    const message = renderReply(run('why'));
    assert.ok(
      textsOf(message).some((t) => t.includes('<https://cnn.com/axe-files?a=1&amp;b=2|CNN>')),
    );
  });

  it('shows an article without an outlet by its id, never an invented name', () => {
    const message = renderReply(run('sources'));
    assert.ok(textsOf(message).some((t) => t.includes(SOURCES[3]?.id ?? '?')));
  });

  it('groups quotes under the speaker with their outlets', () => {
    const texts = textsOf(renderReply(run('quotes Ye')));
    assert.ok(texts.some((t) => t.startsWith('*Quotes by Kanye West*')));
    assert.ok(texts.some((t) => t.includes('People') && t.includes('reported by 1 of 5 sources')));
  });

  it('offers only Next on the first page and both buttons on a middle page', () => {
    const reply = run('quotes Ye');
    assert.deepEqual(
      buttons(renderReply(reply)).map((b) => b.action_id),
      [NEXT_ACTION_ID],
    );
    assert.deepEqual(
      buttons(renderReply(reply, { page: 1 })).map((b) => b.action_id),
      [PREVIOUS_ACTION_ID, NEXT_ACTION_ID],
    );
  });

  it('carries the command and the target page in the Next button', () => {
    const reply = run('quotes Ye about Trump private');
    const [next] = buttons(renderReply(reply));
    assert.deepEqual(decodePageState(next?.value), { command: reply.command, page: 1 });
  });

  it('clamps a page past the end to the last page', () => {
    const texts = textsOf(renderReply(run('quotes Ye'), { page: 99 }));
    assert.ok(texts.includes('Page 3 of 3'));
  });

  it('escapes mention syntax from the corpus so it cannot notify', () => {
    const reply: Reply = {
      ...(run('why') as AnswerReply),
      lead: 'Hey <!channel> & <@U123> <!here>',
    };
    const all = textsOf(renderReply(reply)).join('\n');
    assert.ok(all.includes('Hey &lt;!channel&gt; &amp; &lt;@U123&gt; &lt;!here&gt;'));
    assert.ok(!/<[!@#]/.test(all));
  });

  it('cuts an over-long snippet at a word boundary with an ellipsis and keeps its source line', () => {
    const base = run('why') as AnswerReply;
    const long = `${'friendship '.repeat(600)}end`;
    const reply: Reply = {
      ...base,
      citations: base.citations.map((c) => ({ ...c, snippet: long })),
    };
    const message = renderReply(reply);
    const quoted = textsOf(message).filter((t) => t.startsWith('>friendship'));
    assert.ok(quoted.length > 0);
    for (const t of quoted) {
      assert.ok(t.length <= SECTION_TEXT_MAX);
      assert.match(t, /friendship…$/);
    }
    assert.ok(
      textsOf(message).some((t) => t.startsWith('[3]') && t.includes('reported by 1 of 5 sources')),
    );
  });

  it('fits a page of the longest citations, dropping links before any source line', () => {
    const base = run('why') as AnswerReply;
    const url = `https://example.com/${'a'.repeat(270)}`;
    const sources = Array.from({ length: 9 }, (_, i) => ({
      id: `s${i}`,
      outlet: 'O'.repeat(60),
      date: '2022-08-05',
      url,
      title: 't',
    }));
    const citations = Array.from({ length: 6 }, (_, i) => ({
      n: i + 1,
      snippet: 'word '.repeat(700),
      source: 's0',
      sources,
      speaker: 'S'.repeat(60),
    }));
    const message = renderReply({ ...base, lead: 'x', citations });
    assertSlackSafe(message);
    for (const n of [1, 2, 3, 4, 5, 6]) {
      assert.ok(
        textsOf(message).some(
          (t) => t.startsWith(`[${n}] `) && t.includes('reported by 9 of 5 sources'),
        ),
      );
    }
  });

  it('turns any failure into the same short apology', () => {
    const apology = renderApology();
    assert.match(apology.text, /^Sorry, something went wrong/);
    assert.equal(apology.blocks.length, 1);
  });
});

describe('Slack page state', () => {
  it('round-trips a command and page', () => {
    const state = { command: parseCommandText('quotes Ye about Trump'), page: 2 };
    assert.deepEqual(decodePageState(encodePageState(state)), state);
  });

  it('rejects values it did not make', () => {
    for (const value of [
      '',
      'x',
      '{"v":1,"p":-1,"c":{"name":"why","private":false}}',
      '{"v":1,"p":0,"c":{"name":"rm","private":false}}',
      null,
    ]) {
      assert.equal(decodePageState(value), null, String(value));
    }
  });

  it('caps a huge question so the value fits a button', () => {
    const value = encodePageState({
      command: parseCommandText(`ask ${'"'.repeat(5000)}`),
      page: 1,
    });
    assert.ok(value !== null && value.length <= 2000);
  });
});
