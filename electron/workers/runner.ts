// One worker thread that runs jobs one message at a time (the import worker, the export worker):
// started on the first job and kept while jobs come (ended after a minute idle), its heap capped
// so a job that slips past every limit ends the worker (a LIMIT_EXCEEDED refusal), never the
// process that serves the doors. A job may also have a time limit: past it the worker is ended
// and the job (with any queued behind it) refused.
import { Worker } from 'node:worker_threads';
import { AppError } from '../services/errors';
import { errorFromWorker, type WorkerAnswer } from './protocol';

const IDLE_MS = 60_000;

export interface WorkerSpec {
  /** the TypeScript entry beside this file (tests, `npm run serve`), e.g. 'imports.ts' */
  source: string;
  /** the Electron bundle's file beside main.cjs (scripts/build-electron.mjs), e.g. 'import-worker.cjs' */
  bundle: string;
  heapMb: number;
  /** the refusal when the heap runs out (its params get the limit) */
  memoryReason: string;
  /** a job running longer than this ends the worker (refused with timeReason) */
  timeLimitMs?: number;
  timeReason?: string;
}

function workerFile(spec: WorkerSpec): { file: URL; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: new URL('./boot.mjs', here), entry: new URL(`./${spec.source}`, here).href };
  return { file: new URL(`./${spec.bundle}`, here) };
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout | null;
}

export class JobWorker<J> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(private readonly spec: WorkerSpec) {}

  /** Runs a job; transfer lists buffers handed over (not copied) to the worker. */
  run(job: J, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const w = this.worker ?? this.start();
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const limit = this.spec.timeLimitMs;
      // jobs run one after another: the clock of each starts with the job before it, so a queue
      // behind a stuck job is refused with it rather than waiting for ever
      const timer = limit ? setTimeout(() => this.fail(w, new AppError('LIMIT_EXCEEDED', this.spec.timeReason ?? this.spec.memoryReason, { limit: limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms` })), limit) : null;
      this.pending.set(id, { resolve, reject, timer });
      w.ref();
      w.postMessage({ id, job }, transfer);
    });
  }

  private start(): Worker {
    const file = workerFile(this.spec);
    const w = new Worker(file.file, { workerData: { entry: file.entry }, resourceLimits: { maxOldGenerationSizeMb: this.spec.heapMb } });
    this.worker = w;
    w.on('message', (m: WorkerAnswer) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (p.timer) clearTimeout(p.timer);
      if (m.ok) p.resolve(m.value);
      else p.reject(errorFromWorker(m.error));
      this.settle();
    });
    w.on('error', (e: Error & { code?: string }) => this.fail(w, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new AppError('LIMIT_EXCEEDED', this.spec.memoryReason, { limit: `${this.spec.heapMb} MB` }) : e));
    w.on('exit', (code) => this.fail(w, new Error(`worker ${this.spec.source} exited (${code})`)));
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
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
    void w.terminate();
  }
}
