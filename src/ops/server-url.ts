/**
 * A server URL (`REDIS_URL`, `DATABASE_URL`) as rift may print it: the password masked, so a
 * message saying which server could not be reached never carries the credential.
 *
 * @example
 * withoutPassword('redis://:hunter2@10.0.0.5:6379') // 'redis://:***@10.0.0.5:6379'
 */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable URL';
  }
}
