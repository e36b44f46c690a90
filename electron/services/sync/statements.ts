// The platform's signed statements (DOMAIN G7, A1): receipts, rejections and certifications,
// believed only when they verify against the pinned platform key, and stored once each.
import { z } from 'zod';
import type { PlatformAdapter, SignedStatement } from '../../platform/adapter';
import type { StatementKind } from '../../../db/schema/sync';
import { sha256Hex } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import { fingerprintOf, verifyBytes } from '../seal/keys';
import { OPEN_STATES, outboxRow, type OutboxRow } from './outbox';
import { platformReasons, syncAudit, type PlatformReason } from './problems';
import { setRow } from './rows';

const StatementBody = z.looseObject({
  kind: z.string().optional(),
  packageHash: z.string().optional(),
  recordNo: z.string().nullish(),
  at: z.string().optional(),
  reasons: z.unknown().optional(),
  certificates: z.array(z.object({ candidateRef: z.string(), certificateNo: z.string() })).optional().catch([]),
});

interface Statement {
  kind: StatementKind;
  recordNo: string | null;
  reasons: PlatformReason[];
  certificates: { candidateRef: string; certificateNo: string }[];
}

/** A statement about this package whose signature verifies, or null. */
function verifiedStatement(s: SignedStatement, platformKey: string, packageHash: string): Statement | null {
  if (typeof s?.statement !== 'string' || typeof s?.signature !== 'string') return null;
  if (!verifyBytes(platformKey, s.statement, s.signature)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(s.statement);
  } catch {
    return null;
  }
  const r = StatementBody.safeParse(raw);
  if (!r.success || r.data.packageHash !== packageHash) return null;
  const kind = r.data.kind;
  if (kind !== 'receipt' && kind !== 'rejection' && kind !== 'certification') return null;
  return { kind, recordNo: r.data.recordNo ?? null, reasons: platformReasons(r.data.reasons ?? []), certificates: r.data.certificates ?? [] };
}

/** The statement row, once: returns its id, or null when it was stored before. */
function storeStatement(ctx: ServiceContext, out: OutboxRow, s: SignedStatement, kind: StatementKind, platformKey: string): number | null {
  const info = ctx.sqlite
    .prepare(
      `INSERT INTO sync_statements (package_hash, kind, statement, statement_hash, signature, platform_key, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_hash) DO NOTHING`,
    )
    .run(out.hash, kind, s.statement, sha256Hex(s.statement), s.signature, fingerprintOf(platformKey), nowIso(ctx));
  return info.changes ? Number(info.lastInsertRowid) : null;
}

function applyReceipt(ctx: ServiceContext, current: OutboxRow, st: Statement, statementHash: string): void {
  // a late receipt never undoes a rejection or certification already recorded
  if (current.state === 'rejected' || current.state === 'certified' || current.state === 'acknowledged') return;
  setRow(ctx, current.id, {
    state: 'acknowledged',
    record_id: st.recordNo,
    acknowledged_at: nowIso(ctx),
    bytes_sent: current.bytes_total,
    last_error: null,
    next_attempt_at: null,
  });
  syncAudit(ctx, 'sync.acknowledged', { packageHash: current.hash, recordNo: st.recordNo, statementHash });
}

function applyRejection(ctx: ServiceContext, current: OutboxRow, st: Statement): void {
  setRow(ctx, current.id, { state: 'rejected', reasons: JSON.stringify(st.reasons), next_attempt_at: null, record_id: current.record_id ?? st.recordNo });
  syncAudit(ctx, 'sync.rejected', { packageHash: current.hash, recordNo: st.recordNo, reasons: st.reasons });
}

function applyCertification(ctx: ServiceContext, current: OutboxRow, st: Statement, statementId: number): void {
  const ins = ctx.sqlite.prepare(
    'INSERT INTO sync_certificates (package_hash, candidate_ref, certificate_no, statement_id) VALUES (?, ?, ?, ?) ON CONFLICT (package_hash, candidate_ref) DO NOTHING',
  );
  for (const cert of st.certificates) ins.run(current.hash, cert.candidateRef, cert.certificateNo, statementId);
  setRow(ctx, current.id, { state: 'certified', next_attempt_at: null });
  syncAudit(ctx, 'sync.certified', { packageHash: current.hash, recordNo: st.recordNo, certificates: st.certificates.length });
}

/**
 * Stores a verified statement once (a duplicate reply changes nothing) and moves the row:
 * receipt → acknowledged, rejection → rejected with reasons, certification → certified.
 * Returns false when the statement does not verify or is not about this package.
 */
export function ingestStatement(ctx: ServiceContext, input: { platformKey: string; row: OutboxRow; statement: SignedStatement }): boolean {
  const { platformKey, row: out, statement: s } = input;
  const st = verifiedStatement(s, platformKey, out.hash);
  if (!st) return false;
  ctx.sqlite.transaction(() => {
    const statementId = storeStatement(ctx, out, s, st.kind, platformKey);
    const current = outboxRow(ctx.sqlite, out.id);
    if (!current) return;
    // delivered twice: already taken into account (unless a receipt we stored never moved the row)
    if (statementId === null && !(st.kind === 'receipt' && OPEN_STATES.includes(current.state))) return;
    if (st.kind === 'receipt') applyReceipt(ctx, current, st, sha256Hex(s.statement));
    else if (st.kind === 'rejection') applyRejection(ctx, current, st);
    else if (statementId !== null) applyCertification(ctx, current, st, statementId);
  }).immediate();
  return true;
}

/** Asks the platform about acknowledged packages: rejections and certificate numbers come this way. */
export async function pollStatements(ctx: ServiceContext, input: { adapter: PlatformAdapter; platformKey: string }): Promise<void> {
  const waiting = ctx.sqlite.prepare<[], OutboxRow>("SELECT * FROM outbox WHERE state = 'acknowledged' ORDER BY id").all();
  if (!waiting.length) return;
  const byHash = new Map(waiting.map((r) => [r.hash, r]));
  for (let i = 0; i < waiting.length; i += 500) {
    const items = await input.adapter.pollStatus(waiting.slice(i, i + 500).map((r) => r.hash));
    for (const item of items) {
      const out = byHash.get(item.hash);
      if (!out) continue;
      for (const statement of item.statements ?? []) {
        const row = outboxRow(ctx.sqlite, out.id);
        if (row) ingestStatement(ctx, { platformKey: input.platformKey, row, statement });
      }
    }
  }
}
