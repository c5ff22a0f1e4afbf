import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ASK_SHORTCUT_ID, SLASH_COMMAND } from '../../../src/adapters/slack/app.ts';
import { COMMANDS } from '../../../src/commands/definitions.ts';

interface Manifest {
  display_information: { description: string; long_description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    shortcuts: { type: string; callback_id: string }[];
    slash_commands: { command: string; should_escape: boolean; usage_hint: string }[];
  };
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
    // Mentions; reading messages in channels, private channels and DMs where rift takes part
    // (threads and DMs); posting; the slash command and the message shortcut.
    assert.deepEqual([...manifest.oauth_config.scopes.bot].sort(), [
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'commands',
      'groups:history',
      'im:history',
    ]);
  });

  it('lists every command in the usage hint and the long description', () => {
    const [command] = manifest.features.slash_commands;
    for (const definition of COMMANDS) {
      assert.ok(command?.usage_hint.includes(definition.usage), definition.usage);
      assert.ok(
        manifest.display_information.long_description.includes(`/rift ${definition.usage}`),
        definition.usage,
      );
    }
  });

  it('declares the message shortcut, the Home tab and the messages tab', () => {
    assert.deepEqual(
      manifest.features.shortcuts.map((s) => [s.type, s.callback_id]),
      [['message', ASK_SHORTCUT_ID]],
    );
    assert.equal(manifest.features.app_home.home_tab_enabled, true);
    assert.equal(manifest.features.app_home.messages_tab_enabled, true);
  });

  it('subscribes to the events the adapter listens for, enables buttons and Socket Mode', () => {
    assert.deepEqual([...manifest.settings.event_subscriptions.bot_events].sort(), [
      'app_home_opened',
      'app_mention',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    assert.equal(manifest.settings.interactivity.is_enabled, true);
    assert.equal(manifest.settings.socket_mode_enabled, true);
  });

  it("keeps the short description within Slack's 140 characters", () => {
    assert.ok(manifest.display_information.description.length <= 140);
  });
});
