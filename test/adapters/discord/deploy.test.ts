import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deployCommands } from '../../../src/adapters/discord/deploy.ts';
import { TEST_APPLICATION_ID, TEST_TOKEN } from '../../support/discord-harness.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../support/discord-standin.ts';

let standIn: DiscordStandIn;
before(async () => {
  standIn = await startDiscordStandIn({ token: TEST_TOKEN, applicationId: TEST_APPLICATION_ID });
});
after(async () => {
  await standIn.close();
});

const env = (guildId: string | null) => ({
  token: TEST_TOKEN,
  applicationId: TEST_APPLICATION_ID,
  guildId,
  apiUrl: standIn.apiUrl,
});

describe('deployCommands', () => {
  it('bulk-overwrites the guild commands with /rift when a guild is set, and says so', async () => {
    const lines: string[] = [];
    const result = await deployCommands(env('1302000000000000100'), (line) => lines.push(line));
    const put = standIn.requests.at(-1);
    assert.equal(put?.method, 'PUT');
    assert.equal(
      put?.path,
      `/api/v10/applications/${TEST_APPLICATION_ID}/guilds/1302000000000000100/commands`,
    );
    assert.deepEqual(
      ((put?.body ?? []) as { name: string; type: number }[]).map((c) => [c.name, c.type]),
      [
        ['rift', 1],
        ['Ask rift', 3],
      ],
    );
    assert.equal(result.scope, 'guild');
    assert.match(
      lines[0] ?? '',
      /Registered \/rift \(why, ask, quotes, who, timeline, sources, stories, use, help\) and the "Ask rift" message menu to guild 1302000000000000100/,
    );
  });

  it('registers globally when no guild is set', async () => {
    const result = await deployCommands(env(null), () => {});
    assert.equal(
      standIn.requests.at(-1)?.path,
      `/api/v10/applications/${TEST_APPLICATION_ID}/commands`,
    );
    assert.equal(result.scope, 'global');
  });
});
