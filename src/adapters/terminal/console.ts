import type { Readable, Writable } from 'node:stream';
import { parseCommandText } from '../../commands/grammar.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Reply } from '../../core/reply.ts';
import { toJson } from './json.ts';
import { readLines } from './lines.ts';
import { renderText } from './render.ts';

/** Where the console reads and writes, and how. */
export interface ConsoleOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Print one JSON object per line instead of text. */
  readonly json: boolean;
  /** Show a prompt (when standard input is a terminal). */
  readonly prompt: boolean;
}

const PROMPT = 'rift> ';

/**
 * The terminal adapter: reads lines such as `/rift why` or `ask how many votes did Kanye get`,
 * prints each reply, and resolves at end of input. A failing line gets an apology; the console
 * keeps going.
 *
 * @example
 * await runConsole(rift, { input: process.stdin, output: process.stdout, json: false, prompt: true })
 */
export async function runConsole(rift: Rift, options: ConsoleOptions): Promise<void> {
  const write = (text: string) => options.output.write(text);
  if (options.prompt)
    write(
      `rift: ${rift.storyTitle} (${rift.corpusSize} articles). Type "help", or Ctrl-D to quit.\n${PROMPT}`,
    );
  for await (const line of readLines(options.input)) {
    if (/^\s*(exit|quit)\s*$/i.test(line)) break;
    const reply = await safeRun(rift, () => parseCommandText(line));
    write(options.json ? `${JSON.stringify(toJson(reply))}\n` : `${renderText(reply)}\n\n`);
    if (options.prompt) write(PROMPT);
  }
  if (options.prompt) write('\n');
}

/** Runs a command built by `build`, turning any exception into an apology. */
export async function safeRun(rift: Rift, build: () => Parameters<Rift['run']>[0]): Promise<Reply> {
  try {
    return await rift.run(build());
  } catch (error) {
    return {
      kind: 'notice',
      command: null,
      level: 'error',
      message: `Sorry, something went wrong answering that (${(error as Error).message}).`,
    };
  }
}
