// The export worker: builds the files people print or send (export-jobs.ts) off the main thread,
// reading the database through its own read-only connection (connect.ts), so the doors keep
// answering while the largest export is built. One job at a time, each on a connection of its own.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { isMainThread, parentPort } from 'node:worker_threads';
import { schema } from '../../db';
import type { Actor } from '../services/auth';
import { ManualClock } from '../services/runtime';
import { readOnce } from './connect';
import { runExport } from './export-jobs';
import { serialize } from './serialized';
import { giveWayToTheDoor } from './priority';
import { workerError, type ExportJob, type WorkerAnswer } from './protocol';

// below the door's thread in the scheduler (priority.ts)
if (!isMainThread) giveWayToTheDoor();

/** The job's answer, and the buffers that move with it (a serialized answer's bytes, moved without a copy). */
async function run(job: ExportJob): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  // one read transaction per job: the export reads one committed state, whatever the doors write meanwhile
  const value = await readOnce(job.file, job.key, (sqlite) => runExport({ db: drizzle(sqlite, { schema }), sqlite, clock: new ManualClock(job.now), actor: job.actor as Actor | null }, job.work));
  if (!job.serialize) return { value, transfer: [] };
  // asked for: the answer's JSON made here (serialized.ts), its bytes their own buffer
  const bytes = serialize(value);
  return { value: bytes, transfer: [bytes.buffer as ArrayBuffer] };
}

parentPort!.on('message', (m: { id: number; job: ExportJob }) => {
  run(m.job).then(
    ({ value, transfer }) => parentPort!.postMessage({ id: m.id, ok: true, value } satisfies WorkerAnswer, transfer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: workerError(e) } satisfies WorkerAnswer),
  );
});
