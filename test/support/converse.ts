/**
 * `converse` for hand-made fake rifts: every message stands on its own (no follow-ups), answered
 * by the fake's `run`. Tests of follow-ups use the real core.
 */
import { parseCommandText } from '../../src/commands/grammar.ts';
import type { Rift } from '../../src/commands/rift.ts';

/** A `converse` that parses the message and runs it with `run`. */
export function converseByRun(run: Rift['run']): Rift['converse'] {
  return async (message) => {
    const command = parseCommandText(message.text);
    const reply = await run(command);
    const shown = reply.kind === 'answer' ? (reply.citations.at(-1)?.n ?? 0) : 0;
    const question = reply.kind === 'answer' ? reply.question : null;
    return { reply, page: 0, turn: { command, shown, page: 0, question }, followUp: null };
  };
}
