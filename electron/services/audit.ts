import type { ReadSqlite, Sqlite } from '../../db';
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
  const last = sqlite.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
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
  /** the first event that does not verify, and why (worded by the catalogue under `audit.bad.`) */
  firstBad?: { seq: number; reason: ChainFault; expectedSeq: number };
}

/** why an event does not verify: a gap in the numbers, a broken link, or content edited after its hash */
export type ChainFault = 'seqGap' | 'prevHash' | 'edited';

/** Walks the whole chain in order; stops at the first event whose link or hash is wrong. */
export function verifyChain(sqlite: ReadSqlite): ChainReport {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of sqlite.prepare<[], AuditRow>('SELECT * FROM audit_events ORDER BY seq').iterate()) {
    const bad = (reason: ChainFault): ChainReport => ({ ok: false, count, headHash: prev, headSeq: expectedSeq - 1, firstBad: { seq: row.seq, reason, expectedSeq } });
    if (row.seq !== expectedSeq) return bad('seqGap');
    if (row.prev_hash !== prev) return bad('prevHash');
    if (eventHash(row) !== row.hash) return bad('edited');
    prev = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, count, headHash: prev, headSeq: expectedSeq - 1 };
}

export function integrityCheck(sqlite: ReadSqlite): string[] {
  const rows: unknown = sqlite.pragma('integrity_check');
  if (!Array.isArray(rows)) return [];
  return rows.map((r: { integrity_check?: unknown }) => String(r.integrity_check)).filter((m) => m !== 'ok');
}

/** The chain's head, for the header's indicator. */
export function auditHead(sqlite: ReadSqlite): { count: number; headHash: string | null; lastAt: string | null } {
  const head = sqlite.prepare<[], { seq: number; hash: string; at: string }>('SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1').get();
  return { count: head?.seq ?? 0, headHash: head?.hash ?? null, lastAt: head?.at ?? null };
}

export interface AuditListRow {
  seq: number;
  at: string;
  actorName: string | null;
  role: string | null;
  device: string;
  command: string;
  outcome: string;
  detail: string;
  hash: string;
}

/** A page of the trail, newest first, before a sequence number. */
export function auditPage(sqlite: ReadSqlite, input: { beforeSeq?: number | undefined; limit: number }): AuditListRow[] {
  return sqlite
    .prepare<[number, number], AuditListRow>(
      `SELECT seq, at, actor_name AS actorName, role, device, command, outcome, detail, hash
       FROM audit_events WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
    )
    .all(input.beforeSeq ?? Number.MAX_SAFE_INTEGER, input.limit);
}
