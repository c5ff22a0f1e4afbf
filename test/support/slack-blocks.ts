/**
 * Reading rendered Slack messages in tests: every visible text, and the checks every message
 * must pass whatever it says (Slack's limits, our size budget, nothing that can notify).
 */
import assert from 'node:assert/strict';
import { BUTTON_VALUE_MAX } from '../../src/adapters/slack/paging.ts';
import {
  BLOCKS_MAX,
  CONTEXT_TEXT_MAX,
  MESSAGE_TEXT_MAX,
  SECTION_TEXT_MAX,
  type SlackMessage,
} from '../../src/adapters/slack/render.ts';

/** Every text a person could see: fallback, section and context texts, button labels. */
export function textsOf(message: SlackMessage): string[] {
  const texts = [message.text];
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text) texts.push(block.text.text);
    if (block.type === 'context') {
      for (const element of block.elements) if ('text' in element) texts.push(element.text);
    }
    if (block.type === 'actions') {
      for (const element of block.elements)
        if (element.type === 'button') texts.push(element.text.text);
    }
  }
  return texts;
}

/** Our own link markup, `<https://…|label>`; anything else in angle brackets would be Slack markup. */
const OWN_LINK = /<https?:\/\/[^\s<>|]+\|[^<>]*>/g;

/** Asserts Slack's limits, our budget, a non-empty fallback and that nothing can notify. */
export function assertSlackSafe(message: SlackMessage): void {
  assert.ok(message.text.trim().length > 0, 'fallback text is empty');
  assert.ok(message.blocks.length <= BLOCKS_MAX, `${message.blocks.length} blocks`);
  for (const block of message.blocks) {
    if (block.type === 'section')
      assert.ok((block.text?.text.length ?? 0) <= SECTION_TEXT_MAX, 'section text too long');
    if (block.type === 'context') {
      assert.ok(block.elements.length <= 10);
      for (const e of block.elements)
        if ('text' in e) assert.ok(e.text.length <= CONTEXT_TEXT_MAX, 'context text too long');
    }
    if (block.type === 'actions') {
      for (const e of block.elements)
        if (e.type === 'button') assert.ok((e.value ?? '').length <= BUTTON_VALUE_MAX);
    }
  }
  const texts = textsOf(message);
  const total = texts.reduce((sum, t) => sum + t.length, 0);
  assert.ok(total <= MESSAGE_TEXT_MAX, `message text ${total} characters`);
  for (const text of texts) {
    // Our own markup: links, and `>` opening a block-quote line.
    const outside = text.replace(OWN_LINK, '').replace(/^>/gm, '');
    assert.ok(!/[<>]/.test(outside), `unescaped markup in ${JSON.stringify(text.slice(0, 200))}`);
  }
}
