// What the sync page and the seal page read about deliveries: every package's state and progress,
// the platform's statements, certificate numbers, and the G5 holds. Read-only.
import { z } from 'zod';
import type { PackageKind } from '../../../db/schema/seal';
import type { StatementKind } from '../../../db/schema/sync';
import type { ReadContext } from '../context';
import type { Issue } from '../errors';
import { groupFingerprint, fingerprintOf } from '../seal/keys';
import { readSyncConfig } from './config';
import { heldPackages } from './held';
import { OPEN_STATES, stateCounts, type OutboxRow, type OutboxState } from './outbox';
import { readProblem, readReasons, type PlatformReason } from './problems';

/** How many packages and statements the page lists (newest first). */
const PACKAGES_SHOWN = 500;
const STATEMENTS_SHOWN = 100;

export interface PackageView {
  id: number;
  hash: string;
  batchId: number;
  batchName: string;
  planCode: string;
  version: number;
  kind: PackageKind;
  reason: string | null;
  state: OutboxState;
  bytesTotal: number;
  bytesSent: number;
  percent: number;
  attempts: number;
  nextAttemptAt: string | null;
  /** why the last attempt failed (`sync.problem.<reason>`) */
  lastError: Issue | null;
  recordId: string | null;
  /** the platform's reasons for a rejection, in its own words */
  rejections: PlatformReason[];
  /** why the console refused to send (`seal.problem.<reason>`) */
  refusals: Issue[];
  enqueuedAt: string;
  acknowledgedAt: string | null;
  certificates: number;
  /** G5: why a waiting results package is held back (`sync.held.<reason>`) */
  holds: Issue[];
}

interface StatusRow extends OutboxRow {
  batch_id: number;
  version: number;
  kind: PackageKind;
  reason: string | null;
  batch_name: string;
  plan_code: string;
  certs: number;
}

function packageRows(ctx: ReadContext): StatusRow[] {
  return ctx.sqlite
    .prepare<[number], StatusRow>(
      `SELECT o.*, p.batch_id, p.version, p.kind, p.reason, b.name AS batch_name, b.plan_code,
              (SELECT COUNT(*) FROM sync_certificates c WHERE c.package_hash = o.hash) AS certs
       FROM outbox o JOIN sealed_packages p ON p.id = o.package_id JOIN batches b ON b.id = p.batch_id
       ORDER BY o.id DESC LIMIT ?`,
    )
    .all(PACKAGES_SHOWN);
}

function packageView(o: StatusRow, holds: Issue[]): PackageView {
  const reasons = readReasons(o.reasons);
  return {
    id: o.id,
    hash: o.hash,
    batchId: o.batch_id,
    batchName: o.batch_name,
    planCode: o.plan_code,
    version: o.version,
    kind: o.kind,
    reason: o.reason,
    state: o.state,
    bytesTotal: o.bytes_total,
    bytesSent: o.bytes_sent,
    percent: o.bytes_total ? Math.floor((o.bytes_sent / o.bytes_total) * 100) : 0,
    attempts: o.attempts,
    nextAttemptAt: o.next_attempt_at,
    lastError: readProblem(o.last_error),
    recordId: o.record_id,
    rejections: reasons.platform,
    refusals: reasons.console,
    enqueuedAt: o.enqueued_at,
    acknowledgedAt: o.acknowledged_at,
    certificates: o.certs,
    holds,
  };
}

const StatementBody = z.looseObject({ recordNo: z.string().nullish(), at: z.string().optional() });

interface StatementRow {
  id: number;
  packageHash: string;
  kind: StatementKind;
  statement: string;
  platformKey: string;
  receivedAt: string;
}

function statementViews(ctx: ReadContext) {
  const rows = ctx.sqlite
    .prepare<[number], StatementRow>(
      'SELECT id, package_hash AS packageHash, kind, statement, platform_key AS platformKey, received_at AS receivedAt FROM sync_statements ORDER BY id DESC LIMIT ?',
    )
    .all(STATEMENTS_SHOWN);
  return rows.map((s) => {
    let raw: unknown = null;
    try {
      raw = JSON.parse(s.statement);
    } catch {
      // stored only after its signature verified: a body that is not JSON never got here
    }
    const body = StatementBody.safeParse(raw);
    const b = body.success ? body.data : {};
    return { id: s.id, packageHash: s.packageHash, kind: s.kind, recordNo: b.recordNo ?? null, platformAt: b.at ?? null, receivedAt: s.receivedAt, platformKey: s.platformKey };
  });
}

/** The sync page's data (without the runner's live state, which the command adds). */
export function syncOverview(ctx: ReadContext) {
  const cfg = readSyncConfig(ctx.sqlite);
  const rows = packageRows(ctx);
  const held = heldPackages(ctx, rows);
  const counts = stateCounts(ctx.sqlite);
  return {
    configured: !!cfg.platformUrl,
    platformUrl: cfg.platformUrl,
    timeoutMs: cfg.timeoutMs,
    pinnedFingerprint: cfg.platformKey ? groupFingerprint(fingerprintOf(cfg.platformKey)) : null,
    pinnedAt: cfg.pinnedAt,
    expectedFingerprint: cfg.expectedFingerprint ? groupFingerprint(cfg.expectedFingerprint) : null,
    counts,
    open: OPEN_STATES.reduce((n, s) => n + counts[s], 0),
    /** G5: of the open ones, held until their publication has ended */
    held: held.size,
    packages: rows.map((o) => packageView(o, held.get(o.id)?.holds ?? [])),
    statements: statementViews(ctx),
  };
}

/** The delivery state of given sealed packages (the seal page's versions): state and whether G5 holds it. */
export function deliveryOf(ctx: ReadContext, packageIds: readonly number[]): Map<number, { state: OutboxState; held: boolean }> {
  const rows = packageIds.length
    ? ctx.sqlite
        .prepare<number[], Pick<OutboxRow, 'id' | 'package_id' | 'state'>>(`SELECT id, package_id, state FROM outbox WHERE package_id IN (${packageIds.map(() => '?').join(',')})`)
        .all(...packageIds)
    : [];
  const held = heldPackages(ctx, rows);
  return new Map(rows.map((r) => [r.package_id, { state: r.state, held: held.has(r.id) }]));
}

/** DOMAIN G7: certificate numbers the platform assigned, per candidate (ticket number) of a batch. */
export function certificatesOf(ctx: ReadContext, batchId: number) {
  return ctx.sqlite
    .prepare<[number], { candidateRef: string; certificateNo: string; packageHash: string; version: number }>(
      `SELECT c.candidate_ref AS candidateRef, c.certificate_no AS certificateNo, c.package_hash AS packageHash, p.version
       FROM sync_certificates c JOIN sealed_packages p ON p.hash = c.package_hash
       WHERE p.batch_id = ? ORDER BY c.candidate_ref, p.version`,
    )
    .all(batchId);
}
