// The export worker: builds the files people print or send (export-jobs.ts) off the main thread,
// reading the database through its own read-only connection (the same key, query_only, no
// temporary files on disk), so the doors keep answering while the largest export is built. One
// job at a time, each on a connection of its own.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { isMainThread, parentPort } from 'node:worker_threads';
import { applyKey, CACHE_KIB, schema, type Sqlite } from '../../db';
import type { Actor } from '../services/auth';
import type { ReadContext } from '../services/context';
import { ManualClock } from '../services/runtime';
import { runExport } from './export-jobs';
import { giveWayToTheDoor } from './priority';
import { workerError, type ExportJob, type WorkerAnswer } from './protocol';

// below the door's thread in the scheduler (priority.ts)
if (!isMainThread) giveWayToTheDoor();

/**
 * A read-only connection for one job, closed after it: a restore or a new key between two exports
 * is never read through a connection to the file as it was.
 */
function connect(file: string, key: Uint8Array | null): Sqlite {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if (key) applyKey(sqlite, Buffer.from(key));
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma(`cache_size = -${CACHE_KIB}`);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('query_only = ON');
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

async function run(job: ExportJob): Promise<unknown> {
  const sqlite = connect(job.file, job.key);
  try {
    const ctx: ReadContext = { db: drizzle(sqlite, { schema }), sqlite, clock: new ManualClock(job.now), actor: job.actor as Actor | null };
    // one read transaction per job: the export reads one committed state, whatever the doors write meanwhile
    sqlite.exec('BEGIN');
    try {
      return await runExport(ctx, job.work);
    } finally {
      sqlite.exec('COMMIT');
    }
  } finally {
    sqlite.close();
  }
}

parentPort!.on('message', (m: { id: number; job: ExportJob }) => {
  run(m.job).then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value } satisfies WorkerAnswer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: workerError(e) } satisfies WorkerAnswer),
  );
});
