import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSlack } from '../../../src/adapters/slack/start.ts';
import { silentLogger } from '../../../src/log.ts';
import { createFakeRift } from '../../support/slack-rift.ts';
import { BOT_TOKEN, startSlackStandin, TEST_SIGNING_SECRET } from '../../support/slack-standin.ts';

describe('Slack start-up', () => {
  it('names SLACK_BOT_TOKEN, without its value, when Slack rejects the token', async () => {
    const standin = await startSlackStandin();
    standin.failAuth('invalid_auth');
    try {
      const env = {
        botToken: BOT_TOKEN,
        signingSecret: TEST_SIGNING_SECRET,
        appToken: null,
        port: 0,
        apiUrl: standin.apiUrl,
      };
      await assert.rejects(startSlack(createFakeRift(), env, silentLogger), (error: Error) => {
        assert.match(error.message, /Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
        assert.ok(!error.message.includes(BOT_TOKEN));
        return true;
      });
    } finally {
      await standin.close();
    }
  });

  it('stops listening when stopped', async () => {
    const standin = await startSlackStandin();
    const env = {
      botToken: BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      appToken: null,
      port: 0,
      apiUrl: standin.apiUrl,
    };
    const slack = await startSlack(createFakeRift(), env, silentLogger);
    assert.equal(slack.mode, 'http');
    assert.ok(slack.port && slack.port > 0);
    await slack.stop();
    await assert.rejects(fetch(`http://127.0.0.1:${slack.port}/healthz`));
    await standin.close();
  });
});
