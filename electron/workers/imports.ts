// The import worker: reading and checking what a site imports (the plan's workbook, CSVs, JSON and
// photo zip; the theory-score file) off the main thread, so the door's scan keeps answering while
// a large or hostile file is read. A plan is also checked against the plan held (its diff, P9's
// sessions with sign-in started) through a read-only connection of its own (connect.ts). It only
// reads: the transaction that writes stays on the main thread (the command's handler), all or
// nothing, and takes that check only while nothing was recorded since (checkedPlan). It also parses the request bodies that carry
// those files (body.ts), so not even their JSON is read on the main thread. One worker serves jobs
// one message at a time.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { isMainThread, parentPort } from 'node:worker_threads';
import { schema } from '../../db';
import type { ReadContext } from '../services/context';
import { checkPlan, checkStamp, type EarlyCheck } from '../services/plan/check';
import { preparedFromData, preparePlanData, type PreparedData } from '../services/plan/digest';
import { ManualClock } from '../services/runtime';
import { readTheoryFile } from '../services/scoring/theory-file';
import { decodeInput, decodeJsonBody } from './body';
import { readOnce } from './connect';
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
    case 'plan': {
      const data = await preparePlanData(
        {
          files: job.files.map((f) => ({ name: f.name, data: toBuffer(f.data) })),
          ...(job.hasPackage ? { pkg: job.pkg } : {}),
        },
        job.today,
      );
      const db = job.against;
      if (!db) return data;
      // the check against the plan held, in one read transaction with the stamp it is valid under
      const early = await readOnce(db.file, db.key, (sqlite): EarlyCheck => {
        const ctx: ReadContext = { db: drizzle(sqlite, { schema }), sqlite, clock: new ManualClock(db.now), actor: null };
        return { check: checkPlan(ctx, preparedFromData(data)), stamp: checkStamp(ctx) };
      });
      return { ...data, early } satisfies PreparedData;
    }
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
