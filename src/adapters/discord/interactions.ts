/**
 * Turns Discord interactions into core commands and core replies into Discord responses:
 * `/rift` subcommands, `speaker` autocomplete and pagination buttons. Every failure ends in a
 * short private apology and a log line; nothing here can take the process down.
 */
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { turnForReply } from '../../commands/conversation.ts';
import { MAX_MESSAGE_CHARS } from '../../commands/definitions.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Command } from '../../commands/types.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import type { ConversationStore } from '../../ops/conversations.ts';
import { createMemoryFeedback } from '../../ops/feedback/memory.ts';
import type { FeedbackStore } from '../../ops/feedback/store.ts';
import { createRequestGate, type RequestGate, slowDownText } from '../../ops/gate.ts';
import {
  castVote,
  EXPIRED_BUTTON,
  moreCommand,
  recordAnswer,
  sharedCommand,
} from '../answer-actions.ts';
import type { ChannelStoriesHelper } from '../channel-story.ts';
import { ASK_MESSAGE_COMMAND_NAME, DISCORD_COMMAND_NAME } from './command-data.ts';
import { commandForPage, decodePageId } from './custom-id.ts';
import {
  apologyMessage,
  DISCORD_CHOICES_MAX,
  type DiscordMessage,
  decodeAnswerButton,
  noticeMessage,
  type RenderOptions,
  renderChoices,
  renderDiscord,
} from './render.ts';

/** Handles one interaction; resolves when it is answered (or the failure is logged). */
export type InteractionHandler = (interaction: Interaction) => Promise<void>;

/**
 * Creates the handler for every interaction the bot receives. The `gate` drops a second delivery
 * of the same interaction id and answers someone over their rate limit with a private "slow down"
 * (commands and buttons; autocomplete is never limited, it is typing).
 *
 * @example
 * client.on(Events.InteractionCreate, createInteractionHandler(rift, log, gate));
 */
export function createInteractionHandler(
  rift: Rift,
  log: Logger,
  gate: RequestGate = createRequestGate(),
  feedback: FeedbackStore = createMemoryFeedback(),
  conversations: ConversationStore | null = null,
  channels: ChannelStoriesHelper | null = null,
): InteractionHandler {
  const answers = answerRenderer(rift, feedback);
  /** A public answer starts a conversation: replying to its message follows up on it. */
  const remember = async (reply: Reply, messageId: string, channelId: string | null) => {
    const turn = turnForReply(reply);
    if (!conversations || !turn || !channelId || reply.command?.private) return;
    await conversations.append([['discord', channelId, messageId]], [], turn);
  };
  return async (interaction) => {
    try {
      // Autocomplete is typing: answering a keystroke twice is harmless, and remembering every
      // keystroke's id would fill the store with ids nobody redelivers.
      if (
        !interaction.isAutocomplete() &&
        !(await gate.firstDelivery(`discord:interaction:${interaction.id}`))
      ) {
        log.info('discord interaction already answered', { interaction: interaction.id });
        return;
      }
      if (
        interaction.isChatInputCommand() ||
        interaction.isButton() ||
        interaction.isMessageContextMenuCommand()
      ) {
        const admission = await gate.admit({
          platform: 'discord',
          userId: interaction.user.id,
          channelId: interaction.channelId ?? null,
          // Turning a page reads an answer already given: it is a click, not a question.
          kind: interaction.isButton() ? 'click' : 'question',
        });
        if (!admission.ok) {
          log.info('discord rate limited', { interaction: interaction.id, scope: admission.scope });
          await interaction.reply(toReply(noticeMessage(slowDownText(admission))));
          return;
        }
      }
      if (interaction.isChatInputCommand())
        await onCommand(rift, answers, interaction, remember, channels);
      else if (interaction.isMessageContextMenuCommand())
        await onMessageMenu(rift, answers, interaction, channels);
      else if (interaction.isAutocomplete()) await onAutocomplete(rift, interaction);
      else if (interaction.isButton()) {
        if (decodeAnswerButton(interaction.customId))
          await onAnswerButton(rift, answers, feedback, interaction);
        else await onButton(rift, answers, interaction, channels);
      }
    } catch (error) {
      log.error('discord interaction failed', {
        interaction: interaction.id,
        error: describe(error),
      });
      await apologize(interaction).catch((apologyError: unknown) =>
        log.error('discord apology failed', {
          interaction: interaction.id,
          error: describe(apologyError),
        }),
      );
    }
  };
}

/**
 * Every command is acknowledged with a deferral (type 5) before the core is asked: the core runs
 * in a worker and may be busy with someone else's question, so no reply is fast enough to risk
 * Discord's 3-second deadline.
 */
async function onCommand(
  rift: Rift,
  answers: AnswerRenderer,
  interaction: ChatInputCommandInteraction,
  remember: (reply: Reply, messageId: string, channelId: string | null) => Promise<void>,
  channels: ChannelStoriesHelper | null,
): Promise<void> {
  const command = commandFromInteraction(interaction);
  await interaction.deferReply(command.private ? { flags: MessageFlags.Ephemeral } : {});
  const reply = await answer(rift, interaction, command, channels);
  const sent = await interaction.editReply(
    toEdit(await answers(reply, { userId: interaction.user.id })),
  );
  await remember(reply, sent.id, interaction.channelId ?? null);
}

/** Renders a reply with its answer buttons, recording the answer they refer to. */
export type AnswerRenderer = (reply: Reply, options?: RenderOptions) => Promise<DiscordMessage>;

/** An {@link AnswerRenderer} recording answers in `feedback`. */
export function answerRenderer(rift: Rift, feedback: FeedbackStore): AnswerRenderer {
  return async (reply, options = {}) =>
    renderDiscord(reply, {
      ...options,
      buttons: await recordAnswer(feedback, 'discord', rift.storyTitle, reply),
    });
}

/** "Ask rift" on a message: its text answered as a question, privately, with Share. */
async function onMessageMenu(
  rift: Rift,
  answers: AnswerRenderer,
  interaction: MessageContextMenuCommandInteraction,
  channels: ChannelStoriesHelper | null,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const question = interaction.targetMessage.content.slice(0, MAX_MESSAGE_CHARS).trim();
  const command: Command =
    interaction.commandName === ASK_MESSAGE_COMMAND_NAME && question
      ? { name: 'ask', question, private: true }
      : {
          name: 'help',
          private: true,
          reason: question
            ? `Unknown command "${interaction.commandName}".`
            : 'That message has no text to ask about.',
        };
  const reply = await answer(rift, interaction, command, channels);
  await interaction.editReply(toEdit(await answers(reply, { userId: interaction.user.id })));
}

/** 👍/👎 store a vote; More sources and Share answer again, privately or in the channel. */
async function onAnswerButton(
  rift: Rift,
  answers: AnswerRenderer,
  feedback: FeedbackStore,
  interaction: ButtonInteraction,
): Promise<void> {
  const button = decodeAnswerButton(interaction.customId);
  if (button?.action === 'up' || button?.action === 'down') {
    const said = await castVote(feedback, button.answerId, button.action, interaction.user.id);
    await interaction.reply(toReply(noticeMessage(said)));
    return;
  }
  const record = button ? await feedback.findAnswer(button.answerId) : null;
  if (!button || !record) {
    await interaction.reply(toReply(noticeMessage(EXPIRED_BUTTON)));
    return;
  }
  switch (button.action) {
    case 'more': {
      const command = moreCommand(record);
      await interaction.deferReply(command.private ? { flags: MessageFlags.Ephemeral } : {});
      const reply = await rift.run(command);
      await interaction.editReply(toEdit(await answers(reply, { userId: interaction.user.id })));
      return;
    }
    case 'share': {
      // A public response to the click: Discord shows it as the person's, "<name> used Share".
      await interaction.deferReply();
      const reply = await rift.run(sharedCommand(record));
      const name = interaction.user.globalName ?? interaction.user.username;
      await interaction.editReply(toEdit(await answers(reply, { note: `Shared by ${name}` })));
      return;
    }
  }
}

/** Runs a command in its channel: `use` sets the channel's story, others get it as default. */
async function answer(
  rift: Rift,
  interaction:
    | ChatInputCommandInteraction
    | ButtonInteraction
    | MessageContextMenuCommandInteraction,
  command: Command,
  channels: ChannelStoriesHelper | null,
): Promise<Reply> {
  if (!channels) return rift.run(command);
  const channel = interaction.channelId
    ? { platform: 'discord' as const, channelId: interaction.channelId }
    : null;
  if (command.name === 'use')
    return channels.use(rift, channel, command, {
      userId: interaction.user.id,
      // Who may set a channel's story: members who may manage that channel.
      allowed: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
      rule: 'members with the Manage Channels permission',
    });
  return rift.run(await channels.resolve(rift, channel, command));
}

/**
 * Reads `/rift <subcommand>` and its options into a neutral command. An unknown command or
 * subcommand, or an empty question, becomes `help` with the reason.
 */
export function commandFromInteraction(interaction: ChatInputCommandInteraction): Command {
  const command = subcommand(interaction);
  const story = interaction.options.getString('story')?.trim() || null;
  // `use`'s own story option is its target, not the story it is asked in.
  return story && command.name !== 'use' ? { ...command, story } : command;
}

function subcommand(interaction: ChatInputCommandInteraction): Command {
  const options = interaction.options;
  const isPrivate = options.getBoolean('private') ?? false;
  const sub =
    interaction.commandName === DISCORD_COMMAND_NAME ? options.getSubcommand(false) : null;
  const text = (name: string) => options.getString(name)?.trim() || null;
  switch (sub) {
    case 'why':
      return { name: 'why', private: isPrivate };
    case 'ask': {
      const question = text('question');
      return question
        ? { name: 'ask', question, private: isPrivate }
        : {
            name: 'help',
            private: isPrivate,
            reason: 'Ask needs a question: /rift ask question:<text>',
          };
    }
    case 'quotes':
      return { name: 'quotes', speaker: text('speaker'), about: text('about'), private: isPrivate };
    case 'who':
      return { name: 'who', person: text('name'), private: isPrivate };
    case 'timeline':
      return { name: sub, private: isPrivate, reason: null, args: text('words') };
    case 'sources':
    case 'help':
      return { name: sub, private: isPrivate, reason: null };
    case 'stories':
      return { name: 'stories', private: isPrivate };
    case 'use':
      return { name: 'use', target: text('story'), private: isPrivate };
    default:
      return {
        name: 'help',
        private: true,
        reason: `Unknown command "/${interaction.commandName}${sub ? ` ${sub}` : ''}".`,
      };
  }
}

async function onAutocomplete(rift: Rift, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  // `speaker` offers people who are quoted; `who name:` offers everyone in the story.
  const query = String(focused.value);
  const names =
    focused.name === 'speaker'
      ? await rift.completeSpeakers(query, DISCORD_CHOICES_MAX)
      : focused.name === 'name'
        ? await rift.completePeople(query, DISCORD_CHOICES_MAX)
        : focused.name === 'story'
          ? completeStories(rift, query)
          : [];
  await interaction.respond(renderChoices(names));
}

/** Story ids for the `story` option: those whose id or title contains what was typed. */
function completeStories(rift: Rift, query: string): string[] {
  const q = query.trim().toLowerCase();
  return (rift.stories?.() ?? [])
    .filter((s) => s.id.toLowerCase().includes(q) || s.title.toLowerCase().includes(q))
    .map((s) => s.id)
    .slice(0, DISCORD_CHOICES_MAX);
}

async function onButton(
  rift: Rift,
  answers: AnswerRenderer,
  interaction: ButtonInteraction,
  channels: ChannelStoriesHelper | null,
): Promise<void> {
  const state = decodePageId(interaction.customId);
  if (!state) {
    await interaction.reply(
      toReply(noticeMessage('This button no longer works. Run the command again.')),
    );
    return;
  }
  if (state.ownerId !== null && state.ownerId !== interaction.user.id) {
    await interaction.reply(
      toReply(noticeMessage('Only the person who asked can turn these pages.')),
    );
    return;
  }
  const command = commandForPage(state);
  // A page turn is acknowledged first too (deferred update, type 6): the page comes from the core.
  await interaction.deferUpdate();
  const message = await answers(await answer(rift, interaction, command, channels), {
    page: state.page,
    userId: interaction.user.id,
  });
  await interaction.editReply(toEdit(message));
}

async function apologize(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const apology = apologyMessage();
  // A page turn's deferral keeps the page shown; the apology comes beside it, privately.
  if (interaction.isButton() && interaction.deferred) await interaction.followUp(toReply(apology));
  else if (interaction.deferred && !interaction.replied)
    await interaction.editReply(toEdit(apology));
  else if (interaction.replied) await interaction.followUp(toReply(apology));
  else await interaction.reply(toReply(apology));
}

export function toReply(message: DiscordMessage): InteractionReplyOptions {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowed_mentions,
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function toEdit(message: DiscordMessage) {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    allowedMentions: message.allowed_mentions,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
