/**
 * One shard process, spawned by `startDiscordShards` through discord.js's ShardingManager:
 * rift's usual start-up with only the Discord client, whose shard comes from the environment
 * (`SHARDS`, `SHARD_COUNT`). SIGTERM stops it gracefully; it then exits with start's status
 * (the IPC channel to the manager would otherwise keep it alive).
 */
import { start } from '../../main.ts';

process.exit(await start({ role: 'shard' }));
