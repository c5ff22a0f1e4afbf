/**
 * A channel's story: the story `use <story>` set as the default for one channel, so questions
 * asked there need no `--story`. Kept in the durable store: SQLite (`sqlite.ts`, the embedded
 * default) or PostgreSQL (`postgres.ts`, when `DATABASE_URL` is set, for several replicas). One
 * contract test suite runs against both.
 */

/** Which channel: platform and the platform's own channel id. */
export interface ChannelRef {
  readonly platform: 'discord' | 'slack' | 'console';
  readonly channelId: string;
}

/** A channel's default story and who set it. */
export interface ChannelStory {
  readonly story: string;
  /** The platform user id of who set it (null from the console). */
  readonly setBy: string | null;
  /** When, ISO 8601. */
  readonly at: string;
}

/** Where channels' default stories are kept. */
export interface ChannelStoryStore {
  /** The channel's default story, or null when none is set. */
  get(channel: ChannelRef): Promise<ChannelStory | null>;
  /** Sets (or, with `story` null, clears) the channel's default story. */
  set(channel: ChannelRef, story: string | null, setBy: string | null): Promise<void>;
  close(): Promise<void>;
}

/** The longest channel id or story id stored; platform ids are far shorter. */
export const MAX_CHANNEL_KEY_CHARS = 200;

/** Checks a channel reference before it reaches a database. */
export function checkChannel(channel: ChannelRef): void {
  if (!channel.channelId || channel.channelId.length > MAX_CHANNEL_KEY_CHARS)
    throw new RangeError(`channel id must be 1-${MAX_CHANNEL_KEY_CHARS} characters`);
}

/**
 * The in-memory store, for tests and one-shot commands.
 *
 * @example
 * const channels = createMemoryChannelStories();
 * await channels.set({ platform: 'slack', channelId: 'C0LAN2Q65' }, 'stadium', 'U061F7AUR');
 */
export function createMemoryChannelStories(now: () => Date = () => new Date()): ChannelStoryStore {
  const rows = new Map<string, ChannelStory>();
  return {
    async get(channel) {
      return rows.get(`${channel.platform}:${channel.channelId}`) ?? null;
    },
    async set(channel, story, setBy) {
      checkChannel(channel);
      const key = `${channel.platform}:${channel.channelId}`;
      if (story === null) rows.delete(key);
      else rows.set(key, { story, setBy, at: now().toISOString() });
    },
    async close() {
      rows.clear();
    },
  };
}
