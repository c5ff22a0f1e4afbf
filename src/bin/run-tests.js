#!/usr/bin/env node
// Runs every `test/**/*.test.ts` with Node's built-in test runner. Node 20 does not expand
// globs for `--test`, and npm runs scripts with a shell that has no `**`, so we list the files.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const filter = process.argv.slice(2);

/** @param {string} dir @returns {string[]} */
function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const files = findTests(join(root, 'test'))
  .filter((file) => filter.length === 0 || filter.some((f) => file.includes(f)))
  .sort();
// The word vectors are converted from their package once per cache folder (15 to 30 s). Doing it
// before the tests start keeps that cost out of tests that time their work, on a fresh clone too.
const prepare = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--input-type=module',
    '-e',
    "const { loadWordVectors } = await import('./src/commands/word-vectors.ts');" +
      "const { DEFAULT_CACHE_DIR } = await import('./src/commands/snapshot.ts');" +
      "if (!loadWordVectors(DEFAULT_CACHE_DIR)) console.error('run-tests: no word vectors');",
  ],
  { cwd: root, stdio: 'inherit' },
);
if (prepare.status !== 0) process.exit(prepare.status ?? 1);
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
