/**
 * The state a Previous/Next button carries: the command to run again and the page to show. Slack
 * hands the button's `value` back verbatim, so the adapter keeps no per-message memory and a
 * restart loses nothing. Values come back from the network: decoding trusts nothing.
 */
import {
  MAX_QUESTION_CHARS,
  MAX_SPEAKER_CHARS,
  MAX_TOPIC_CHARS,
} from '../../commands/definitions.ts';
import { STORY_ID } from '../../commands/library.ts';
import type { Command } from '../../commands/types.ts';

/** `action_id` of the Previous button. */
export const PREVIOUS_ACTION_ID = 'rift_page_previous';
/** `action_id` of the Next button. */
export const NEXT_ACTION_ID = 'rift_page_next';
/** Slack's limit on a button's `value`. */
export const BUTTON_VALUE_MAX = 2000;

/** A command and a 0-based page, as carried by a button. */
export interface PageState {
  readonly command: Command;
  readonly page: number;
}

/**
 * Encodes the state as a button value, or null when it would not fit Slack's limit. Text fields
 * are capped at the lengths the core reads anyway, so a value only misses the limit in theory.
 *
 * @example
 * encodePageState({ command: { name: 'quotes', speaker: 'Ye', about: null, private: false }, page: 1 })
 * // '{"v":1,"p":1,"c":{"name":"quotes","speaker":"Ye","about":null,"private":false}}'
 */
export function encodePageState(state: PageState): string | null {
  const value = JSON.stringify({ v: 1, p: state.page, c: capCommand(state.command) });
  return value.length <= BUTTON_VALUE_MAX ? value : null;
}

/** Decodes a button value; null for anything that is not a value `encodePageState` made. */
export function decodePageState(value: unknown): PageState | null {
  if (typeof value !== 'string' || value.length > BUTTON_VALUE_MAX) return null;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return null;
  }
  if (!isRecord(data) || data.v !== 1) return null;
  const page = data.p;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 0) return null;
  const command = toCommand(data.c);
  return command ? { command, page } : null;
}

function capCommand(command: Command): Command {
  switch (command.name) {
    case 'ask':
      return { ...command, question: command.question.slice(0, MAX_QUESTION_CHARS) };
    case 'quotes':
      return {
        ...command,
        speaker: command.speaker?.slice(0, MAX_SPEAKER_CHARS) ?? null,
        about: command.about?.slice(0, MAX_TOPIC_CHARS) ?? null,
      };
    case 'who':
      return { ...command, person: command.person?.slice(0, MAX_SPEAKER_CHARS) ?? null };
    case 'timeline':
    case 'sources':
    case 'help':
      return { ...command, reason: command.reason?.slice(0, MAX_TOPIC_CHARS) ?? null };
    case 'why':
    case 'stories':
    case 'use':
      return command;
  }
}

function toCommand(data: unknown): Command | null {
  const command = toStoryCommand(data);
  if (!command || !isRecord(data)) return command;
  // The page of a story's reply stays in that story.
  const story = data.story;
  return typeof story === 'string' && STORY_ID.test(story) ? { ...command, story } : command;
}

function toStoryCommand(data: unknown): Command | null {
  if (!isRecord(data) || typeof data.private !== 'boolean') return null;
  const isPrivate = data.private;
  switch (data.name) {
    case 'why':
      return { name: 'why', private: isPrivate };
    case 'ask':
      return typeof data.question === 'string'
        ? { name: 'ask', question: data.question, private: isPrivate }
        : null;
    case 'quotes':
      return {
        name: 'quotes',
        speaker: stringOrNull(data.speaker),
        about: stringOrNull(data.about),
        private: isPrivate,
      };
    case 'who':
      return { name: 'who', person: stringOrNull(data.person), private: isPrivate };
    case 'timeline':
    case 'sources':
    case 'help':
      return { name: data.name, private: isPrivate, reason: stringOrNull(data.reason) };
    case 'stories':
      return { name: 'stories', private: isPrivate };
    default:
      return null;
  }
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
