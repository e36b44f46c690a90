import type { Sqlite } from '../../db';
import { canonicalJson, sha256Hex } from './canonical';

/** DOMAIN A1: every state change appends one event; each event's hash covers the previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  at: string;
  actorId: number | null;
  actorName: string | null;
  role: string | null;
  device: string;
  command: string;
  outcome: 'ok' | 'refused';
  payloadDigest: string;
  detail: unknown;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  role: string | null;
  device: string;
  command: string;
  outcome: string;
  payload_digest: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The bytes an event's hash covers: everything but the hash itself. */
function eventBody(row: Omit<AuditRow, 'hash'>): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    role: row.role,
    device: row.device,
    command: row.command,
    outcome: row.outcome,
    payloadDigest: row.payload_digest,
    detail: row.detail,
    prevHash: row.prev_hash,
  });
}

export function eventHash(row: Omit<AuditRow, 'hash'>): string {
  return sha256Hex(row.prev_hash + '\n' + eventBody(row));
}

/** Appends an event. Call inside the command's transaction so the change and its record commit together. */
export function appendAudit(sqlite: Sqlite, input: AuditInput): AuditRow {
  const last = sqlite.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const body: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at,
    actor_id: input.actorId,
    actor_name: input.actorName,
    role: input.role,
    device: input.device,
    command: input.command,
    outcome: input.outcome,
    payload_digest: input.payloadDigest,
    detail: canonicalJson(input.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const row: AuditRow = { ...body, hash: eventHash(body) };
  sqlite
    .prepare(
      `INSERT INTO audit_events (seq, at, actor_id, actor_name, role, device, command, outcome, payload_digest, detail, prev_hash, hash)
       VALUES (@seq, @at, @actor_id, @actor_name, @role, @device, @command, @outcome, @payload_digest, @detail, @prev_hash, @hash)`,
    )
    .run(row);
  return row;
}

export interface ChainReport {
  ok: boolean;
  count: number;
  headHash: string;
  headSeq: number;
  /** the first event that does not verify, and why */
  firstBad?: { seq: number; reason: string };
}

interface RedactionRow {
  seq: number;
  destruction_id: number;
  hash: string;
  detail_sha256: string;
  rest_sha256: string;
}

/**
 * DOMAIN A4: a destruction may remove an event's payload (records/destroy.ts). Such an event keeps
 * its hash and link; it verifies when its detail is exactly the marker naming the removed payload's
 * SHA-256 and its other fields still hash to what the redaction recorded.
 */
function redactionHolds(row: AuditRow, r: RedactionRow | undefined): boolean {
  if (!r || r.hash !== row.hash) return false;
  if (row.detail !== canonicalJson({ redactedByDestruction: { detailSha256: r.detail_sha256 } })) return false;
  const rest = sha256Hex(
    canonicalJson({ seq: row.seq, at: row.at, actorId: row.actor_id, actorName: row.actor_name, role: row.role, device: row.device, command: row.command, outcome: row.outcome, payloadDigest: row.payload_digest, prevHash: row.prev_hash, hash: row.hash }),
  );
  return rest === r.rest_sha256;
}

/** Each destruction's redactions hash to the digest its ledger row and its own (verified) audit event carry. */
function redactionsBound(sqlite: Sqlite, redactions: Map<number, RedactionRow>): string | null {
  const byDestruction = new Map<number, RedactionRow[]>();
  for (const r of redactions.values()) byDestruction.set(r.destruction_id, [...(byDestruction.get(r.destruction_id) ?? []), r]);
  for (const [id, list] of byDestruction) {
    list.sort((a, b) => a.seq - b.seq);
    const digest = sha256Hex(canonicalJson(list.map((r) => [r.seq, r.hash, r.detail_sha256, r.rest_sha256])));
    const ledger = sqlite.prepare('SELECT redactions_digest AS d FROM destructions WHERE id = ?').get(id) as { d: string | null } | undefined;
    if (ledger?.d !== digest) return `销毁台账 #${id} 的脱敏记录与台账不符 / redactions of destruction #${id} do not match the ledger`;
    const event = sqlite.prepare("SELECT 1 FROM audit_events WHERE command = 'records.destroy' AND outcome = 'ok' AND instr(detail, ?) > 0").get(digest);
    if (!event) return `销毁台账 #${id} 的脱敏记录没有对应的审计事件 / no audit event vouches for the redactions of destruction #${id}`;
  }
  return null;
}

function redactionsOf(sqlite: Sqlite): Map<number, RedactionRow> {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_redactions'").get();
  if (!exists) return new Map();
  return new Map((sqlite.prepare('SELECT * FROM audit_redactions').all() as RedactionRow[]).map((r) => [r.seq, r]));
}

/** Walks the whole chain in order; stops at the first event whose link or hash is wrong. */
export function verifyChain(sqlite: Sqlite): ChainReport {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  const redactions = redactionsOf(sqlite);
  const rows = sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    const bad = (reason: string): ChainReport => ({ ok: false, count, headHash: prev, headSeq: expectedSeq - 1, firstBad: { seq: row.seq, reason } });
    if (row.seq !== expectedSeq) return bad(`序号不连续：应为 ${expectedSeq}，实为 ${row.seq} / sequence gap`);
    if (row.prev_hash !== prev) return bad('prev_hash 与上一事件不符 / prev_hash does not match the previous event');
    if (eventHash(row) !== row.hash && !redactionHolds(row, redactions.get(row.seq))) return bad('内容与 hash 不符（记录被改动）/ content does not match its hash (edited)');
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  if (redactions.size) {
    const unbound = redactionsBound(sqlite, redactions);
    if (unbound) return { ok: false, count, headHash: prev, headSeq: expectedSeq - 1, firstBad: { seq: Math.min(...redactions.keys()), reason: unbound } };
  }
  return { ok: true, count, headHash: prev, headSeq: expectedSeq - 1 };
}

export function integrityCheck(sqlite: Sqlite): string[] {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
}
