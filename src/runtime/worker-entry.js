// The file every rift worker thread starts from. It is plain JavaScript so a worker starts the
// same way however its parent was started (`node src/bin/rift.js`, `node --import tsx`, tests):
// loader hooks do not reach worker threads, so it registers tsx, then imports the TypeScript
// module named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
