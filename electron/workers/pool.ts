// Runs import jobs on the import worker (imports.ts): one worker thread, started on the first job
// and kept while jobs come (ended after a minute idle), its heap capped so a file that slips past
// every limit ends the worker (refused as LIMIT_EXCEEDED), never the process that serves the doors.
import { preparedFromData, type PlanInput, type Prepared, type PreparedData } from '../services/plan/digest';
import type { PhotoFile } from '../services/plan/photo';
import type { TheoryFileEncoding } from '../../db/schema/scoring';
import type { TheoryRow } from '../services/scoring/theory-file';
import { toBuffer, type ImportJob } from './protocol';
import { JobWorker } from './runner';

/** The worker's heap: a parse that needs more is stopped (the limits keep every real file far below). */
export const IMPORT_WORKER_HEAP_MB = 512;

const shared = new JobWorker<ImportJob>({ source: 'imports.ts', bundle: 'import-worker.cjs', heapMb: IMPORT_WORKER_HEAP_MB, memoryReason: 'limits.importMemory' });

const photoBuffers = (photos: Map<string, PhotoFile>) => {
  for (const p of photos.values()) p.data = toBuffer(p.data);
};

/**
 * preparePlan (read, check the files, digest) on the import worker; given the site's day (YYYY-MM-DD)
 * the worker also validates the plan (all but the photos), so the command's check does not.
 */
export async function preparePlanOffThread(input: PlanInput, today?: string): Promise<Prepared> {
  const job: ImportJob = { kind: 'plan', files: (input.files ?? []).map((f) => ({ name: f.name, data: f.data })), hasPackage: input.pkg !== undefined, pkg: input.pkg, ...(today !== undefined ? { today } : {}) };
  const data = (await shared.run(job)) as PreparedData;
  photoBuffers(data.read.photos);
  return preparedFromData(data);
}

/** readTheoryFile on the import worker. */
export async function readTheoryOffThread(fileName: string, data: Buffer): Promise<{ rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string }> {
  return (await shared.run({ kind: 'theory', fileName, data })) as { rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string };
}
