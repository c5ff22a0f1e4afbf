import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../log.ts';

/**
 * Bolt's logger interface over rift's structured logger. Bolt's debug output carries whole
 * payloads, so it is dropped; everything else is forwarded as one line tagged `slack`.
 *
 * @example
 * new App({ logger: boltLogger(createLogger()), ... })
 */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  const join = (parts: readonly unknown[]) =>
    parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  return {
    debug() {},
    info: (...msg: unknown[]) => log.info(join(msg), { source: name }),
    warn: (...msg: unknown[]) => log.warn(join(msg), { source: name }),
    error: (...msg: unknown[]) => log.error(join(msg), { source: name }),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName(next: string) {
      name = next;
    },
  };
}
