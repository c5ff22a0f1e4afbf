import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clip, escapeMrkdwn, plainText } from '../../../src/adapters/slack/mrkdwn.ts';

describe('Slack mrkdwn text', () => {
  it('escapes the three markup characters and nothing else', () => {
    assert.equal(
      escapeMrkdwn('<!channel> Legend & West *said*'),
      '&lt;!channel&gt; Legend &amp; West *said*',
    );
  });

  it('cuts at a word boundary and marks the cut', () => {
    assert.equal(clip("We aren't friends as much as we used to be", 20), "We aren't friends…");
  });

  it('counts the escaped length, so a cut never splits an entity', () => {
    const out = clip('&'.repeat(100), 23);
    assert.ok(out.length <= 23);
    assert.match(out, /^(&amp;)+…$/);
  });

  it('does not split a surrogate pair', () => {
    const out = clip('😀'.repeat(50), 11);
    assert.ok(!/[\uD800-\uDBFF]…$/.test(out));
  });

  it('removes the bot mention and unescapes what Slack escaped', () => {
    assert.equal(
      plainText('<@UBOT> why did they fall out? &lt;3 &amp; more', 'UBOT'),
      'why did they fall out? <3 & more',
    );
  });

  it('turns other mentions, channels and links into plain words', () => {
    assert.equal(
      plainText(
        'ask <@U123> and <!here> in <#C1|general> about <https://x.test|the article>',
        'UBOT',
      ),
      'ask U123 and @here in #general about the article'.replace('U123', '@U123'),
    );
  });
});
