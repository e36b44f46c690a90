// The import worker: reading and checking what a site imports (the plan's workbook, CSVs, JSON and
// photo zip; the theory-score file) off the main thread, so the door's scan keeps answering while
// a large or hostile file is read. It only reads: the transaction that writes stays on the main
// thread (the command's handler), all or nothing. It also parses the request bodies that carry
// those files (body.ts), so not even their JSON is read on the main thread. One worker serves jobs
// one message at a time.
import { isMainThread, parentPort } from 'node:worker_threads';
import { preparePlanData } from '../services/plan/digest';
import { readTheoryFile } from '../services/scoring/theory-file';
import { decodeInput, decodeJsonBody } from './body';
import { giveWayToTheDoor } from './priority';
import { toBuffer, workerError, type ImportJob, type WorkerAnswer } from './protocol';

// below the door's thread in the scheduler (priority.ts)
if (!isMainThread) giveWayToTheDoor();

/** An answer whose bytes move to the main thread rather than being copied. */
class Handover {
  constructor(
    readonly value: unknown,
    readonly transfer: ArrayBuffer[],
  ) {}
}

async function run(job: ImportJob): Promise<unknown> {
  switch (job.kind) {
    case 'body': {
      const { decoded, transfer } = decodeJsonBody(job.bytes);
      return new Handover(decoded, transfer);
    }
    case 'input': {
      const { decoded, transfer } = decodeInput(job.input);
      return new Handover(decoded, transfer);
    }
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
    (out) =>
      out instanceof Handover
        ? parentPort!.postMessage({ id: m.id, ok: true, value: out.value } satisfies WorkerAnswer, out.transfer)
        : parentPort!.postMessage({ id: m.id, ok: true, value: out } satisfies WorkerAnswer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: workerError(e) } satisfies WorkerAnswer),
  );
});
