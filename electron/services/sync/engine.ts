// The sync engine (issue 8): delivers every open outbox row to the platform, at least once on the
// wire and exactly once in effect (the package hash is the platform's idempotency key). A row turns
// green (acknowledged) only on a receipt whose signature verifies against the pinned platform key.
// Back-off runs on the injected clock; the engine never sleeps itself (the runner does).
import type { Sqlite } from '../../../db';
import { PlatformError, type PlatformAdapter, type SignedStatement } from '../../platform/adapter';
import { appendAudit } from '../audit';
import { canonicalJson, sha256Hex } from '../canonical';
import { uploadGate, type UploadGate } from '../results/publication';
import { siteToday, type Clock, type RandomSource } from '../runtime';
import { fingerprintOf, siteKey, verifyBytes } from '../seal/keys';
import { RESULTS_FORMAT, sealedContentDrift } from '../seal/ceremony';
import { packageById, verifyPackage } from '../seal/package';
import { readSyncConfig, writeSyncConfig } from './config';
import { OPEN_STATES, type OutboxRow, type OutboxState } from './outbox';

export interface SyncDeps {
  sqlite: Sqlite;
  clock: Clock;
  random: RandomSource;
  dataDir: string;
  adapter: PlatformAdapter;
  /** packages in flight at once */
  concurrency?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export interface NetworkState {
  state: 'unknown' | 'online' | 'offline' | 'key_mismatch';
  at: string | null;
  error: string | null;
}

export interface SyncRoundResult {
  attempted: number;
  acknowledged: number;
  failed: number;
  blocked: number;
  rejected: number;
  /** results packages held back until their publication has ended with no objection open (G5) */
  held: number;
  /** rows still open (waiting, uploading, delivered) */
  open: number;
  /** the earliest next attempt among open rows */
  nextDueAt: string | null;
  network: NetworkState;
}

export const DEFAULT_BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** Exponential back-off with jitter from the injected randomness: base·2^(n-1) + [0, base). */
export function backoffMs(attempts: number, random: RandomSource, b = DEFAULT_BACKOFF): number {
  const exp = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
  const jitter = random.bytes(4).readUInt32BE(0) / 2 ** 32;
  return Math.min(b.maxMs, Math.round(exp + jitter * b.baseMs));
}

interface StatementBody {
  protocol?: string;
  kind?: string;
  packageHash?: string;
  recordNo?: string | null;
  at?: string;
  reasons?: { ref: string | null; message: string }[];
  certificates?: { candidateRef: string; certificateNo: string }[];
}

function audit(sqlite: Sqlite, clock: Clock, command: string, detail: Record<string, unknown>): void {
  appendAudit(sqlite, {
    at: clock.now().toISOString(),
    actorId: null,
    actorName: null,
    role: null,
    device: 'sync',
    command,
    outcome: 'ok',
    payloadDigest: sha256Hex(canonicalJson(detail)),
    detail,
  });
}

/** Pins the platform key on first contact (or checks it against the configured fingerprint). */
async function pinnedKey(deps: SyncDeps): Promise<string> {
  const cfg = readSyncConfig(deps.sqlite);
  if (cfg.platformKey) return cfg.platformKey;
  const info = await deps.adapter.info();
  const fp = fingerprintOf(info.publicKey);
  if (cfg.expectedFingerprint && cfg.expectedFingerprint !== fp) {
    throw new PlatformKeyError(`平台公钥指纹与配置不符：配置 ${cfg.expectedFingerprint.slice(0, 16)}…，平台 ${fp.slice(0, 16)}… / the platform key does not match the configured fingerprint`);
  }
  deps.sqlite.transaction(() => {
    writeSyncConfig(deps.sqlite, deps.clock, { platformKey: info.publicKey, pinnedAt: deps.clock.now().toISOString() });
    audit(deps.sqlite, deps.clock, 'sync.pinPlatformKey', { platform: info.name, fingerprint: fp, how: cfg.expectedFingerprint ? 'configured' : 'first-contact' });
  })();
  return info.publicKey;
}

export class PlatformKeyError extends Error {}

function parseStatement(s: SignedStatement, platformKey: string): StatementBody | null {
  if (typeof s?.statement !== 'string' || typeof s?.signature !== 'string') return null;
  if (!verifyBytes(platformKey, s.statement, s.signature)) return null;
  try {
    return JSON.parse(s.statement) as StatementBody;
  } catch {
    return null;
  }
}

function row(sqlite: Sqlite, id: number): OutboxRow {
  return sqlite.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as OutboxRow;
}

function setRow(sqlite: Sqlite, clock: Clock, id: number, patch: Partial<Omit<OutboxRow, 'id'>>): void {
  const cols = Object.keys(patch);
  if (!cols.length) return;
  sqlite
    .prepare(`UPDATE outbox SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`)
    .run({ ...patch, id, updated_at: clock.now().toISOString() });
}

/**
 * Stores a verified statement once (a duplicate reply changes nothing) and moves the row:
 * receipt → acknowledged, rejection → rejected with reasons, certification → certified.
 * Returns false when the statement does not verify or is not about this package.
 */
export function ingestStatement(deps: Pick<SyncDeps, 'sqlite' | 'clock'>, platformKey: string, out: OutboxRow, s: SignedStatement): boolean {
  const body = parseStatement(s, platformKey);
  if (!body || body.packageHash !== out.hash) return false;
  const kind = body.kind;
  if (kind !== 'receipt' && kind !== 'rejection' && kind !== 'certification') return false;
  const { sqlite, clock } = deps;
  const statementHash = sha256Hex(s.statement);
  sqlite.transaction(() => {
    const info = sqlite
      .prepare(
        `INSERT INTO sync_statements (package_hash, kind, statement, statement_hash, signature, platform_key, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_hash) DO NOTHING`,
      )
      .run(out.hash, kind, s.statement, statementHash, s.signature, fingerprintOf(platformKey), clock.now().toISOString());
    const current = row(sqlite, out.id);
    // delivered twice: already taken into account (unless a receipt we stored never moved the row)
    if (info.changes === 0 && !(kind === 'receipt' && OPEN_STATES.includes(current.state))) return;
    const statementId = Number(info.lastInsertRowid);
    if (kind === 'receipt') {
      // a late receipt never undoes a rejection or certification already recorded
      if (current.state === 'rejected' || current.state === 'certified' || current.state === 'acknowledged') return;
      setRow(sqlite, clock, out.id, {
        state: 'acknowledged',
        record_id: body.recordNo ?? null,
        acknowledged_at: clock.now().toISOString(),
        bytes_sent: current.bytes_total,
        last_error: null,
        next_attempt_at: null,
      });
      audit(sqlite, clock, 'sync.acknowledged', { packageHash: out.hash, recordNo: body.recordNo ?? null, statementHash });
    } else if (kind === 'rejection') {
      setRow(sqlite, clock, out.id, { state: 'rejected', reasons: JSON.stringify(body.reasons ?? []), next_attempt_at: null, record_id: current.record_id ?? body.recordNo ?? null });
      audit(sqlite, clock, 'sync.rejected', { packageHash: out.hash, recordNo: body.recordNo ?? null, reasons: body.reasons ?? [] });
    } else {
      const ins = sqlite.prepare(
        'INSERT INTO sync_certificates (package_hash, candidate_ref, certificate_no, statement_id) VALUES (?, ?, ?, ?) ON CONFLICT (package_hash, candidate_ref) DO NOTHING',
      );
      for (const cert of body.certificates ?? []) ins.run(out.hash, cert.candidateRef, cert.certificateNo, statementId);
      setRow(sqlite, clock, out.id, { state: 'certified', next_attempt_at: null });
      audit(sqlite, clock, 'sync.certified', { packageHash: out.hash, recordNo: body.recordNo ?? null, certificates: (body.certificates ?? []).length });
    }
  })();
  return true;
}

/** Refuses to send a package whose stored bytes no longer match its hash and signature. */
function block(deps: SyncDeps, out: OutboxRow, reasons: string[]): void {
  deps.sqlite.transaction(() => {
    setRow(deps.sqlite, deps.clock, out.id, { state: 'blocked', reasons: JSON.stringify(reasons.map((message) => ({ ref: null, message }))), next_attempt_at: null });
    audit(deps.sqlite, deps.clock, 'sync.refused', { packageHash: out.hash, reasons });
  })();
}

function fail(deps: SyncDeps, id: number, message: string): void {
  const r = row(deps.sqlite, id);
  const attempts = r.attempts + 1;
  const next = new Date(deps.clock.now().getTime() + backoffMs(attempts, deps.random, deps.backoff));
  setRow(deps.sqlite, deps.clock, id, { attempts, last_error: message.slice(0, 500), next_attempt_at: next.toISOString() });
}

async function attempt(deps: SyncDeps, out: OutboxRow, platformKey: string): Promise<'acknowledged' | 'failed' | 'blocked' | 'rejected'> {
  const { sqlite, clock } = deps;
  const pkg = packageById(sqlite, out.package_id);
  // re-verify the stored bytes before every send: a raw edit (triggers dropped) is caught here
  const check = pkg
    ? verifyPackage(pkg, { expectedPublicKey: siteKey(deps.dataDir, deps.random).publicKey, deep: false })
    : { ok: false, reasons: ['封存包不存在 / the sealed package is missing'] };
  // A1: the bytes may be intact while the database under them was edited (triggers dropped): the
  // results are re-derived and compared with what was sealed, and the first difference named
  const drift = pkg && check.ok ? sealedContentDrift(sqlite, pkg) : null;
  if (drift) check.reasons.push(drift.message);
  if (!pkg || check.reasons.length || pkg.hash !== out.hash) {
    block(deps, out, !check.reasons.length ? ['出站记录与封存包哈希不符 / outbox hash differs from the package'] : check.reasons);
    return 'blocked';
  }
  setRow(sqlite, clock, out.id, { state: out.state === 'waiting' ? 'uploading' : out.state, last_attempt_at: clock.now().toISOString() });
  try {
    const receipt = await deps.adapter.uploadPackage(
      { hash: pkg.hash, body: pkg.body, signature: pkg.signature, uploadUrl: out.upload_url },
      {
        onUploadUrl: (url) => setRow(sqlite, clock, out.id, { upload_url: url }),
        onProgress: (accepted) => setRow(sqlite, clock, out.id, { bytes_sent: accepted }),
        onDelivered: () => setRow(sqlite, clock, out.id, { state: 'delivered', bytes_sent: pkg.byte_size }),
      },
    );
    if (!ingestStatement(deps, platformKey, row(sqlite, out.id), receipt)) {
      fail(deps, out.id, '回执签名无法验证或不属于此包 / the receipt does not verify against the pinned platform key');
      return 'failed';
    }
    const attempts = row(sqlite, out.id).attempts + 1;
    setRow(sqlite, clock, out.id, { attempts });
    return 'acknowledged';
  } catch (e) {
    if (e instanceof PlatformError && !e.retryable && e.statement && ingestStatement(deps, platformKey, row(sqlite, out.id), e.statement)) {
      return 'rejected';
    }
    fail(deps, out.id, e instanceof Error ? e.message : String(e));
    return 'failed';
  }
}

/**
 * G5: a results package (the seal ceremony's) goes out only once its batch's publication has run its
 * five working days with no objection open and every changed result published again. Other packages
 * are not held. One gate per batch and round; the reasons are what the sync page shows.
 */
// a sealed package's batch and content format never change (append-only): read each once, not on every
// status poll (json_extract walks the whole body, megabytes for a large batch)
const packageFormat = new Map<string, { batchId: number; format: string | null }>();

export function heldPackages(sqlite: Sqlite, clock: Clock, rows: readonly Pick<OutboxRow, 'id' | 'package_id' | 'state'>[]): Map<number, UploadGate & { batchId: number }> {
  const today = siteToday(clock);
  const gates = new Map<number, UploadGate>();
  const held = new Map<number, UploadGate & { batchId: number }>();
  const info = sqlite.prepare("SELECT batch_id AS batchId, json_extract(body, '$.content.format') AS format FROM sealed_packages WHERE id = ?");
  for (const r of rows) {
    if (!OPEN_STATES.includes(r.state)) continue; // sent, rejected or refused: nothing to hold
    const key = `${sqlite.name}|${r.package_id}`;
    let p = packageFormat.get(key);
    if (!p) {
      p = info.get(r.package_id) as { batchId: number; format: string | null } | undefined;
      if (p) {
        if (packageFormat.size > 4096) packageFormat.clear();
        packageFormat.set(key, p);
      }
    }
    if (!p || p.format !== RESULTS_FORMAT) continue;
    let gate = gates.get(p.batchId);
    if (!gate) {
      gate = uploadGate(sqlite, p.batchId, today);
      gates.set(p.batchId, gate);
    }
    if (!gate.clear) held.set(r.id, { ...gate, batchId: p.batchId });
  }
  return held;
}

function openRows(sqlite: Sqlite): OutboxRow[] {
  return sqlite.prepare(`SELECT * FROM outbox WHERE state IN (${OPEN_STATES.map(() => '?').join(',')}) ORDER BY id`).all(...OPEN_STATES) as OutboxRow[];
}

/** Asks the platform about acknowledged packages: rejections and certificate numbers come this way. */
export async function pollStatements(deps: SyncDeps, platformKey: string): Promise<void> {
  const waiting = deps.sqlite.prepare("SELECT * FROM outbox WHERE state = 'acknowledged' ORDER BY id").all() as OutboxRow[];
  if (!waiting.length) return;
  const byHash = new Map(waiting.map((r) => [r.hash, r]));
  for (let i = 0; i < waiting.length; i += 500) {
    const items = await deps.adapter.pollStatus(waiting.slice(i, i + 500).map((r) => r.hash));
    for (const item of items) {
      const out = byHash.get(item.hash);
      if (!out) continue;
      for (const s of item.statements ?? []) ingestStatement(deps, platformKey, row(deps.sqlite, out.id), s);
    }
  }
}

/**
 * One round: every open row that is due (all of them when `force`, as the one-click "sync all"
 * does), then a status poll of acknowledged packages. Failures back off on the injected clock.
 */
export async function syncOnce(deps: SyncDeps, opts: { force?: boolean; poll?: boolean } = {}): Promise<SyncRoundResult> {
  const { sqlite, clock } = deps;
  const now = clock.now().toISOString();
  const candidates = openRows(sqlite).filter((r) => opts.force || !r.next_attempt_at || r.next_attempt_at <= now);
  const held = heldPackages(sqlite, clock, candidates);
  const due = candidates.filter((r) => !held.has(r.id));
  const result: SyncRoundResult = {
    attempted: 0,
    acknowledged: 0,
    failed: 0,
    blocked: 0,
    rejected: 0,
    held: held.size,
    open: 0,
    nextDueAt: null,
    network: { state: 'unknown', at: now, error: null },
  };
  let networkErrors = 0;
  let contact = false;
  let key: string | null = null;
  const wantsPoll = opts.poll ?? true;
  const hasAcknowledged = !!sqlite.prepare("SELECT 1 FROM outbox WHERE state = 'acknowledged' LIMIT 1").get();
  if (due.length || (wantsPoll && hasAcknowledged)) {
    try {
      key = await pinnedKey(deps);
      contact = true;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      result.network = { state: e instanceof PlatformKeyError ? 'key_mismatch' : 'offline', at: now, error: msg };
      for (const r of due) fail(deps, r.id, `平台无法连接 / platform unreachable: ${msg}`);
      result.failed = due.length;
    }
  }
  if (key) {
    const queue = [...due];
    const worker = async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        result.attempted += 1;
        const outcome = await attempt(deps, row(sqlite, r.id), key!);
        result[outcome] += 1;
        if (outcome === 'failed') {
          const err = row(sqlite, r.id).last_error ?? '';
          if (/timeout|ECONNREFUSED|ECONNRESET|socket|fetch failed|network|other side closed/i.test(err)) networkErrors += 1;
          else contact = true;
        } else contact = true;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, deps.concurrency ?? 2) }, worker));
    if (wantsPoll) {
      try {
        await pollStatements(deps, key);
        contact = true;
      } catch {
        networkErrors += 1;
      }
    }
    result.network = contact || networkErrors === 0 ? { state: 'online', at: now, error: null } : { state: 'offline', at: now, error: '平台连接中断 / connection lost' };
  }
  // held rows wait for the publication (days, not seconds): the runner rests rather than retrying them
  const open = openRows(sqlite).filter((r) => !held.has(r.id));
  result.open = open.length;
  result.nextDueAt = open.map((r) => r.next_attempt_at).filter((t): t is string => !!t).sort()[0] ?? null;
  return result;
}

/** Counts by state, for the screen and for tests. */
export function stateCounts(sqlite: Sqlite): Record<OutboxState, number> {
  const counts: Record<OutboxState, number> = { waiting: 0, uploading: 0, delivered: 0, acknowledged: 0, certified: 0, rejected: 0, blocked: 0 };
  for (const r of sqlite.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) counts[r.state] = r.n;
  return counts;
}
