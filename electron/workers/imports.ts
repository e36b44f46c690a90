// The import worker: reading and checking what a site imports (the plan's workbook, CSVs, JSON and
// photo zip; the theory-score file) off the main thread, so the door's scan keeps answering while
// a large or hostile file is read. It only reads: the transaction that writes stays on the main
// thread (the command's handler), all or nothing. One worker serves jobs one message at a time.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../services/errors';
import { preparePlanData } from '../services/plan/digest';
import { readTheoryFile } from '../services/scoring/theory-file';
import { toBuffer, type ImportJob, type WorkerAnswer } from './protocol';

async function run(job: ImportJob): Promise<unknown> {
  switch (job.kind) {
    case 'plan':
      return preparePlanData({
        files: job.files.map((f) => ({ name: f.name, data: toBuffer(f.data) })),
        ...(job.hasPackage ? { pkg: job.pkg } : {}),
      });
    case 'theory':
      return readTheoryFile(job.fileName, toBuffer(job.data));
  }
}

parentPort!.on('message', (m: { id: number; job: ImportJob }) => {
  run(m.job).then(
    (value) => parentPort!.postMessage({ id: m.id, ok: true, value } satisfies WorkerAnswer),
    (e: unknown) => {
      const error =
        e instanceof AppError
          ? { code: e.code, reason: e.reason, params: e.params, message: e.message, messageEn: e.messageEn }
          : { message: e instanceof Error ? e.message : String(e) };
      parentPort!.postMessage({ id: m.id, ok: false, error } satisfies WorkerAnswer);
    },
  );
});
