// Runs import jobs on the import worker (imports.ts): one worker thread, started on the first job
// and kept while jobs come (ended after a minute idle), its heap capped so a file that slips past
// every limit ends the worker (refused as LIMIT_EXCEEDED), never the process that serves the doors.
import { Worker } from 'node:worker_threads';
import { AppError } from '../services/errors';
import { preparedFromData, type PlanInput, type Prepared, type PreparedData } from '../services/plan/digest';
import type { PhotoFile } from '../services/plan/photo';
import type { TheoryFileEncoding } from '../../db/schema/scoring';
import type { TheoryRow } from '../services/scoring/theory-file';
import { toBuffer, type ImportJob, type WorkerAnswer } from './protocol';

/** The worker's heap: a parse that needs more is stopped (the limits keep every real file far below). */
export const IMPORT_WORKER_HEAP_MB = 512;
const IDLE_MS = 60_000;

function workerSpec(): { file: URL; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: new URL('./boot.mjs', here), entry: new URL('./imports.ts', here).href };
  // the Electron bundle: main.cjs beside import-worker.cjs (scripts/build-electron.mjs)
  return { file: new URL('./import-worker.cjs', here) };
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

class ImportWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private idle: NodeJS.Timeout | null = null;

  run(job: ImportJob): Promise<unknown> {
    const w = this.worker ?? this.start();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ id, job });
    });
  }

  private start(): Worker {
    const spec = workerSpec();
    const w = new Worker(spec.file, { workerData: { entry: spec.entry }, resourceLimits: { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB } });
    this.worker = w;
    w.on('message', (m: WorkerAnswer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else {
        const e = m.error;
        p.reject(e.code && e.reason ? new AppError(e.code, e.reason, e.params) : e.code ? new AppError(e.code, e.message, e.messageEn ?? e.message) : new Error(e.message));
      }
      this.settle();
    });
    w.on('error', (e: Error & { code?: string }) => this.fail(w, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new AppError('LIMIT_EXCEEDED', 'limits.importMemory', { limit: `${IMPORT_WORKER_HEAP_MB} MB` }) : e));
    w.on('exit', (code) => this.fail(w, new Error(`import worker exited (${code})`)));
    return w;
  }

  /** nothing pending: let the process exit, and end the worker after a while */
  private settle(): void {
    if (this.pending.size > 0 || !this.worker) return;
    this.worker.unref();
    const w = this.worker;
    this.idle = setTimeout(() => {
      if (this.worker === w && this.pending.size === 0) {
        this.worker = null;
        void w.terminate();
      }
    }, IDLE_MS);
    this.idle.unref();
  }

  private fail(w: Worker, e: unknown): void {
    if (this.worker !== w) return;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    void w.terminate();
  }
}

const shared = new ImportWorker();

const photoBuffers = (photos: Map<string, PhotoFile>) => {
  for (const p of photos.values()) p.data = toBuffer(p.data);
};

/** preparePlan (read, check the files, digest) on the import worker. */
export async function preparePlanOffThread(input: PlanInput): Promise<Prepared> {
  const job: ImportJob = { kind: 'plan', files: (input.files ?? []).map((f) => ({ name: f.name, data: f.data })), hasPackage: input.pkg !== undefined, pkg: input.pkg };
  const data = (await shared.run(job)) as PreparedData;
  photoBuffers(data.read.photos);
  return preparedFromData(data);
}

/** readTheoryFile on the import worker. */
export async function readTheoryOffThread(fileName: string, data: Buffer): Promise<{ rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string }> {
  return (await shared.run({ kind: 'theory', fileName, data })) as { rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string };
}
