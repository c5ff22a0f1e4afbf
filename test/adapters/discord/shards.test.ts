/**
 * Many servers: `DISCORD_SHARDS` runs discord.js's ShardingManager, one rift process per shard,
 * here two real shard processes against the stand-in, which routes each guild's interactions to
 * its shard as Discord does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ShardedDiscord, startDiscordShards } from '../../../src/adapters/discord/shard.ts';
import { silentLogger } from '../../../src/log.ts';
import { TEST_APPLICATION_ID, TEST_TOKEN } from '../../support/discord-harness.ts';
import { chatInput } from '../../support/discord-interactions.ts';
import {
  type DiscordStandIn,
  shardFor,
  startDiscordStandIn,
} from '../../support/discord-standin.ts';

let standIn: DiscordStandIn;
let shards: ShardedDiscord;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  standIn = await startDiscordStandIn({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    recommendedShards: 2,
  });
  // The shard processes inherit this process's environment, as under `npm start`.
  for (const name of Object.keys(process.env))
    if (name.startsWith('SLACK_') || name.startsWith('RIFT_')) delete process.env[name];
  // One story worker per shard process is enough here (and spares a loaded CI machine).
  const ops = join(mkdtempSync(join(tmpdir(), 'rift-shards-')), 'rift.json');
  writeFileSync(ops, JSON.stringify({ runtime: { workers: 1 } }));
  Object.assign(process.env, {
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
    DISCORD_API_URL: standIn.apiUrl,
    LOG_LEVEL: 'warn',
    RIFT_OPS_CONFIG: ops,
    // The shards' feedback database, in a temporary folder rather than the project.
    RIFT_DB: join(dirname(ops), 'rift.db'),
  });
  shards = await startDiscordShards(
    {
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
      guildId: null,
      apiUrl: standIn.apiUrl,
    },
    silentLogger,
    { shards: 'auto', spawnDelayMs: 0 },
  );
});
after(async () => {
  await shards?.stop();
  await standIn.close();
});

/** A guild id that Discord routes to `shard` of `count`. */
function guildOn(shard: number, count: number): string {
  let id = 1302000000000000100n;
  while (shardFor(String(id), count) !== shard) id += 1n << 22n;
  return String(id);
}

describe('Discord sharding', () => {
  it('asks Discord for the shard count (auto) and identifies one session per shard', async () => {
    await standIn.waitForIdentified(2);
    assert.deepEqual(
      [...standIn.shards].sort((a, b) => a[0] - b[0]),
      [
        [0, 2],
        [1, 2],
      ],
    );
  });

  it('answers each guild from its own shard, once', async () => {
    const ids = [0, 1].map((shard) => {
      const payload = chatInput({ applicationId: TEST_APPLICATION_ID }, 'why');
      payload.guild_id = guildOn(shard, 2);
      return standIn.dispatch(payload);
    });
    for (const id of ids) {
      const callback = await standIn.waitFor(
        (r) => r.interactionId === id && r.path.endsWith('/callback'),
        10_000,
      );
      assert.equal(callback.status, 204);
      const edit = await standIn.waitFor(
        (r) => r.interactionId === id && r.method === 'PATCH',
        10_000,
      );
      assert.equal(edit.status, 200);
    }
    await sleep(200);
    for (const id of ids)
      assert.equal(standIn.requestsFor(id).filter((r) => r.path.endsWith('/callback')).length, 1);
  });

  it('passes SIGHUP on: each shard reloads its story and keeps its session', async () => {
    const sessions = standIn.shards.length;
    shards.hangup();
    await sleep(500);
    const payload = chatInput({ applicationId: TEST_APPLICATION_ID }, 'sources');
    payload.guild_id = guildOn(1, 2);
    const id = standIn.dispatch(payload);
    const callback = await standIn.waitFor(
      (r) => r.interactionId === id && r.path.endsWith('/callback'),
      10_000,
    );
    assert.equal(callback.status, 204);
    assert.equal(standIn.shards.length, sessions, 'no shard died and identified again');
  });

  it('stops every shard process without respawning them', async () => {
    await shards.stop();
    const before = standIn.shards.length;
    await sleep(500);
    assert.equal(standIn.shards.length, before, 'no shard identified again');
  });
});
