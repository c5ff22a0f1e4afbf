import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { safeRun } from '../adapters/terminal/console.ts';
import { toJson } from '../adapters/terminal/json.ts';
import { readLines } from '../adapters/terminal/lines.ts';
import { renderText } from '../adapters/terminal/render.ts';
import { COMMANDS } from '../commands/definitions.ts';
import { suggestCommand } from '../commands/grammar.ts';
import { indexStory, openRift } from '../commands/open.ts';
import type { Rift } from '../commands/rift.ts';
import type { Command } from '../commands/types.ts';
import { loadOpsConfig } from '../config/rift-config.ts';
import { PROJECT_ROOT } from '../config/story-config.ts';
import { RiftError } from '../core/errors.ts';
import { inProcessLibrary, inProcessRift } from '../runtime/in-process.ts';
import { loadLibrary } from '../runtime/stories-folder.ts';
import { type CliArgs, parseArgs } from './args.ts';

/** Exit status for unusable input: no usable article, a bad config or option. */
export const EXIT_USAGE = 2;

const USAGE = `Usage: rift <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(34)} ${c.description}`).join('\n')}
  start                              Start the bots whose credentials are set, else the console
  index                              Build the index and write a snapshot for fast start-up
  console                            Interactive console (reads /rift lines from standard input)
  feedback [--export [FILE]]         Votes on answers, worst first; --export: disliked as JSON lines

Options:
  --corpus DIR     folder of .txt articles (default: the story config's, seeds/)
  --config FILE    story config (default: config/story.json)
  --json           machine-readable output; "ask --json" with no question reads one per line
  --about TOPIC    with quotes <speaker>: rank that speaker's quotes by TOPIC
  --stories DIR    a folder of stories, one sub-folder each (default: RIFT_STORIES)
  --story ID       which story of the stories folder (default: the one answering best)
  -v, --version    the version
  -h, --help       this help`;

/**
 * The `rift` command line. Returns the exit status: 0, or 2 when the corpus or config is
 * unusable (the reason goes to standard error).
 *
 * @example
 * await main(['ask', 'How many votes did Kanye get?', '--json'])
 */
export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`rift: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
  if (args.version) {
    process.stdout.write(`rift ${riftVersion()}\n`);
    return 0;
  }
  if (args.help || args.command === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'index') return runIndex(args);
  if (args.command === 'feedback') {
    // The bots read `.env`; so does this, to find the database they write (`DATABASE_URL`).
    await import('dotenv/config');
    const { runFeedback } = await import('./feedback.ts');
    return runFeedback({
      export: args.export,
      file: args.rest[0] ?? null,
      json: args.json,
    });
  }
  if (args.command === 'start' || args.command === 'console') {
    // The console serves through the worker runtime, as `start` does; so do the bots.
    const { start } = await import('../main.ts');
    return start({
      corpus: args.corpus,
      config: args.config,
      ...(args.command === 'console' ? { role: 'console' as const, json: args.json } : {}),
    });
  }
  // One-shot commands serve nobody else while they run: the core runs in-process.
  let rift: Rift;
  let storiesDir: string | null;
  try {
    storiesDir =
      args.stories ??
      (process.env.RIFT_STORIES || loadOpsConfig(process.env.RIFT_OPS_CONFIG || null).stories);
    if (storiesDir) {
      rift = inProcessLibrary(
        loadLibrary(
          storiesDir,
          {
            cache: process.env.RIFT_CACHE || null,
            limits: loadOpsConfig(process.env.RIFT_OPS_CONFIG || null).corpus,
          },
          (name, why) => process.stderr.write(`rift: warning: story ${name} skipped: ${why}\n`),
        ),
      );
    } else {
      const core = openRift(
        {
          corpus: args.corpus ?? process.env.RIFT_CORPUS ?? null,
          config: args.config ?? process.env.RIFT_CONFIG ?? null,
          cache: process.env.RIFT_CACHE || null,
          limits: loadOpsConfig(process.env.RIFT_OPS_CONFIG || null).corpus,
        },
        (w) => process.stderr.write(`rift: warning: ${w.file} ${w.message}\n`),
      );
      rift = inProcessRift(core);
    }
  } catch (error) {
    if (error instanceof RiftError) {
      process.stderr.write(`rift: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const story = args.story;
  const print = async (asked: Command) => {
    const command: Command = story ? { ...asked, story } : asked;
    const reply = await safeRun(rift, () => command);
    process.stdout.write(
      args.json ? `${JSON.stringify(toJson(reply))}\n` : `${renderText(reply)}\n`,
    );
  };
  const words = args.rest.join(' ');
  switch (args.command) {
    case 'ask':
      if (!words && process.stdin.isTTY !== true) return askEachLine(rift, args.json, story);
      await print(
        words
          ? { name: 'ask', question: words, private: false }
          : { name: 'help', private: false, reason: 'Ask needs a question: rift ask "<question>"' },
      );
      return 0;
    case 'quotes':
      await print({ name: 'quotes', speaker: words || null, about: args.about, private: false });
      return 0;
    case 'who':
      await print({ name: 'who', person: words || null, private: false });
      return 0;
    case 'why':
      await print(
        words
          ? { name: 'ask', question: `why ${words}`, private: false }
          : { name: 'why', private: false },
      );
      return 0;
    case 'timeline':
    case 'sources':
      await print({ name: args.command, private: false, reason: null, args: words || null });
      return 0;
    case 'help':
      await print({ name: args.command, private: false, reason: null });
      return 0;
    case 'stories':
      await print({ name: 'stories', private: false });
      return 0;
    default: {
      const suggestion = suggestCommand(args.command);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
      process.stderr.write(`rift: unknown command "${args.command}".${hint}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
  }
}

/** The version in rift's package.json. */
export function riftVersion(): string {
  const data = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof data.version === 'string' ? data.version : 'unknown';
}

/** `rift index`: build the story and write its snapshot; print what was done and how long it took. */
function runIndex(args: CliArgs): number {
  const started = process.hrtime.bigint();
  try {
    const { story, path, bytes } = indexStory({
      corpus: args.corpus ?? process.env.RIFT_CORPUS ?? null,
      config: args.config ?? process.env.RIFT_CONFIG ?? null,
      cache: process.env.RIFT_CACHE || null,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `Indexed ${story.corpus.articles.length} articles (${story.index.passages.length} passages, ${story.quotes.quotes.length} quotes) in ${ms.toFixed(0)} ms.\nSnapshot: ${path} (${(bytes / 1e6).toFixed(1)} MB). Start-up loads it while corpus, config and code are unchanged.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof RiftError)) throw error;
    process.stderr.write(`rift: ${error.message}\n`);
    return EXIT_USAGE;
  }
}

/** `rift ask` with questions on standard input: one reply per input line, in order. */
async function askEachLine(rift: Rift, json: boolean, story: string | null): Promise<number> {
  for await (const line of readLines(process.stdin)) {
    const asked: Command = line.trim()
      ? { name: 'ask', question: line, private: false }
      : { name: 'help', private: false, reason: 'Empty question.' };
    const command: Command = story ? { ...asked, story } : asked;
    const reply = await safeRun(rift, () => command);
    process.stdout.write(json ? `${JSON.stringify(toJson(reply))}\n` : `${renderText(reply)}\n\n`);
  }
  return 0;
}
