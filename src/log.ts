/**
 * Structured logs with pino: one JSON object per line on standard error, so standard output stays
 * free for replies and `--json`. Secrets are removed twice: values of fields whose names look
 * secret are redacted at any depth, and the literal values of the tokens rift was started with are
 * scrubbed from every line, wherever they appear (an error message echoing a URL, say).
 */
import { pino } from 'pino';

/** The logger every part of rift takes; adapters and main never see pino directly. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Levels `LOG_LEVEL` accepts, quietest last. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEY = /token|secret|password|authorization|signature|cookie/i;
const REDACTED = '[redacted]';

/** Replaces the values of secret-looking keys, at any depth, with `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1),
    ]),
  );
}

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`.
 *
 * @example
 * scrub('auth failed for xoxb-1-2', ['xoxb-1-2']) // 'auth failed for [redacted]'
 */
export function scrub(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((s) => s.length > 0)
    .reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Lowest level written; default `info`. */
  readonly level?: LogLevel;
  /** Fields on every line, e.g. `{ shard: 1 }` in a shard process. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * Creates a logger writing JSON lines (`time`, `level`, `message`, then the fields) to `write`
 * (standard error by default). `secrets` are scrubbed from every line.
 *
 * @example
 * createLogger().info('discord ready', { guilds: 3 })
 * // {"level":"info","time":"2026-01-01T00:00:00.000Z","message":"discord ready","guilds":3}
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  secrets: readonly string[] = [],
  options: LoggerOptions = {},
): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: options.fields ? { ...options.fields } : null,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // pino's own redaction covers the common paths cheaply; `redact` below covers any depth.
      redact: {
        paths: ['token', 'secret', '*.token', '*.secret', 'headers.authorization'],
        censor: REDACTED,
      },
    },
    { write: (line: string) => write(scrub(line.replace(/\n$/, ''), secrets)) },
  );
  const at =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields: Record<string, unknown> = {}) =>
      logger[level](redact(fields) as object, message);
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
