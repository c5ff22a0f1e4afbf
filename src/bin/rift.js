#!/usr/bin/env node
// The published entry point. It is plain JavaScript so `npx rift` works straight after
// `npm install` with no build step: tsx compiles the TypeScript sources on the fly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
