/**
 * A small structured logger: one JSON object per line on standard error, so standard output
 * stays free for replies and `--json`. Values of fields whose names look secret are redacted.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEY = /token|secret|password|authorization|signature/i;

/** Replaces the values of secret-looking keys, at any depth, with `[redacted]`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1),
    ]),
  );
}

/**
 * Creates a logger writing JSON lines to `write` (standard error by default).
 *
 * @example
 * createLogger().info('discord ready', { guilds: 3 })
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  secrets: readonly string[] = [],
): Logger {
  const scrub = (text: string) =>
    secrets.reduce((out, secret) => (secret ? out.split(secret).join('[redacted]') : out), text);
  const log =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      write(
        scrub(
          JSON.stringify({
            time: new Date().toISOString(),
            level,
            message,
            ...(redact(fields) as object),
          }),
        ),
      );
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
