import { RiftError } from '../core/errors.ts';

/** Command-line arguments after parsing. */
export interface CliArgs {
  /** The subcommand (`ask`, `why`, `quotes`, ...), or null when none was given. */
  readonly command: string | null;
  /** Words after the subcommand. */
  readonly rest: readonly string[];
  readonly json: boolean;
  readonly corpus: string | null;
  readonly config: string | null;
  readonly about: string | null;
  /** `--story ID`: which story of a stories folder. */
  readonly story: string | null;
  /** `--stories DIR`: a stories folder (else `RIFT_STORIES`). */
  readonly stories: string | null;
  readonly help: boolean;
  /** `--version` (or `-v`): print the version and exit. */
  readonly version: boolean;
  /** `feedback --export [FILE]`: write the disliked questions as JSON lines. */
  readonly export: boolean;
}

const VALUE_FLAGS = new Set(['--corpus', '--config', '--about', '--story', '--stories']);

/**
 * Parses `rift <command> [words...] [--json] [--corpus DIR] [--config FILE] [--about TOPIC]`.
 * Flags may appear anywhere; `--flag=value` works too.
 *
 * @example
 * parseArgs(['ask', 'how', 'old', '--json']) // { command: 'ask', rest: ['how', 'old'], json: true, ... }
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let json = false;
  let help = false;
  let version = false;
  let exportFlag = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string?])
      : [arg, undefined];
    if (flag === '--json') json = true;
    else if (flag === '--help' || flag === '-h') help = true;
    else if (flag === '--version' || flag === '-v') version = true;
    else if (flag === '--export') exportFlag = true;
    else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '')
        throw new RiftError(
          'CONFIG_INVALID',
          `${flag} needs a value, e.g. ${flag} ${flag === '--about' ? 'Trump' : 'path'}.`,
        );
      values.set(flag, value);
    } else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--'))
      throw new RiftError(
        'CONFIG_INVALID',
        `Unknown option ${flag}. Run "rift --help" for the options.`,
      );
    else positional.push(arg);
  }
  return {
    command: positional[0] ?? null,
    rest: positional.slice(1),
    json,
    corpus: values.get('--corpus') ?? null,
    config: values.get('--config') ?? null,
    about: values.get('--about') ?? null,
    story: values.get('--story') ?? null,
    stories: values.get('--stories') ?? null,
    help,
    version,
    export: exportFlag,
  };
}
