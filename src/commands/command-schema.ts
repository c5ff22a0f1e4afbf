/**
 * A command read back from storage (a conversation's turns, an answer's record) is checked here
 * before anything runs it: a shared store or a database row is outside rift's trust boundary,
 * and every text field is capped at the length the core reads anyway.
 */
import { z } from 'zod';
import {
  MAX_CITATIONS_REACHED,
  MAX_QUESTION_CHARS,
  MAX_SPEAKER_CHARS,
  MAX_STORY_CHARS,
  MAX_TOPIC_CHARS,
} from './definitions.ts';
import type { Command } from './types.ts';

const text = (max: number) => z.string().max(max);
const optional = (max: number) => text(max).nullable();
/** With several stories, the story a command was answered from. */
const story = optional(MAX_STORY_CHARS).optional();

/** The zod schema of a {@link Command}. */
export const COMMAND_SCHEMA: z.ZodType<Command> = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('why'), private: z.boolean(), story }),
  z.strictObject({
    name: z.literal('ask'),
    question: text(MAX_QUESTION_CHARS),
    private: z.boolean(),
    offset: z.int().min(0).max(MAX_CITATIONS_REACHED).optional(),
    story,
  }),
  z.strictObject({
    name: z.literal('quotes'),
    speaker: optional(MAX_SPEAKER_CHARS),
    about: optional(MAX_TOPIC_CHARS),
    private: z.boolean(),
    story,
  }),
  z.strictObject({
    name: z.literal('who'),
    person: optional(MAX_SPEAKER_CHARS),
    private: z.boolean(),
    story,
  }),
  z.strictObject({
    name: z.enum(['timeline', 'sources', 'help']),
    private: z.boolean(),
    reason: optional(MAX_TOPIC_CHARS).optional(),
    args: optional(MAX_TOPIC_CHARS).optional(),
    story,
  }),
  z.strictObject({ name: z.literal('stories'), private: z.boolean(), story }),
  z.strictObject({
    name: z.literal('use'),
    target: optional(MAX_STORY_CHARS),
    private: z.boolean(),
    story,
  }),
]);

/**
 * A command as stored: capped to what {@link COMMAND_SCHEMA} accepts, so what was saved always
 * reads back (a question over the cap keeps its first {@link MAX_QUESTION_CHARS} characters).
 *
 * @example
 * storableCommand({ name: 'ask', question: 'x'.repeat(900), private: false }).question.length // 500
 */
export function storableCommand(command: Command): Command {
  const cap = (value: string | null | undefined, max: number) =>
    typeof value === 'string' ? value.slice(0, max) : (value ?? null);
  switch (command.name) {
    case 'ask':
      return {
        ...command,
        question: command.question.slice(0, MAX_QUESTION_CHARS),
        ...(command.offset === undefined
          ? {}
          : { offset: Math.max(0, Math.min(command.offset, MAX_CITATIONS_REACHED)) }),
      };
    case 'quotes':
      return {
        ...command,
        speaker: cap(command.speaker, MAX_SPEAKER_CHARS),
        about: cap(command.about, MAX_TOPIC_CHARS),
      };
    case 'who':
      return { ...command, person: cap(command.person, MAX_SPEAKER_CHARS) };
    case 'timeline':
    case 'sources':
    case 'help':
      return {
        name: command.name,
        private: command.private,
        ...(command.reason === undefined ? {} : { reason: cap(command.reason, MAX_TOPIC_CHARS) }),
        ...(command.args === undefined ? {} : { args: cap(command.args, MAX_TOPIC_CHARS) }),
        ...(command.story === undefined ? {} : { story: cap(command.story, MAX_STORY_CHARS) }),
      };
    case 'use':
      return { ...command, target: cap(command.target, MAX_STORY_CHARS) };
    case 'why':
    case 'stories':
      return command;
  }
}
