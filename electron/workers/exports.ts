// The export worker: builds the files people print or send (export-jobs.ts) off the main thread,
// reading the database through its own read-only connection (the same key, query_only, no
// temporary files on disk), so the doors keep answering while the largest export is built. One
// job at a time; the connection is kept while the worker lives (it ends after a minute idle).
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { parentPort } from 'node:worker_threads';
import { applyKey, CACHE_KIB, schema, type Sqlite } from '../../db';
import type { Actor } from '../services/auth';
import type { ReadContext } from '../services/context';
import { ManualClock } from '../services/runtime';
import { runExport } from './export-jobs';
import { workerError, type ExportJob, type WorkerAnswer } from './protocol';

let open: { file: string; key: string | null; sqlite: Sqlite } | null = null;

function connection(file: string, key: Uint8Array | null): Sqlite {
  const keyHex = key ? Buffer.from(key).toString('hex') : null;
  if (open && open.file === file && open.key === keyHex) return open.sqlite;
  open?.sqlite.close();
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  if (key) applyKey(sqlite, Buffer.from(key));
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`cache_size = -${CACHE_KIB}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('query_only = ON');
  open = { file, key: keyHex, sqlite };
  return sqlite;
}

async function run(job: ExportJob): Promise<unknown> {
  const sqlite = connection(job.file, job.key);
  const ctx: ReadContext = { db: drizzle(sqlite, { schema }), sqlite, clock: new ManualClock(job.now), actor: job.actor as Actor | null };
  // one read transaction per job: the export reads one committed state, whatever the doors write meanwhile
  sqlite.exec('BEGIN');
  try {
    return await runExport(ctx, job.work);
  } finally {
    sqlite.exec('COMMIT');
  }
}

parentPort!.on('message', (m: { id: number; job: ExportJob }) => {
  run(m.job).then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value } satisfies WorkerAnswer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: workerError(e) } satisfies WorkerAnswer),
  );
});
