import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Turn } from '../../commands/conversation.ts';
import { MAX_TURNS } from '../../commands/definitions.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Reply } from '../../core/reply.ts';
import { toJson } from './json.ts';
import { MAX_LINE_CHARS, readLines } from './lines.ts';
import { renderFollowUp, renderText } from './render.ts';

/** Where the console reads and writes, and how. */
export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Print one JSON object per line instead of text. */
  readonly json: boolean;
  /**
   * A person is typing at a terminal: show a prompt and edit lines like a shell (arrows, Ctrl-A
   * and Ctrl-E, history with the up arrow, Ctrl-L clears the screen, Ctrl-C or Ctrl-D quits).
   */
  readonly prompt: boolean;
}

const PROMPT = 'rift> ';
/** Lines kept for the up arrow within one session. */
export const HISTORY_SIZE = 500;
const QUIT = /^\s*(exit|quit)\s*$/i;

/**
 * The terminal adapter: reads lines such as `/rift why` or `ask how many votes did Kanye get`,
 * prints each reply, and resolves at `exit`, `quit` or the end of input, leaving standard input
 * released so the process can end. A failing line gets an apology; the console keeps going.
 *
 * @example
 * await runConsole(rift, { input: process.stdin, output: process.stdout, json: false, prompt: true })
 */
export async function runConsole(rift: Rift, options: ConsoleOptions): Promise<void> {
  const session = conversation(rift, options);
  if (options.prompt) return interactive(session, rift, options);
  for await (const line of readLines(options.input)) {
    if (QUIT.test(line)) break;
    await session(line);
  }
  release(options.input);
}

/**
 * The console is one conversation: each line is read against the ones before, so `what else did
 * he say?` and `more` follow up on the last answer, as in a thread.
 */
function conversation(rift: Rift, options: ConsoleOptions): (line: string) => Promise<void> {
  let turns: readonly Turn[] = [];
  return async (line) => {
    let reply: Reply;
    let followUp: string | null = null;
    try {
      const answer = await rift.converse({ text: line, turns });
      if (answer.turn) turns = [...turns, answer.turn].slice(-MAX_TURNS);
      reply = answer.reply;
      followUp = answer.followUp;
    } catch (error) {
      reply = apology(error);
    }
    const text = options.json
      ? `${JSON.stringify({ ...toJson(reply), followUp })}\n`
      : `${followUp ? `(${renderFollowUp(followUp)})\n` : ''}${renderText(reply)}\n\n`;
    options.output.write(text);
  };
}

/** A person at a terminal: readline in terminal mode gives editing, history and Ctrl-L. */
async function interactive(
  answer: (line: string) => Promise<void>,
  rift: Rift,
  options: ConsoleOptions,
): Promise<void> {
  const write = (text: string) => options.output.write(text);
  const rl = createInterface({
    input: options.input,
    output: options.output,
    terminal: (options.output as { isTTY?: boolean }).isTTY === true,
    prompt: PROMPT,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
  });
  // Ctrl-C at the prompt quits, as in a shell's REPL; readline would otherwise only pause.
  rl.on('SIGINT', () => rl.close());
  write(
    `rift: ${rift.storyTitle} (${rift.corpusSize} articles). Type "help"; "exit", Ctrl-D or Ctrl-C quits.\n`,
  );
  rl.prompt();
  try {
    for await (const typed of rl) {
      const line = typed.slice(0, MAX_LINE_CHARS);
      if (QUIT.test(line)) break;
      if (line.trim()) await answer(line);
      rl.prompt();
    }
  } finally {
    rl.close();
    write('\n');
    release(options.input);
  }
}

/**
 * Lets go of standard input after `exit`: a terminal left in raw mode and a paused but still
 * referenced handle would keep the process alive after the last answer.
 */
function release(input: Readable): void {
  const tty = input as Readable & { isTTY?: boolean; setRawMode?: (on: boolean) => void };
  if (tty.isTTY) tty.setRawMode?.(false);
  input.pause();
  (input as Readable & { unref?: () => void }).unref?.();
}

/** Runs a command built by `build`, turning any exception into an apology. */
export async function safeRun(rift: Rift, build: () => Parameters<Rift['run']>[0]): Promise<Reply> {
  try {
    return await rift.run(build());
  } catch (error) {
    return apology(error);
  }
}

function apology(error: unknown): Reply {
  return {
    kind: 'notice',
    command: null,
    level: 'error',
    message: `Sorry, something went wrong answering that (${(error as Error).message}).`,
  };
}
