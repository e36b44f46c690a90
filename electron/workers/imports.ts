// The import worker: reading and checking what a site imports (the plan's workbook, CSVs, JSON and
// photo zip; the theory-score file) off the main thread, so the door's scan keeps answering while
// a large or hostile file is read. It only reads: the transaction that writes stays on the main
// thread (the command's handler), all or nothing. One worker serves jobs one message at a time.
import { parentPort } from 'node:worker_threads';
import { preparePlanData } from '../services/plan/digest';
import { readTheoryFile } from '../services/scoring/theory-file';
import { toBuffer, workerError, type ImportJob, type WorkerAnswer } from './protocol';

async function run(job: ImportJob): Promise<unknown> {
  switch (job.kind) {
    case 'plan':
      return preparePlanData(
        {
          files: job.files.map((f) => ({ name: f.name, data: toBuffer(f.data) })),
          ...(job.hasPackage ? { pkg: job.pkg } : {}),
        },
        job.today,
      );
    case 'theory':
      return readTheoryFile(job.fileName, toBuffer(job.data));
  }
}

parentPort!.on('message', (m: { id: number; job: ImportJob }) => {
  run(m.job).then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value } satisfies WorkerAnswer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: workerError(e) } satisfies WorkerAnswer),
  );
});
