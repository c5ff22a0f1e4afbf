/**
 * Channels' default stories, for every adapter: a command with no story gets its channel's
 * (`use <story>`), and `use` itself is answered here, since it needs the channel, the person's
 * right to set it, and the durable store. Who may set it is the adapter's to say (Discord: Manage
 * Channels; Slack: `SLACK_ADMIN_USERS`, or anyone when unset).
 */
import type { ConversationAnswer, Turn } from '../commands/conversation.ts';
import { parseCommandText } from '../commands/grammar.ts';
import type { Rift } from '../commands/rift.ts';
import type { Command, UseCommand } from '../commands/types.ts';
import type { Reply } from '../core/reply.ts';
import type { Logger } from '../log.ts';
import type { ChannelRef, ChannelStoryStore } from '../ops/channels/store.ts';
import { storeHealth } from '../ops/gate.ts';

/** What an adapter needs to serve channel stories. */
export interface ChannelStories {
  readonly store: ChannelStoryStore;
  readonly log: Logger;
}

/** The word `use` takes to clear a channel's story. */
export const CLEAR_STORY = 'none';

/**
 * Reads and sets channels' stories for one adapter. A store that cannot be reached (PostgreSQL
 * down) is logged once: commands go on without the channel's default (routing answers), and
 * `use` says it could not save.
 *
 * @example
 * const channels = channelStories({ store, log });
 * const command = await channels.resolve(rift, { platform: 'slack', channelId: 'C1' }, parsed);
 */
export function channelStories(options: ChannelStories) {
  const health = storeHealth(
    options.log,
    'durable store',
    "commands go on without channels' stories; use cannot save",
  );
  const current = async (channel: ChannelRef) => {
    try {
      const found = await options.store.get(channel);
      health.up();
      return found;
    } catch (error) {
      health.down(error);
      return undefined;
    }
  };
  return {
    /** `command` with its channel's story when it names none and the rift serves several. */
    async resolve(rift: Rift, channel: ChannelRef | null, command: Command): Promise<Command> {
      if (command.story || command.name === 'use') return command;
      const story = await this.storyOf(rift, channel);
      return story ? { ...command, story } : command;
    },
    /** The channel's story id, when the rift serves several and one is set (and still served). */
    async storyOf(rift: Rift, channel: ChannelRef | null): Promise<string | null> {
      if (!rift.stories || !channel) return null;
      const found = await current(channel);
      return found && rift.stories().some((s) => s.id === found.story) ? found.story : null;
    },
    /** Answers `use`: shows, sets or clears the channel's story. */
    async use(
      rift: Rift,
      channel: ChannelRef | null,
      command: UseCommand,
      who: { readonly userId: string | null; readonly allowed: boolean; readonly rule: string },
    ): Promise<Reply> {
      const notice = (message: string, level: 'info' | 'warning' = 'info'): Reply => ({
        kind: 'notice',
        command,
        level,
        message,
      });
      if (!rift.stories) return rift.run(command);
      if (!channel) return notice('`use` sets the story of a channel: run it in one.', 'warning');
      const listings = rift.stories();
      const found = await current(channel);
      if (command.target === null) {
        return {
          kind: 'stories',
          command,
          stories: listings,
          current: found?.story ?? null,
          message:
            found === undefined
              ? "I can't read this channel's story right now; questions here go to the story that answers best."
              : found
                ? `This channel's story is "${found.story}". Questions here are answered from it unless they name another.`
                : 'This channel has no story: questions here go to the story that answers best.',
        };
      }
      if (!who.allowed) return notice(`Only ${who.rule} can set this channel's story.`, 'warning');
      const target = command.target.trim();
      const clear = target.toLowerCase() === CLEAR_STORY;
      if (!clear && !listings.some((s) => s.id === target))
        return {
          kind: 'stories',
          command,
          stories: listings,
          current: found?.story ?? null,
          message: `I don't have a story called "${target.slice(0, 64)}". Name one of these.`,
        };
      try {
        await options.store.set(channel, clear ? null : target, who.userId);
        health.up();
      } catch (error) {
        health.down(error);
        return notice(
          "Sorry, I could not save this channel's story just now. Please try again in a moment.",
          'warning',
        );
      }
      return notice(
        clear
          ? 'This channel no longer has a story: questions go to the story that answers best.'
          : `This channel's story is now "${target}".`,
      );
    },
  };
}

/** The channel-story helper an adapter holds. */
export type ChannelStoriesHelper = ReturnType<typeof channelStories>;

/** A conversation message as an adapter has it, with its channel. */
export interface ChannelMessage {
  readonly text: string;
  readonly turns: readonly Turn[];
  readonly channel: ChannelRef | null;
  /** Answers `use` (the adapter knows who may set the channel's story). */
  readonly use: (command: UseCommand) => Promise<Reply>;
}

/**
 * Answers a conversation message in its channel: `use` goes to the adapter (it needs the
 * person's rights), anything else to the core with the channel's story, which the core applies
 * when the message names no story and follows no earlier turn. Without a stories folder this is
 * just `rift.converse`.
 *
 * @example
 * await converseWith(channels, rift, { text: 'why?', turns: [], channel, use: (c) => answer(c) });
 */
export async function converseWith(
  channels: ChannelStoriesHelper | null,
  rift: Rift,
  message: ChannelMessage,
): Promise<ConversationAnswer> {
  const { text, turns } = message;
  if (!channels || !rift.stories) return rift.converse({ text, turns });
  const parsed = parseCommandText(text);
  if (parsed.name === 'use')
    return { reply: await message.use(parsed), page: 0, turn: null, followUp: null };
  const story = await channels.storyOf(rift, message.channel);
  return rift.converse({ text, turns, ...(story ? { story } : {}) });
}
