/**
 * Conversations on Discord: an @mention of rift, a reply to one of rift's messages and any DM
 * are answered as a reply, read against the earlier turns of the reply chain (the chain is the
 * thread; a DM is one conversation). Works without the privileged Message Content intent:
 * Discord gives a bot the content of DMs and of messages that mention it, and a reply to rift
 * mentions it unless the person turned the ping off.
 */
import { type Message, PermissionFlagsBits } from 'discord.js';
import type { Turn } from '../../commands/conversation.ts';
import { MAX_MESSAGE_CHARS } from '../../commands/definitions.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Logger } from '../../log.ts';
import type { ConversationKey, ConversationStore } from '../../ops/conversations.ts';
import { type RequestGate, slowDownText } from '../../ops/gate.ts';
import { type ChannelStoriesHelper, converseWith } from '../channel-story.ts';
import type { AnswerRenderer } from './interactions.ts';
import { apologyMessage, type DiscordMessage, noticeMessage } from './render.ts';

/** Said when `private` is asked for in a channel: a reply to a message is always public. */
export const PRIVATE_IN_CHANNEL =
  'Replies to messages are public. For an answer only you see, use /rift with private:True, the "Ask rift" message menu, or DM me.';

/** Handles one message; resolves when it is answered, ignored, or its failure logged. */
export type MessageHandler = (message: Message) => Promise<void>;

/**
 * Creates the handler for `messageCreate`.
 *
 * @example
 * client.on(Events.MessageCreate, createMessageHandler({ rift, log, gate, answers, conversations }));
 */
export function createMessageHandler(deps: {
  readonly rift: Rift;
  readonly log: Logger;
  readonly gate: RequestGate;
  readonly answers: AnswerRenderer;
  readonly conversations: ConversationStore;
  /** With a stories folder: channels' default stories (`use`). */
  readonly channels?: ChannelStoriesHelper | null;
}): MessageHandler {
  const { rift, log, gate, answers, conversations } = deps;
  const channels = deps.channels ?? null;
  return async (message) => {
    const me = message.client.user?.id;
    if (!me || message.author.bot || message.system) return;
    const direct = !message.inGuild();
    const mentioned = message.mentions.users.has(me);
    const repliedToMe = message.mentions.repliedUser?.id === me;
    if (!direct && !mentioned && !repliedToMe) return;
    try {
      if (!(await gate.firstDelivery(`discord:message:${message.id}`))) return;
      const admission = await gate.admit({
        platform: 'discord',
        userId: message.author.id,
        channelId: message.channelId,
      });
      if (!admission.ok) {
        await send(message, noticeMessage(slowDownText(admission)));
        return;
      }
      const text = message.content
        .slice(0, MAX_MESSAGE_CHARS)
        .replace(new RegExp(`<@!?${me}>`, 'g'), ' ');
      const referenced = message.reference?.messageId ?? null;
      const dmKey: ConversationKey = ['discord', 'dm', message.channelId];
      const key: ConversationKey | null = referenced
        ? ['discord', message.channelId, referenced]
        : direct
          ? dmKey
          : null;
      const turns: readonly Turn[] = (key && (await conversations.load(key))) ?? [];
      const channel = { platform: 'discord' as const, channelId: message.channelId };
      const result = await converseWith(channels, rift, {
        text,
        turns,
        channel,
        use: (command) =>
          channels
            ? channels.use(rift, channel, command, {
                userId: message.author.id,
                // As for the slash command: members who may manage the channel; in a DM, the person.
                allowed:
                  direct ||
                  (message.member
                    ?.permissionsIn(message.channelId)
                    .has(PermissionFlagsBits.ManageChannels) ??
                    false),
                rule: 'members with the Manage Channels permission',
              })
            : rift.run(command),
      });
      if (result.reply.command?.private && !direct) {
        await send(message, noticeMessage(PRIVATE_IN_CHANNEL));
        return;
      }
      const sent = await send(
        message,
        await answers(result.reply, { page: result.page, note: result.followUp }),
      );
      if (!result.turn) return;
      // A reply to rift's answer continues this conversation; in a DM, so does the next message.
      const keys: ConversationKey[] = [['discord', message.channelId, sent.id]];
      if (direct) keys.push(dmKey);
      await conversations.append(keys, turns, result.turn);
    } catch (error) {
      log.error('discord message failed', {
        message: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
      await send(message, apologyMessage()).catch(() => undefined);
    }
  };
}

/** Replies to `message` without pinging anyone, the person replied to included. */
function send(message: Message, reply: DiscordMessage): Promise<Message> {
  return message.reply({
    content: reply.content || undefined,
    embeds: reply.embeds,
    components: reply.components,
    allowedMentions: { parse: [], repliedUser: false },
  });
}
