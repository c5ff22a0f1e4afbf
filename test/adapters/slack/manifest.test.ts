import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SLASH_COMMAND } from '../../../src/adapters/slack/app.ts';

interface Manifest {
  display_information: { description: string };
  features: { slash_commands: { command: string; should_escape: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(
  readFileSync(new URL('../../../config/slack-manifest.json', import.meta.url), 'utf8'),
) as Manifest;

describe('Slack app manifest', () => {
  it('declares the /rift command the app listens for, unescaped', () => {
    const [command] = manifest.features.slash_commands;
    assert.ok(command && SLASH_COMMAND.test(command.command));
    assert.equal(command.should_escape, false);
  });

  it('asks for exactly the scopes the adapter uses', () => {
    assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), [
      'app_mentions:read',
      'chat:write',
      'commands',
    ]);
  });

  it('subscribes to app_mention, enables buttons and Socket Mode', () => {
    assert.deepEqual(manifest.settings.event_subscriptions.bot_events, ['app_mention']);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.equal(manifest.settings.socket_mode_enabled, true);
  });

  it("keeps the short description within Slack's 140 characters", () => {
    assert.ok(manifest.display_information.description.length <= 140);
  });
});
