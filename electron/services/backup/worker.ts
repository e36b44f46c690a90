// The backup worker: the copy and its check (copy.ts) off the main thread, so the door keeps
// answering while a 10,000-candidate site is backed up. One job per worker; the key arrives in
// workerData and dies with the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { copyAndCheck } from './copy';

export interface BackupJob {
  dbFile: string;
  key: Uint8Array;
  target: string;
}

const job = workerData as BackupJob & { entry?: string };
try {
  const result = copyAndCheck(job.dbFile, Buffer.from(job.key), job.target);
  parentPort!.postMessage({ ok: true, result });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
}
