import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { channelStories } from '../../src/adapters/channel-story.ts';
import { silentLogger } from '../../src/log.ts';
import { createMemoryChannelStories } from '../../src/ops/channels/store.ts';
import { inProcessLibrary } from '../../src/runtime/in-process.ts';
import { loadLibrary } from '../../src/runtime/stories-folder.ts';
import { makeStoriesFolder } from '../support/stories-folder.ts';

const folder = makeStoriesFolder();
after(() => folder.close());
const rift = inProcessLibrary(loadLibrary(folder.dir, { cache: false }));
const channel = { platform: 'slack', channelId: 'C1' } as const;
const admin = { userId: 'UADMIN', allowed: true, rule: 'admins' };

describe("a channel's story (use)", () => {
  it('sets the story, and later questions in the channel are answered from it', async () => {
    const channels = channelStories({ store: createMemoryChannelStories(), log: silentLogger });
    const set = await channels.use(
      rift,
      channel,
      { name: 'use', target: 'water', private: false },
      admin,
    );
    assert.equal(set.kind, 'notice');
    const command = await channels.resolve(rift, channel, { name: 'why', private: false });
    assert.equal(command.story, 'water');
    assert.equal((await rift.run(command)).story?.id, 'water');
  });

  it('does not override a story the command names', async () => {
    const channels = channelStories({ store: createMemoryChannelStories(), log: silentLogger });
    await channels.use(rift, channel, { name: 'use', target: 'water', private: false }, admin);
    const command = await channels.resolve(rift, channel, {
      name: 'why',
      private: false,
      story: 'stadium',
    });
    assert.equal(command.story, 'stadium');
  });

  it('refuses someone who may not set it, naming who may', async () => {
    const store = createMemoryChannelStories();
    const channels = channelStories({ store, log: silentLogger });
    const reply = await channels.use(
      rift,
      channel,
      { name: 'use', target: 'water', private: false },
      { userId: 'U2', allowed: false, rule: 'members with the Manage Channels permission' },
    );
    assert.equal(reply.kind, 'notice');
    assert.match(
      reply.kind === 'notice' ? reply.message : '',
      /Only members with the Manage Channels permission/,
    );
    assert.equal(await store.get(channel), null);
  });

  it('shows the current story with use alone, anyone may ask', async () => {
    const channels = channelStories({ store: createMemoryChannelStories(), log: silentLogger });
    await channels.use(rift, channel, { name: 'use', target: 'stadium', private: false }, admin);
    const reply = await channels.use(
      rift,
      channel,
      { name: 'use', target: null, private: false },
      { userId: 'U3', allowed: false, rule: 'admins' },
    );
    assert.equal(reply.kind, 'stories');
    assert.equal(reply.kind === 'stories' ? reply.current : null, 'stadium');
  });

  it('refuses an unknown story and clears with none', async () => {
    const store = createMemoryChannelStories();
    const channels = channelStories({ store, log: silentLogger });
    const unknown = await channels.use(
      rift,
      channel,
      { name: 'use', target: 'nope', private: false },
      admin,
    );
    assert.equal(unknown.kind, 'stories');
    await channels.use(rift, channel, { name: 'use', target: 'water', private: false }, admin);
    await channels.use(rift, channel, { name: 'use', target: 'none', private: false }, admin);
    assert.equal(await store.get(channel), null);
  });

  it('answers politely when the store cannot save, and goes on without a default', async () => {
    const broken = {
      get: async () => {
        throw new Error('connection refused');
      },
      set: async () => {
        throw new Error('connection refused');
      },
      close: async () => {},
    };
    const lines: string[] = [];
    const log = {
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    };
    const channels = channelStories({ store: broken, log });
    const reply = await channels.use(
      rift,
      channel,
      { name: 'use', target: 'water', private: false },
      admin,
    );
    assert.match(reply.kind === 'notice' ? reply.message : '', /could not save/);
    const command = await channels.resolve(rift, channel, { name: 'why', private: false });
    assert.equal(command.story, undefined);
    assert.equal(lines.filter((l) => l.includes('unreachable')).length, 1, 'logged once');
  });
});
