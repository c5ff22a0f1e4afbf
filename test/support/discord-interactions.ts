/**
 * INTERACTION_CREATE payloads as Discord sends them, built from the captured samples in
 * `test/fixtures/discord/` with a fresh id and token each time.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;

const FIXTURES = new URL('../fixtures/discord/', import.meta.url);
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Json;
}

/** A new snowflake, increasing like Discord's. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment);
}

/** Who clicks or types, by default the fixtures' member. */
export interface Actor {
  readonly userId?: string;
  readonly applicationId: string;
}

function fresh(name: string, actor: Actor): Json {
  const payload = fixture(name);
  payload.id = snowflake();
  payload.token = `${randomBytes(24).toString('base64url')}`;
  payload.application_id = actor.applicationId;
  if (actor.userId) {
    const member = payload.member as { user: { id: string } };
    member.user.id = actor.userId;
  }
  return payload;
}

/** A chat input option as Discord sends it: string 3, boolean 5. */
export type OptionValue = string | boolean;

function options(values: Readonly<Record<string, OptionValue>>, focused?: string): Json[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    type: typeof value === 'boolean' ? 5 : 3,
    value,
    ...(name === focused ? { focused: true } : {}),
  }));
}

/**
 * `/rift <subcommand> name:value ...` (type 2, chat input).
 *
 * @example
 * chatInput({ applicationId }, 'quotes', { speaker: 'Ye' })
 */
export function chatInput(
  actor: Actor,
  subcommand: string,
  values: Readonly<Record<string, OptionValue>> = {},
): Json {
  const payload = fresh('interaction-chat-input.json', actor);
  const data = payload.data as Json;
  data.options = [{ name: subcommand, type: 1, options: options(values) }];
  return payload;
}

/** Autocomplete (type 4) while typing `focused` of `/rift <subcommand>`. */
export function autocomplete(
  actor: Actor,
  subcommand: string,
  values: Readonly<Record<string, OptionValue>>,
  focused: string,
): Json {
  const payload = fresh('interaction-autocomplete.json', actor);
  const data = payload.data as Json;
  data.options = [{ name: subcommand, type: 1, options: options(values, focused) }];
  return payload;
}

/** A button click (type 3) on a message the bot sent, with the message as Discord includes it. */
export function buttonClick(actor: Actor, customId: string, message?: Json): Json {
  const payload = fresh('interaction-button.json', actor);
  payload.data = { component_type: 2, custom_id: customId };
  if (message) payload.message = { ...(payload.message as Json), ...message };
  return payload;
}

/** "Ask rift" on a message (type 2, message command), the message's text replaced by `content`. */
export function messageCommand(actor: Actor, content: string): Json {
  const payload = fresh('interaction-message-command.json', actor);
  const data = payload.data as { resolved: { messages: Record<string, Json> } };
  for (const message of Object.values(data.resolved.messages)) message.content = content;
  return payload;
}
