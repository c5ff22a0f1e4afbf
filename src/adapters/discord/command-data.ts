/**
 * Discord's command data, derived from the one neutral list of commands: `/rift` with one
 * subcommand per command. The deploy script registers exactly this.
 */
import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import {
  COMMANDS,
  type CommandDefinition,
  type OptionDefinition,
} from '../../commands/definitions.ts';

/** The one top-level slash command. */
export const DISCORD_COMMAND_NAME = 'rift';
/** The message context-menu command: right-click a message > Apps > Ask rift. */
export const ASK_MESSAGE_COMMAND_NAME = 'Ask rift';

/**
 * Where rift's commands work: installed to a server or by a user for themselves (then in any
 * server, group DM or DM they use), and in DMs with the bot.
 */
const REACH = {
  integration_types: [
    ApplicationIntegrationType.GuildInstall,
    ApplicationIntegrationType.UserInstall,
  ],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
  // Open to every member; a server can still restrict it in Server Settings > Integrations.
  default_member_permissions: null,
} as const;

/** Discord's limit on command and option descriptions. */
export const DISCORD_DESCRIPTION_MAX = 100;
/** Discord's limit on a string option's `max_length`. */
export const DISCORD_OPTION_LENGTH_MAX = 6000;

/**
 * Builds the `/rift` command with a subcommand per neutral command, keeping each option's
 * required flag, length limit and autocomplete. Required options come first, as Discord demands.
 *
 * @example
 * buildCommandData().options.map((o) => o.name) // ['why', 'ask', 'quotes', 'timeline', 'sources', 'help']
 */
export function buildCommandData(
  commands: readonly CommandDefinition[] = COMMANDS,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: DISCORD_COMMAND_NAME,
    description: 'Answers about the story, quoting the articles verbatim',
    ...REACH,
    integration_types: [...REACH.integration_types],
    contexts: [...REACH.contexts],
    options: commands.map((command) => ({
      type: ApplicationCommandOptionType.Subcommand,
      name: command.name,
      description: describe(command.description),
      options: [...command.options]
        .sort((a, b) => Number(b.required) - Number(a.required))
        .map(optionData),
    })),
  };
}

/**
 * The "Ask rift" message command: answers the message's text as a question, privately.
 *
 * @example
 * buildMessageCommandData() // { type: 3, name: 'Ask rift', integration_types: [0, 1], ... }
 */
export function buildMessageCommandData(): RESTPostAPIContextMenuApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.Message,
    name: ASK_MESSAGE_COMMAND_NAME,
    ...REACH,
    integration_types: [...REACH.integration_types],
    contexts: [...REACH.contexts],
  };
}

function optionData(option: OptionDefinition): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: describe(option.description),
    required: option.required,
  };
  if (option.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(option.maxLength === undefined
      ? {}
      : { max_length: Math.min(option.maxLength, DISCORD_OPTION_LENGTH_MAX) }),
    ...(option.autocomplete ? { autocomplete: true } : {}),
  };
}

function describe(text: string): string {
  return text.length <= DISCORD_DESCRIPTION_MAX
    ? text
    : `${text.slice(0, DISCORD_DESCRIPTION_MAX - 1)}…`;
}
