// The sync engine (DOMAIN G5, G7, A1): delivers every open outbox row to the platform, at least
// once on the wire and exactly once in effect (the package hash is the platform's idempotency key).
// A row turns green (acknowledged) only on a receipt whose signature verifies against the pinned
// platform key. Back-off runs on the injected clock; the engine never sleeps itself (the runner does).
import { PlatformError, type PlatformAdapter } from '../../platform/adapter';
import { nowIso, type ServiceContext } from '../context';
import type { Issue } from '../errors';
import type { RandomSource } from '../runtime';
import { driftIssue, sealedContentDrift } from '../seal/drift';
import { lifecycleProblems } from '../seal/integrity';
import { fingerprintOf } from '../seal/keys';
import { packageById, verifyPackage } from '../seal/package';
import { readSyncConfig, writeSyncConfig } from './config';
import { heldPackages } from './held';
import { openRows, outboxRow, type OutboxRow } from './outbox';
import { detailOf, problem, storeProblem, syncAudit } from './problems';
import { setRow } from './rows';
import { ingestStatement, pollStatements } from './statements';

export { stateCounts } from './outbox';

/** What one round works with besides the context: the platform and the site's own key. */
export interface SyncRound {
  adapter: PlatformAdapter;
  /** the site's public key: a package signed by another key is refused */
  sitePublicKey: string;
  /** every open row now, ignoring back-off (the one-click "sync all") */
  force?: boolean;
  /** also ask the platform about acknowledged packages (default) */
  poll?: boolean;
  /** packages in flight at once */
  concurrency?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export type NetworkLight = 'unknown' | 'online' | 'offline' | 'key_mismatch';

export interface NetworkState {
  state: NetworkLight;
  at: string | null;
  /** why it is offline or mismatched: `sync.problem.<reason>` */
  problem: Issue | null;
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

type Outcome = 'acknowledged' | 'failed' | 'blocked' | 'rejected';

export const DEFAULT_BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** Exponential back-off with jitter from the injected randomness: base·2^(n-1) + [0, base). */
export function backoffMs(attempts: number, random: RandomSource, b = DEFAULT_BACKOFF): number {
  const exp = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
  const jitter = random.bytes(4).readUInt32BE(0) / 2 ** 32;
  return Math.min(b.maxMs, Math.round(exp + jitter * b.baseMs));
}

/** The platform answered with a key other than the one configured or pinned. */
export class PlatformKeyError extends Error {
  constructor(readonly configured: string, readonly platform: string) {
    super(`the platform key ${platform.slice(0, 16)}… does not match the configured fingerprint ${configured.slice(0, 16)}…`);
    this.name = 'PlatformKeyError';
  }
}

/**
 * The pinned platform key; pins it on first contact (or checks it against the configured
 * fingerprint). `contacted`: the platform answered just now (not only the stored pin read).
 */
async function pinnedKey(ctx: ServiceContext, adapter: PlatformAdapter): Promise<{ key: string; contacted: boolean }> {
  const cfg = readSyncConfig(ctx.sqlite);
  if (cfg.platformKey) return { key: cfg.platformKey, contacted: false };
  const info = await adapter.info();
  const fp = fingerprintOf(info.publicKey);
  if (cfg.expectedFingerprint && cfg.expectedFingerprint !== fp) throw new PlatformKeyError(cfg.expectedFingerprint, fp);
  ctx.sqlite.transaction(() => {
    writeSyncConfig(ctx, { platformKey: info.publicKey, pinnedAt: nowIso(ctx) });
    syncAudit(ctx, 'sync.pinPlatformKey', { platform: info.name, fingerprint: fp, how: cfg.expectedFingerprint ? 'configured' : 'first-contact' });
  }).immediate();
  return { key: info.publicKey, contacted: true };
}

/** Refuses to send a package whose stored bytes (or the data under them) no longer match what was sealed. */
function block(ctx: ServiceContext, out: OutboxRow, problems: Issue[]): void {
  ctx.sqlite.transaction(() => {
    setRow(ctx, out.id, { state: 'blocked', reasons: JSON.stringify(problems.map((p) => ({ ref: null, ...p }))), next_attempt_at: null });
    syncAudit(ctx, 'sync.refused', { packageHash: out.hash, problems });
  }).immediate();
}

function fail(ctx: ServiceContext, round: SyncRound, id: number, why: Issue): void {
  const attempts = (outboxRow(ctx.sqlite, id)?.attempts ?? 0) + 1;
  const next = new Date(ctx.clock.now().getTime() + backoffMs(attempts, ctx.random, round.backoff));
  setRow(ctx, id, { attempts, last_error: storeProblem(why), next_attempt_at: next.toISOString() });
}

/** Why this row's package may not be sent, or nothing: bytes, signature, key, and A1's re-derivation. */
function refusal(ctx: ServiceContext, round: SyncRound, out: OutboxRow): Issue[] {
  const pkg = packageById(ctx.sqlite, out.package_id);
  if (!pkg) return [{ reason: 'missing' }];
  // re-verify the stored bytes before every send: a raw edit (triggers dropped) is caught here
  const check = verifyPackage(pkg, { expectedPublicKey: round.sitePublicKey, deep: false });
  if (!check.ok) return check.problems;
  // A1: the bytes may be intact while the database under them was edited (triggers dropped): the
  // results are re-derived and compared with what was sealed, and the first difference named
  const drift = sealedContentDrift(ctx, pkg);
  if (drift) return [driftIssue(drift)];
  // S9/G7: a status changed without its command, or an amendment edited outside one
  const lifecycle = lifecycleProblems(ctx.sqlite, pkg.batch_id);
  if (lifecycle.length) return lifecycle.map((l) => l.issue);
  return pkg.hash === out.hash ? [] : [{ reason: 'outboxHashMismatch' }];
}

async function upload(ctx: ServiceContext, round: SyncRound, out: OutboxRow, platformKey: string): Promise<Outcome> {
  const pkg = packageById(ctx.sqlite, out.package_id)!;
  setRow(ctx, out.id, { state: out.state === 'waiting' ? 'uploading' : out.state, last_attempt_at: nowIso(ctx) });
  try {
    const receipt = await round.adapter.uploadPackage(
      { hash: pkg.hash, body: pkg.body, signature: pkg.signature, uploadUrl: out.upload_url },
      {
        onUploadUrl: (url) => setRow(ctx, out.id, { upload_url: url }),
        onProgress: (accepted) => setRow(ctx, out.id, { bytes_sent: accepted }),
        onDelivered: () => setRow(ctx, out.id, { state: 'delivered', bytes_sent: pkg.byte_size }),
      },
    );
    if (!ingestStatement(ctx, { platformKey, row: outboxRow(ctx.sqlite, out.id)!, statement: receipt })) {
      fail(ctx, round, out.id, problem('receiptUnverified'));
      return 'failed';
    }
    setRow(ctx, out.id, { attempts: (outboxRow(ctx.sqlite, out.id)?.attempts ?? 0) + 1 });
    return 'acknowledged';
  } catch (e) {
    if (e instanceof PlatformError && !e.retryable && e.statement && ingestStatement(ctx, { platformKey, row: outboxRow(ctx.sqlite, out.id)!, statement: e.statement })) {
      return 'rejected';
    }
    fail(ctx, round, out.id, problem('transfer', { detail: detailOf(e) }));
    return 'failed';
  }
}

async function attempt(ctx: ServiceContext, round: SyncRound, out: OutboxRow, platformKey: string): Promise<Outcome> {
  const refused = refusal(ctx, round, out);
  if (refused.length) {
    block(ctx, out, refused);
    return 'blocked';
  }
  return upload(ctx, round, out, platformKey);
}

const NETWORK_FAILURE = /timeout|ECONNREFUSED|ECONNRESET|socket|fetch failed|network|other side closed/i;

/** Sends the due rows, `concurrency` at a time; counts what happened and whether the platform answered. */
async function sendAll(ctx: ServiceContext, round: SyncRound, due: OutboxRow[], key: string, result: SyncRoundResult): Promise<{ contact: boolean; networkErrors: number }> {
  let contact = false;
  let networkErrors = 0;
  const queue = [...due];
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      result.attempted += 1;
      const current = outboxRow(ctx.sqlite, r.id);
      if (!current) continue;
      const outcome = await attempt(ctx, round, current, key);
      result[outcome] += 1;
      const lastError = outboxRow(ctx.sqlite, r.id)?.last_error ?? '';
      if (outcome === 'failed' && NETWORK_FAILURE.test(lastError)) networkErrors += 1;
      else contact = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, round.concurrency ?? 2) }, worker));
  return { contact, networkErrors };
}

function emptyResult(now: string, held: number): SyncRoundResult {
  return { attempted: 0, acknowledged: 0, failed: 0, blocked: 0, rejected: 0, held, open: 0, nextDueAt: null, network: { state: 'unknown', at: now, problem: null } };
}

/** The pinned key, or (platform unreachable or another key) the due rows failed and the light set. */
async function contactPlatform(ctx: ServiceContext, round: SyncRound, due: OutboxRow[], result: SyncRoundResult): Promise<{ key: string; contacted: boolean } | null> {
  const now = nowIso(ctx);
  try {
    return await pinnedKey(ctx, round.adapter);
  } catch (e) {
    const why =
      e instanceof PlatformKeyError
        ? problem('keyMismatch', { configured: e.configured.slice(0, 16), platform: e.platform.slice(0, 16) })
        : problem('unreachable', { detail: detailOf(e) });
    result.network = { state: e instanceof PlatformKeyError ? 'key_mismatch' : 'offline', at: now, problem: why };
    for (const r of due) fail(ctx, round, r.id, why);
    result.failed = due.length;
    return null;
  }
}

/**
 * One round: every open row that is due (all of them when `force`, as the one-click "sync all"
 * does), then a status poll of acknowledged packages. Failures back off on the injected clock.
 */
export async function syncOnce(ctx: ServiceContext, round: SyncRound): Promise<SyncRoundResult> {
  const now = nowIso(ctx);
  const candidates = openRows(ctx.sqlite).filter((r) => round.force || !r.next_attempt_at || r.next_attempt_at <= now);
  const held = heldPackages(ctx, candidates);
  const due = candidates.filter((r) => !held.has(r.id));
  const result = emptyResult(now, held.size);
  const wantsPoll = round.poll ?? true;
  const hasAcknowledged = !!ctx.sqlite.prepare<[], { one: number }>("SELECT 1 AS one FROM outbox WHERE state = 'acknowledged' LIMIT 1").get();
  const pin = due.length || (wantsPoll && hasAcknowledged) ? await contactPlatform(ctx, round, due, result) : null;
  if (pin) {
    const sent = await sendAll(ctx, round, due, pin.key, result);
    let contact = pin.contacted || sent.contact;
    let networkErrors = sent.networkErrors;
    if (wantsPoll) {
      try {
        await pollStatements(ctx, { adapter: round.adapter, platformKey: pin.key });
        contact = true;
      } catch {
        networkErrors += 1;
      }
    }
    result.network = contact || networkErrors === 0 ? { state: 'online', at: now, problem: null } : { state: 'offline', at: now, problem: problem('connectionLost') };
  }
  // held rows wait for the publication (days, not seconds): the runner rests rather than retrying them
  const open = openRows(ctx.sqlite).filter((r) => !held.has(r.id));
  result.open = open.length;
  result.nextDueAt = open.map((r) => r.next_attempt_at).filter((t): t is string => !!t).sort()[0] ?? null;
  return result;
}
