/**
 * A guard against malformed INTERACTION_CREATE payloads. discord.js builds its interaction
 * objects while handling the gateway frame, outside any code of ours: a payload missing a field
 * it reads (say `entitlements` or `data`) throws there and, as an unhandled rejection, would end
 * the process. The guard looks at each raw frame first (discord.js emits `raw` before handling
 * it), drops the malformed ones and, when it can, answers them with the usual apology.
 */
import {
  type Client,
  Events,
  type GatewayDispatchPayload,
  InteractionResponseType,
  MessageFlags,
  Routes,
} from 'discord.js';
import type { Logger } from '../../log.ts';
import { apologyMessage } from './render.ts';

/** The event name a dropped frame is renamed to, which discord.js has no handler for. */
export const DROPPED_EVENT = 'RIFT_DROPPED_MALFORMED_INTERACTION';

type Json = Record<string, unknown>;

/**
 * Installs the guard on a client. Frames other than INTERACTION_CREATE are left alone.
 *
 * @example
 * guardInteractions(client, log);
 */
export function guardInteractions(client: Client, log: Logger): void {
  client.on(Events.Raw, (packet: GatewayDispatchPayload) => {
    if (packet.t !== 'INTERACTION_CREATE') return;
    const data: unknown = packet.d;
    if (isRecord(data) && data.entitlements === undefined) data.entitlements = [];
    const problem = interactionProblem(data);
    if (!problem) return;
    // Renaming the frame makes discord.js skip it: it dispatches on `t` right after `raw`.
    (packet as { t: string }).t = DROPPED_EVENT;
    log.warn('discord dropped a malformed interaction', { problem });
    void apologizeRaw(client, data).catch((error: unknown) =>
      log.error('discord apology failed', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });
}

/**
 * Why discord.js could not build an interaction from this payload, or null when it can.
 *
 * @example
 * interactionProblem({ id: '1', token: 't', type: 2 }) // 'application_id: expected a string'
 */
export function interactionProblem(data: unknown): string | null {
  if (!isRecord(data)) return 'payload: expected an object';
  for (const key of ['id', 'token', 'application_id'] as const) {
    if (typeof data[key] !== 'string') return `${key}: expected a string`;
  }
  if (!Array.isArray(data.entitlements)) return 'entitlements: expected an array';
  const user = isRecord(data.member) ? data.member.user : data.user;
  if (!isRecord(user) || typeof user.id !== 'string')
    return 'user: expected user or member.user with an id';
  if (
    data.channel !== undefined &&
    !(isRecord(data.channel) && typeof data.channel.id === 'string')
  ) {
    return 'channel: expected an object with an id';
  }
  const body = data.data;
  switch (data.type) {
    case 2:
    case 4:
      if (!isRecord(body) || typeof body.name !== 'string' || typeof body.type !== 'number') {
        return 'data: expected a command with name and type';
      }
      return optionsProblem(body.options, 'data.options');
    case 3:
      if (
        !isRecord(body) ||
        typeof body.custom_id !== 'string' ||
        typeof body.component_type !== 'number'
      ) {
        return 'data: expected a component with custom_id and component_type';
      }
      if (!isRecord(data.message) || typeof data.message.id !== 'string')
        return 'message: expected a message';
      return null;
    default:
      // Pings, modals and future types: discord.js copes or ignores them.
      return typeof data.type === 'number' ? null : 'type: expected a number';
  }
}

function optionsProblem(options: unknown, at: string): string | null {
  if (options === undefined) return null;
  if (!Array.isArray(options)) return `${at}: expected an array`;
  for (const [i, option] of options.entries()) {
    if (!isRecord(option) || typeof option.name !== 'string' || typeof option.type !== 'number') {
      return `${at}.${i}: expected an option with name and type`;
    }
    const nested = optionsProblem(option.options, `${at}.${i}.options`);
    if (nested) return nested;
  }
  return null;
}

async function apologizeRaw(client: Client, data: unknown): Promise<void> {
  if (!isRecord(data) || typeof data.id !== 'string' || typeof data.token !== 'string') return;
  const route = Routes.interactionCallback(data.id, data.token);
  if (data.type === 4) {
    await client.rest.post(route, {
      body: {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [] },
      },
      auth: false,
    });
    return;
  }
  if (data.type !== 2 && data.type !== 3) return;
  const apology = apologyMessage();
  await client.rest.post(route, {
    body: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: {
        content: apology.content,
        allowed_mentions: apology.allowed_mentions,
        flags: MessageFlags.Ephemeral,
      },
    },
    auth: false,
  });
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
