// Runs a TypeScript worker from source (tests, `npm run serve`): worker threads do not inherit
// the main thread's tsx hooks, so they are registered here first. The Electron build bundles
// imports.ts to dist-electron/import-worker.cjs instead and never loads this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
