/**
 * The console as a person uses it: `rift console` in a real pseudo-terminal (util-linux's
 * `script`, part of every Debian system), driven key by key. It checks what only a terminal
 * shows: line editing, history on the up arrow, Ctrl-L clearing the screen, and that `exit` ends
 * the process instead of leaving it hanging on standard input.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../support/seeds.ts';

const BIN = resolve(ROOT, 'src/bin/rift.js');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasScript
  ? false
  : '`script` (util-linux) is not installed: apt-get install bsdutils to run the terminal tests';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the terminal's escape codes is the point
const CLEAR_SCREEN = /\x1b\[1;1H\x1b\[0J[\s\S]*rift> /;

/** Keys as a terminal sends them. */
const KEY = {
  enter: '\r',
  backspace: '\x7f',
  up: '\x1b[A',
  ctrlL: '\x0c',
  ctrlU: '\x15',
  ctrlC: '\x03',
} as const;

interface Terminal {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything the terminal showed so far, control sequences included. */
  screen(): string;
  type(keys: string): void;
  /** Resolves once the screen, after `from`, contains `text`. */
  waitFor(text: string | RegExp, from?: number, ms?: number): Promise<void>;
  /** Resolves with the exit code, or rejects if the process is still running after `ms`. */
  exited(ms: number): Promise<number | null>;
}

/** `rift console` in a 100x40 pseudo-terminal, with no platform credentials. */
function openTerminal(): Terminal {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(DISCORD|SLACK)_/.test(k)),
  );
  const child = spawn(
    'script',
    ['-qfec', `stty cols 100 rows 40; exec "${process.execPath}" "${BIN}" console`, '/dev/null'],
    { cwd: ROOT, env: { ...env, LOG_LEVEL: 'silent', TERM: 'xterm' } },
  );
  let screen = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (data: Buffer) => {
    screen += data.toString('utf8');
    for (const listener of [...listeners]) listener();
  });
  child.stderr.on('data', (data: Buffer) => {
    screen += data.toString('utf8');
  });
  let code: number | null | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (c) => {
      code = c;
      resolve(c);
    }),
  );
  return {
    child,
    screen: () => screen,
    type: (keys) => child.stdin.write(keys),
    waitFor(text, from = 0, ms = 60_000) {
      const seen = () =>
        typeof text === 'string' ? screen.indexOf(text, from) >= 0 : text.test(screen.slice(from));
      if (seen()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`the terminal never showed ${String(text)}:\n${screen.slice(from)}`));
        }, ms);
        const check = () => {
          if (!seen()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
      });
    },
    exited(ms) {
      if (code !== undefined) return Promise.resolve(code);
      return Promise.race([
        exit,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`still running ${ms} ms after exit`)), ms).unref(),
        ),
      ]);
    },
  };
}

describe('rift console in a terminal', { skip }, () => {
  let term: Terminal;
  before(async () => {
    term = openTerminal();
    await term.waitFor('rift> ');
  });
  after(() => {
    if (term.child.exitCode === null) term.child.kill('SIGKILL');
  });

  it('edits the line: a mistyped letter rubbed out with backspace is gone from the question', async () => {
    const from = term.screen().length;
    term.type(`whx${KEY.backspace}y${KEY.enter}`);
    await term.waitFor('According to', from);
    await term.waitFor('rift> ', term.screen().indexOf('According to', from));
  });

  it('clears the screen on Ctrl-L instead of printing ^L', async () => {
    const from = term.screen().length;
    term.type(KEY.ctrlL);
    // Cursor home, then erase below: the screen is cleared and the prompt drawn again.
    await term.waitFor(CLEAR_SCREEN, from);
    assert.ok(!term.screen().slice(from).includes('^L'));
  });

  it('recalls the last question with the up arrow', async () => {
    const from = term.screen().length;
    term.type(KEY.up);
    await term.waitFor('rift> why', from);
    term.type(KEY.ctrlU);
  });

  it('ends the process at "exit", with status 0, instead of hanging on standard input', async () => {
    term.type(`exit${KEY.enter}`);
    assert.equal(await term.exited(10_000), 0);
  });
});

describe('rift console in a terminal, quitting with Ctrl-C', { skip }, () => {
  it('ends the process at Ctrl-C at the prompt', async () => {
    const term = openTerminal();
    try {
      await term.waitFor('rift> ');
      term.type(KEY.ctrlC);
      assert.equal(await term.exited(10_000), 0);
    } finally {
      if (term.child.exitCode === null) term.child.kill('SIGKILL');
    }
  });
});
