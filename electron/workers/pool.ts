// Runs import jobs on the import worker (imports.ts): one worker thread, started on the first job
// and kept while jobs come (ended after a minute idle), its heap capped so a file that slips past
// every limit ends the worker (refused as LIMIT_EXCEEDED), never the process that serves the doors.
import type { ImportResult } from '../services/plan/apply';
import { preparedFromData, type PlanInput, type Prepared, type PreparedData } from '../services/plan/digest';
import type { PhotoFile } from '../services/plan/photo';
import type { TheoryFileEncoding } from '../../db/schema/scoring';
import type { TheoryRow } from '../services/scoring/theory-file';
import { adoptDecoded, ownChunk, transferable, type DecodedBody, type RawJsonBody } from './body';
import { toBuffer, type ImportJob, type KeptPlan, type WorkerDatabase } from './protocol';
import { JobWorker } from './runner';

/** The worker's heap: a parse that needs more is stopped (the limits keep every real file far below). */
export const IMPORT_WORKER_HEAP_MB = 512;

const shared = new JobWorker<ImportJob>({ source: 'imports.ts', bundle: 'import-worker.cjs', heapMb: IMPORT_WORKER_HEAP_MB, memoryReason: 'limits.importMemory' });

const photoBuffers = (photos: Map<string, PhotoFile>) => {
  for (const p of photos.values()) p.data = toBuffer(p.data);
};

/**
 * preparePlan (read, check the files, digest) on the import worker; given the site's day (YYYY-MM-DD)
 * the worker also validates the plan (all but the photos), and given the database it makes the
 * whole check against the plan held (Prepared.early), so the command's transaction need not.
 */
export async function preparePlanOffThread(input: PlanInput, today?: string, against?: WorkerDatabase | null): Promise<Prepared> {
  const data = (await runPlanJob(input, { ...(today !== undefined ? { today } : {}), ...(against ? { against } : {}) })) as PreparedData;
  photoBuffers(data.read.photos);
  return preparedFromData(data);
}

type PlanJob = Extract<ImportJob, { kind: 'plan' }>;

/** The plan job for `input`, its files' bytes handed to the worker. */
function runPlanJob(input: PlanInput, options: Pick<PlanJob, 'today' | 'against' | 'keep'>): Promise<unknown> {
  const files = input.files ?? [];
  const job: PlanJob = { kind: 'plan', files: files.map((f) => ({ name: f.name, data: f.data })), hasPackage: input.pkg !== undefined, pkg: input.pkg, ...options };
  // bytes the worker decoded from the request body go back to it without a copy (their Buffers here are emptied)
  return shared.run(job, transferable(files.map((f) => f.data)));
}

/**
 * preparePlan on the import worker, the plan kept there for writePlanOnWorker: only its number
 * comes back (the plan, its photos included, never crosses to this thread).
 */
export async function keepPlanOnWorker(input: PlanInput, today: string): Promise<number> {
  return ((await runPlanJob(input, { today, keep: true })) as KeptPlan).kept;
}

/** A kept plan applied on the import worker's own connection, in one transaction with its audit event (call with the write gate held). */
export async function writePlanOnWorker(job: Omit<Extract<ImportJob, { kind: 'plan.write' }>, 'kind'>): Promise<ImportResult> {
  return (await shared.run({ kind: 'plan.write', ...job })) as ImportResult;
}

/** readTheoryFile on the import worker. */
export async function readTheoryOffThread(fileName: string, data: Buffer): Promise<{ rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string }> {
  return (await shared.run({ kind: 'theory', fileName, data }, transferable([data]))) as { rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string };
}

/**
 * A file-carrying request body parsed and decoded on the import worker (body.ts): its bytes go
 * there, the input comes back with each file's bytes, and the payload digest for the audit trail.
 */
export async function decodeBodyOffThread(body: RawJsonBody): Promise<DecodedBody> {
  // each chunk's own buffer moves (emptied here); the transport made each one its own as it arrived (ownChunk)
  const chunks = body.chunks.map(ownChunk);
  return adoptDecoded((await shared.run({ kind: 'body', chunks }, chunks.map((c) => c.buffer as ArrayBuffer))) as DecodedBody);
}

/** An input already parsed (the desktop shell's IPC) whose files are base64: digested and decoded on the import worker. */
export async function decodeInputOffThread(input: unknown): Promise<DecodedBody> {
  return adoptDecoded((await shared.run({ kind: 'input', input })) as DecodedBody);
}
