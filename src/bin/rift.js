#!/usr/bin/env node
// The published entry point. It is plain JavaScript so `npx rift` works straight after
// `npm install` with no build step: tsx compiles the TypeScript sources on the fly.
import { register } from 'tsx/esm/api';

register();
// `rift ask --json < questions.txt | head`: a closed pipe ends the output, not with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
