// G5: the upload gate. Results go to the platform once published for the full period with no
// objection left (and, after an upheld objection, once the changed results have been published
// again). The sync engine holds a batch's results packages until the gate is clear; the sync page
// words each hold from its code in either language.
import type { ReadSqlite } from '../../../db';
import type { BatchStatus } from '../../../db/schema/core';
import type { PublicationKind } from '../../../db/schema/results';
import { siteDate } from '../../domain/vocabulary';
import type { ReadContext } from '../context';
import { changedSincePublished, packageResults, packageRow, publicationList } from './list';

export const HOLD_CODES = ['amending', 'notPublished', 'periodRunning', 'supplementRunning', 'objectionsOpen', 'republishPending', 'changedUnpublished'] as const;
export type HoldCode = (typeof HOLD_CODES)[number];

export interface UploadGate {
  clear: boolean;
  /** why the batch's packages wait, as catalogue codes with their figures (`sync.held.<code>`) */
  holds: { code: HoldCode; params: Record<string, string | number> }[];
}

// The sync page asks for the gate every second: comparing a 10,000-candidate package with what was
// published parses megabytes. Sealed packages and publication lists never change (append-only), so
// the answer for one package and one set of publications is computed once (per database handle).
const changedMemo = new WeakMap<ReadSqlite, Map<string, number>>();

function changedCount(sqlite: ReadSqlite, batchId: number, packageId: number, publicationIds: number[]): number {
  const memo = changedMemo.get(sqlite) ?? new Map<string, number>();
  changedMemo.set(sqlite, memo);
  const key = `${packageId}|${publicationIds.join(',')}`;
  let n = memo.get(key);
  if (n === undefined) {
    n = changedSincePublished(sqlite, batchId, publicationList(packageResults(sqlite, packageRow(sqlite, packageId)))).size;
    if (memo.size > 64) memo.clear();
    memo.set(key, n);
  }
  return n;
}

function count(sqlite: ReadSqlite, sql: string, batchId: number): number {
  return sqlite.prepare<[number], { n: number }>(sql).get(batchId)?.n ?? 0;
}

/** The gate of one batch on the site's today (from the clock). */
export function uploadGate(ctx: Pick<ReadContext, 'sqlite' | 'clock'>, batchId: number): UploadGate {
  const { sqlite } = ctx;
  const today = siteDate(ctx.clock.now());
  const holds: UploadGate['holds'] = [];
  const hold = (code: HoldCode, params: Record<string, string | number> = {}) => holds.push({ code, params });
  const b = sqlite.prepare<[number], { status: BatchStatus }>('SELECT status FROM batches WHERE id = ?').get(batchId);
  if (!b) return { clear: false, holds };
  if (b.status === 'amending') hold('amending');
  const pubs = sqlite.prepare<[number], { id: number; kind: PublicationKind; endDate: string }>('SELECT id, kind, end_date AS endDate FROM publications WHERE batch_id = ? ORDER BY id').all(batchId);
  if (!pubs.length) hold('notPublished');
  for (const p of pubs) if (today <= p.endDate) hold(p.kind === 'supplement' ? 'supplementRunning' : 'periodRunning', { end: p.endDate });
  const open = count(sqlite, "SELECT COUNT(*) AS n FROM objections o JOIN publications p ON p.id = o.publication_id WHERE p.batch_id = ? AND o.status <> 'resolved'", batchId);
  if (open) hold('objectionsOpen', { n: open });
  const rescores = count(sqlite, "SELECT COUNT(*) AS n FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND (r.status = 'open' OR r.republished_in IS NULL)", batchId);
  if (rescores) hold('republishPending', { n: rescores });
  if (b.status === 'sealed' && pubs.length && !rescores) {
    // id and version only (not the whole body): this runs on every status poll
    const latest = sqlite.prepare<[number], { id: number; version: number }>('SELECT id, version FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1').get(batchId);
    const n = latest ? changedCount(sqlite, batchId, latest.id, pubs.map((p) => p.id)) : 0;
    if (latest && n) hold('changedUnpublished', { version: latest.version, n });
  }
  return { clear: holds.length === 0, holds };
}
