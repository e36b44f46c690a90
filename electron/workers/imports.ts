// The import worker: reading and checking what a site imports (the plan's workbook, CSVs, JSON and
// photo zip; the theory-score file) off the main thread, so the door's scan keeps answering while
// a large or hostile file is read. A plan is also checked against the plan held (its diff, P9's
// sessions with sign-in started) through a read-only connection of its own (connect.ts), for the
// check a site head reads (checkedPlan takes it while nothing was recorded since). A plan import
// is read here and kept, then written here too (plan.write): its transaction, all or nothing with
// its audit event, runs on a writable connection of this worker while the main thread holds its
// write gate (write-gate.ts): the writes of 10,000 candidates never hold a door scan (a command, a
// sign-in confirmed included, waits for them as for any write, without holding the event loop;
// this thread runs below the door's, so on a busy CPU that wait can be longer than the same
// transaction took on the main thread: 258 ms against 197 ms for 10,000 in the door bench). It also
// parses the request bodies that carry those files (body.ts), so not even their JSON is read on the
// main thread. One worker serves jobs one message at a time.
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { isMainThread, parentPort } from 'node:worker_threads';
import { schema } from '../../db';
import { auditedTransaction, auditWith } from '../services/seal/audited';
import type { Actor } from '../services/auth';
import type { ReadContext, ServiceContext } from '../services/context';
import { applyPlan, type ImportResult } from '../services/plan/apply';
import { checkPlan, checkStamp, type EarlyCheck } from '../services/plan/check';
import { preparedFromData, preparePlanData, type PreparedData } from '../services/plan/digest';
import { cryptoRandom, ManualClock } from '../services/runtime';
import { readTheoryFile } from '../services/scoring/theory-file';
import { decodeInput, decodeJsonBody } from './body';
import { readOnce, writeConnection } from './connect';
import { giveWayToTheDoor } from './priority';
import { toBuffer, workerError, type ImportJob, type KeptPlan, type WorkerAnswer } from './protocol';

// below the door's thread in the scheduler (priority.ts)
if (!isMainThread) giveWayToTheDoor();

/** An answer whose bytes move to the main thread rather than being copied. */
class Handover {
  constructor(
    readonly value: unknown,
    readonly transfer: ArrayBuffer[],
  ) {}
}

/** Plans read for a write that follows (plan.write), by number; a few at most, the oldest dropped (a write that never came). */
const kept = new Map<number, PreparedData>();
let keptSeq = 0;
const KEEP_AT_MOST = 4;

function keepPlan(data: PreparedData): number {
  const id = ++keptSeq;
  kept.set(id, data);
  if (kept.size > KEEP_AT_MOST) kept.delete(kept.keys().next().value!);
  return id;
}

/**
 * The plan import's transaction on this worker's own connection (the main thread holds its write
 * gate meanwhile): the check against the plan held and the writes (applyPlan), with the audit event
 * the dispatcher would write, all or nothing. The thread that serves the doors only waits for the answer.
 */
function writePlan(job: Extract<ImportJob, { kind: 'plan.write' }>): ImportResult {
  const data = kept.get(job.kept);
  kept.delete(job.kept);
  if (!data) throw new Error('plan.write: the plan read for this write is no longer held (the import worker was restarted)');
  const sqlite = writeConnection(job.db.file, job.db.key);
  try {
    const detail: Record<string, unknown> = {};
    const ctx: ServiceContext = {
      db: drizzle(sqlite, { schema }),
      sqlite,
      clock: new ManualClock(job.head.at),
      random: cryptoRandom,
      actor: job.actor as Actor | null,
      device: job.head.device,
      note: (d) => Object.assign(detail, d),
    };
    ctx.note(job.note);
    const tx = auditedTransaction(sqlite, () => applyPlan(ctx, preparedFromData(data), { confirm: job.confirm }), auditWith(sqlite, () => job.head, detail));
    if (tx.refused) throw tx.refused;
    return tx.data!;
  } finally {
    sqlite.close();
  }
}

async function run(job: ImportJob): Promise<unknown> {
  switch (job.kind) {
    case 'body': {
      const { decoded, transfer } = decodeJsonBody(job.chunks.length === 1 ? job.chunks[0]! : Buffer.concat(job.chunks));
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
      if (job.keep) return { kept: keepPlan(data) } satisfies KeptPlan;
      const db = job.against;
      if (!db) return data;
      // the check against the plan held, in one read transaction with the stamp it is valid under
      const early = await readOnce(db.file, db.key, (sqlite): EarlyCheck => {
        const ctx: ReadContext = { db: drizzle(sqlite, { schema }), sqlite, clock: new ManualClock(db.now), actor: null };
        return { check: checkPlan(ctx, preparedFromData(data)), stamp: checkStamp(ctx) };
      });
      return { ...data, early } satisfies PreparedData;
    }
    case 'plan.write':
      return writePlan(job);
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
