import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEnv } from '../../src/config/env.ts';

const DISCORD = {
  DISCORD_TOKEN: 'MTMwMjAwMDAwMDAwMDAwMDAwMQ.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB',
  DISCORD_APPLICATION_ID: '1302000000000000001',
};
const SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-0000-test-token',
  SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
};

describe('readEnv', () => {
  it('enables nothing when no platform variable is set', () => {
    const env = readEnv({});
    assert.equal(env.discord, null);
    assert.equal(env.slack, null);
    assert.equal(env.logLevel, 'info');
  });

  it('reads Discord with one process unless DISCORD_SHARDS is set', () => {
    assert.equal(readEnv(DISCORD).discord?.shards, null);
    assert.equal(readEnv({ ...DISCORD, DISCORD_SHARDS: 'auto' }).discord?.shards, 'auto');
    assert.equal(readEnv({ ...DISCORD, DISCORD_SHARDS: ' 2 ' }).discord?.shards, 2);
  });

  it('needs no signing secret in Socket Mode, and asks for one in HTTP mode', () => {
    const socket = readEnv({
      SLACK_BOT_TOKEN: SLACK.SLACK_BOT_TOKEN,
      SLACK_APP_TOKEN: 'xapp-1-A0-x',
    });
    assert.equal(socket.slack?.appToken, 'xapp-1-A0-x');
    assert.equal(socket.slack?.signingSecret, null);
    assert.throws(
      () => readEnv({ SLACK_BOT_TOKEN: SLACK.SLACK_BOT_TOKEN }),
      /SLACK_SIGNING_SECRET is missing: .*HTTP mode verifies every request/,
    );
  });

  it('lists every problem at once, each with its fix, never echoing a secret', () => {
    const bad = {
      DISCORD_TOKEN: 'not-a-token-secret',
      DISCORD_SHARDS: 'many',
      SLACK_BOT_TOKEN: 'xoxp-user-token',
      SLACK_SIGNING_SECRET: 'zz',
      PORT: '70000',
      LOG_LEVEL: 'chatty',
    };
    let message = '';
    try {
      readEnv(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    assert.match(message, /^Invalid environment \(see \.env\.example\):/);
    for (const expected of [
      'DISCORD_TOKEN does not look like a bot token',
      'DISCORD_APPLICATION_ID is missing: copy the Application ID',
      'DISCORD_SHARDS "many" is not a shard count: use auto',
      'SLACK_BOT_TOKEN must start with "xoxb-"',
      'SLACK_SIGNING_SECRET does not look like a signing secret',
      'PORT "70000" is not a port number (0 to 65535).',
      'LOG_LEVEL "chatty" is not a level',
    ])
      assert.ok(message.includes(expected), `${expected}\n---\n${message}`);
    assert.ok(!message.includes('not-a-token-secret'));
    assert.ok(!message.includes('xoxp-user-token'));
  });

  it('never echoes a token pasted into the wrong variable, nor credentials in a URL', () => {
    const token = DISCORD.DISCORD_TOKEN;
    let message = '';
    try {
      readEnv({
        ...DISCORD,
        ...SLACK,
        DISCORD_APPLICATION_ID: token,
        DISCORD_GUILD_ID: SLACK.SLACK_SIGNING_SECRET,
        PORT: SLACK.SLACK_BOT_TOKEN,
        SLACK_API_URL: 'ftp://admin:hunter2-secret@proxy.example/api/',
        DISCORD_API_URL: 'not a url xoxb-9999-secret',
        LOG_LEVEL: 'xapp-1-A0000-secret-token',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const variable of [
      'DISCORD_APPLICATION_ID (a value of 72 characters, not shown) is not a Discord id',
      'DISCORD_GUILD_ID (a value of 32 characters, not shown)',
      'PORT (a value of 20 characters, not shown) is not a port number',
      'SLACK_API_URL (a value of',
      'DISCORD_API_URL (a value of',
      'LOG_LEVEL (a value of',
    ])
      assert.ok(message.includes(variable), `${variable}\n---\n${message}`);
    for (const secret of [
      token,
      'abcdefghijklmnopqrstuvwxyz0123456789AB',
      SLACK.SLACK_SIGNING_SECRET,
      SLACK.SLACK_BOT_TOKEN,
      'hunter2',
      'xoxb-9999-secret',
      'secret-token',
    ])
      assert.ok(!message.includes(secret), `echoed ${secret}:\n${message}`);
  });

  it('treats blank values as unset', () => {
    const env = readEnv({ ...SLACK, PORT: '  ', SLACK_APP_TOKEN: '' });
    assert.equal(env.slack?.port, 3000);
    assert.equal(env.slack?.appToken, null);
  });
});
