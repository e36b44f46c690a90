// DOMAIN S9, A1, G7: the batch lifecycle and the amendment, re-derived from the audit chain.
// Every status change is noted by its command (batch.ts moveBatch → `batchStatus`), so the status
// the audit chain leads to must be the status in the database; a raw `UPDATE batches SET status`
// leaves no event and is named here. While a batch is amending, every command notes the digest of
// the batch's results content before and after it (`amendContent`, written by the dispatcher): the
// chain of digests starts at the sealed version and must be unbroken up to the database as it is,
// so a raw edit during an amendment (which would otherwise be re-sealed as the next version) is named.
import type { ReadSqlite } from '../../../db';
import type { BatchStatus } from '../../../db/schema/core';
import { canonicalJson, sha256Hex } from '../canonical';
import type { Issue } from '../errors';
import { derivedContent } from './content';
import { readEnvelope } from './package';

/** What the dispatcher notes for each amending batch around a command. */
export interface AmendContentNote {
  batchId: number;
  /** null: the batch entered the amendment in this command (its chain starts at `after`) */
  before: string | null;
  after: string;
}

/** The digest of the batch's results content as the database holds it now. */
export function contentDigest(sqlite: ReadSqlite, batchId: number): string {
  return sha256Hex(canonicalJson(derivedContent({ sqlite }, batchId)));
}

/** The digest of the same parts of a sealed package (the keys derivedContent re-derives). */
function sealedDigest(sqlite: ReadSqlite, batchId: number, version: number): string | null {
  const row = sqlite.prepare<[number, number], { body: string }>('SELECT body FROM sealed_packages WHERE batch_id = ? AND version = ?').get(batchId, version);
  const content = row ? readEnvelope(row.body)?.content : undefined;
  if (!content || typeof content !== 'object') return null;
  const keys = Object.keys(derivedContent({ sqlite }, batchId));
  const part: Record<string, unknown> = {};
  for (const k of keys) part[k] = (content as Record<string, unknown>)[k];
  return sha256Hex(canonicalJson(part));
}

export function amendingBatchIds(sqlite: ReadSqlite): number[] {
  return sqlite.prepare<[], { id: number }>("SELECT id FROM batches WHERE status = 'amending' ORDER BY id").all().map((r) => r.id);
}

export interface LifecycleProblem {
  batchId: number;
  issue: Issue;
}

interface Track {
  status: BatchStatus;
  seals: number;
  /** while amending: the digest the next command must start from */
  expected: string | null;
  /** the event that last moved the chain (for the message) */
  lastSeq: number;
}

/**
 * The status each batch should have by its audited commands and, while amending, the content it
 * should hold; the differences as problems (`seal.problem.statusWithoutAudit`,
 * `seal.problem.changedOutsideCommand`). Restricted to one batch when batchId is given.
 */
export function lifecycleProblems(sqlite: ReadSqlite, batchId?: number): LifecycleProblem[] {
  const batches = sqlite.prepare<[], { id: number; status: BatchStatus }>('SELECT id, status FROM batches ORDER BY id').all().filter((b) => batchId === undefined || b.id === batchId);
  const track = new Map<number, Track>(batches.map((b) => [b.id, { status: 'draft', seals: 0, expected: null, lastSeq: 0 }]));
  const problems: LifecycleProblem[] = [];
  const broken = new Set<number>();
  const rows = sqlite
    .prepare<[], { seq: number; detail: string }>("SELECT seq, detail FROM audit_events WHERE outcome = 'ok' AND (detail LIKE '%\"batchStatus\"%' OR detail LIKE '%\"amendContent\"%') ORDER BY seq")
    .iterate();
  for (const row of rows) {
    let detail: { batchStatus?: { batchId: number; after: BatchStatus }; amendContent?: AmendContentNote[] };
    try {
      detail = JSON.parse(row.detail) as typeof detail;
    } catch {
      continue; // an unreadable detail is the chain check's to name (its hash no longer matches)
    }
    for (const n of detail.amendContent ?? []) {
      const t = track.get(n.batchId);
      if (!t || t.expected === null || broken.has(n.batchId)) continue;
      if (n.before !== t.expected) {
        broken.add(n.batchId);
        problems.push({ batchId: n.batchId, issue: { reason: 'changedOutsideCommand', params: { batchId: n.batchId, after: t.lastSeq, before: row.seq } } });
        continue;
      }
      t.expected = n.after;
      t.lastSeq = row.seq;
    }
    const s = detail.batchStatus;
    const t = s ? track.get(s.batchId) : undefined;
    if (!s || !t) continue;
    if (s.after === 'sealed') {
      t.seals += 1;
      t.expected = null;
    } else if (s.after === 'amending') {
      // the content the reopening command left, or else the sealed version's
      const entered = (detail.amendContent ?? []).find((n) => n.batchId === s.batchId && n.before === null);
      t.expected = entered ? entered.after : sealedDigest(sqlite, s.batchId, t.seals);
      t.lastSeq = row.seq;
    }
    t.status = s.after;
  }
  for (const b of batches) {
    const t = track.get(b.id)!;
    if (t.status !== b.status) {
      problems.push({ batchId: b.id, issue: { reason: 'statusWithoutAudit', params: { batchId: b.id, status: `@batch.status.${b.status}`, audited: `@batch.status.${t.status}` } } });
      continue;
    }
    if (b.status === 'amending' && t.expected !== null && !broken.has(b.id) && contentDigest(sqlite, b.id) !== t.expected) {
      problems.push({ batchId: b.id, issue: { reason: 'changedOutsideCommand', params: { batchId: b.id, after: t.lastSeq, before: '—' } } });
    }
  }
  return problems;
}
