/**
 * Real Redis and PostgreSQL servers for tests, started on 127.0.0.1 on a free port in a temporary
 * folder and removed afterwards. When a binary is missing, `findRedis` / `findPostgres` return a
 * reason the test passes to `skip`, so the runner prints why (CI installs both: `.ci/run`).
 *
 * PostgreSQL refuses to run as root; when the tests run as root (CI does), initdb and the server
 * run as the unprivileged `nobody` user, which owns the data folder.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where the Debian packages and the usual installs put the server binaries. */
function searchPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  try {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse())
      dirs.push(join('/usr/lib/postgresql', version, 'bin'));
  } catch {}
  return [...dirs, '/usr/sbin', '/usr/bin', '/usr/local/bin'];
}

function findBinary(name: string): string | null {
  for (const dir of searchPath()) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return null;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${ms} ms`);
}

/** The port opens before PostgreSQL accepts queries ("the database system is starting up"). */
async function waitForQueries(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > end)
        throw new Error(
          `postgres did not accept queries within ${ms} ms: ${(error as Error).message}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

function stopChild(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** A running server the test can stop and start again (same port, same data). */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (an outage); its data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** The redis-server binary, or a reason to skip saying how to get it. */
export function findRedis(): { binary: string } | { skip: string } {
  const binary = findBinary('redis-server');
  return binary
    ? { binary }
    : { skip: 'redis-server not found on PATH: install it (apt-get install redis-server) to run' };
}

/** Starts a throwaway redis-server on 127.0.0.1 (no persistence). */
export async function startRedis(binary: string): Promise<TestServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rift-redis-'));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: 'ignore' },
    );
    await waitForPort(port, 10_000, 'redis-server');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopChild(child, 'SIGTERM'),
    start,
    async close() {
      await stopChild(child, 'SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** initdb and postgres, or a reason to skip saying how to get them. */
export function findPostgres(): { initdb: string; postgres: string } | { skip: string } {
  const initdb = findBinary('initdb');
  const postgres = findBinary('postgres');
  return initdb && postgres
    ? { initdb, postgres }
    : {
        skip: 'PostgreSQL binaries (initdb, postgres) not found on PATH or in /usr/lib/postgresql/*/bin: install them (apt-get install postgresql) to run',
      };
}

/** The uid and gid PostgreSQL runs as: ours, or `nobody`'s when we are root. */
function postgresUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody']).stdout.toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Creates a throwaway cluster with initdb and starts postgres on 127.0.0.1 (trust auth). */
export async function startPostgres(bin: {
  initdb: string;
  postgres: string;
}): Promise<TestServer> {
  const port = await freePort();
  const root = mkdtempSync(join(tmpdir(), 'rift-pg-'));
  const data = join(root, 'data');
  const user = postgresUser();
  if (user) chownSync(root, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(
    bin.initdb,
    ['-D', data, '-U', 'rift', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
    { cwd: root, ...asUser, encoding: 'utf8' },
  );
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.error?.message}`);
  }
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      bin.postgres,
      [
        '-D',
        data,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${root}`,
        '-c',
        'fsync=off',
      ],
      { cwd: root, stdio: 'ignore', ...asUser },
    );
    await waitForPort(port, 30_000, 'postgres');
    await waitForQueries(`postgres://rift@127.0.0.1:${port}/postgres`, 30_000);
  };
  await start();
  return {
    url: `postgres://rift@127.0.0.1:${port}/postgres`,
    port,
    // SIGINT is PostgreSQL's fast shutdown: clients are disconnected at once.
    stop: () => stopChild(child, 'SIGINT'),
    start,
    async close() {
      await stopChild(child, 'SIGINT');
      rmSync(root, { recursive: true, force: true });
    },
  };
}
