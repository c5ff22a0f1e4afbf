/**
 * Where conversations live between messages: the turns of each thread (Slack), reply chain
 * (Discord) or DM, kept in the {@link SharedStore} under the `conv:` key kind, so the replicas
 * sharing a store (Redis) share conversations too. What comes back from the store is checked
 * before use, and what goes in is bounded: at most {@link MAX_TURNS} turns of capped commands.
 */
import { z } from 'zod';
import { COMMAND_SCHEMA, storableCommand } from '../commands/command-schema.ts';
import type { Turn } from '../commands/conversation.ts';
import { MAX_CITATIONS_REACHED, MAX_QUESTION_CHARS, MAX_TURNS } from '../commands/definitions.ts';
import type { Logger } from '../log.ts';
import { storeHealth } from './gate.ts';
import type { SharedStore } from './store.ts';

/** How long a conversation is remembered after its last message. */
export const CONVERSATION_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** The largest stored conversation; older turns are dropped to stay within it. */
export const MAX_CONVERSATION_BYTES = 8192;
/** The longest key part (a channel, thread or message id) accepted. */
const MAX_ID_CHARS = 100;

const TURN_SCHEMA = z.strictObject({
  command: COMMAND_SCHEMA,
  shown: z.int().min(0).max(MAX_CITATIONS_REACHED),
  page: z.int().min(0).max(10_000),
  question: z.string().max(MAX_QUESTION_CHARS).nullable(),
});
const CONVERSATION_SCHEMA = z.strictObject({
  v: z.literal(1),
  turns: z.array(TURN_SCHEMA).max(MAX_TURNS),
});

/** The conversations of one platform's threads, reply chains and DMs. */
export interface ConversationStore {
  /** The turns of a conversation, oldest first; null when rift has no part in it. */
  load(key: ConversationKey): Promise<readonly Turn[] | null>;
  /** Appends a turn (keeping the last {@link MAX_TURNS}) and saves under each of `keys`. */
  append(
    keys: readonly ConversationKey[],
    turns: readonly Turn[],
    turn: Turn,
  ): Promise<readonly Turn[]>;
}

/** Where a conversation takes place, as the platform names it. */
export type ConversationKey = readonly string[];

/**
 * A conversation store over a shared store. Unreadable or tampered entries read as no
 * conversation, never as an error. While the store is unreachable (Redis down) every message
 * stands on its own: a load reads as no conversation and a turn is not saved, logged once when
 * the outage starts and once when it ends, and rift keeps answering.
 *
 * @example
 * const conversations = createConversationStore(createMemoryStore());
 * await conversations.load(['slack', 'T1', 'C1', '1700000000.000100']) // null
 */
export function createConversationStore(store: SharedStore, log?: Logger): ConversationStore {
  const health = storeHealth(log, 'conversation store', 'messages are answered without context');
  return {
    async load(key) {
      let raw: string | null;
      try {
        raw = await store.get(storeKey(key));
        health.up();
      } catch (error) {
        health.down(error);
        return null;
      }
      if (raw === null || raw.length > MAX_CONVERSATION_BYTES) return null;
      try {
        const parsed = CONVERSATION_SCHEMA.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data.turns : null;
      } catch {
        return null;
      }
    },
    async append(keys, turns, turn) {
      let kept = [...turns, storableTurn(turn)].slice(-MAX_TURNS);
      let value = JSON.stringify({ v: 1, turns: kept });
      while (value.length > MAX_CONVERSATION_BYTES && kept.length > 1) {
        kept = kept.slice(1);
        value = JSON.stringify({ v: 1, turns: kept });
      }
      try {
        await Promise.all(keys.map((key) => store.set(storeKey(key), value, CONVERSATION_TTL_MS)));
        health.up();
      } catch (error) {
        health.down(error);
      }
      return kept;
    },
  };
}

function storableTurn(turn: Turn): Turn {
  return {
    command: storableCommand(turn.command),
    shown: Math.max(0, Math.min(turn.shown, MAX_CITATIONS_REACHED)),
    page: Math.max(0, Math.min(turn.page, 10_000)),
    question: turn.question?.slice(0, MAX_QUESTION_CHARS) ?? null,
  };
}

/** `conv:` and the parts, each capped and stripped of the separator. */
function storeKey(key: ConversationKey): string {
  return `conv:${key.map((part) => part.replace(/:/g, '_').slice(0, MAX_ID_CHARS)).join(':')}`;
}
