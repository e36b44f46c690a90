// Sealed packages (issue 8): any JSON-serialisable content in a signed envelope. The canonical JSON
// bytes are stored exactly as signed; the SHA-256 of those bytes names the package everywhere
// (the outbox, the platform's idempotency key, receipts).
import type { Sqlite } from '../../../db';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import type { Clock } from '../runtime';
import { fingerprintOf, signBytes, verifyBytes, type SiteKey } from './keys';

export const PACKAGE_FORMAT = 'esc-package/1';

export type PackageKind = 'seal' | 'amendment';

/** What the signature covers. `content` is the results/seal work's (plan identity, results, …). */
export interface PackageEnvelope {
  format: typeof PACKAGE_FORMAT;
  kind: PackageKind;
  batch: { id: number; planCode: string; name: string; examDate: string };
  version: number;
  previousHash: string | null;
  reason: string | null;
  createdAt: string;
  site: { name: string | null; publicKey: string; fingerprint: string };
  content: unknown;
}

export interface SealedPackageRow {
  id: number;
  batch_id: number;
  version: number;
  kind: PackageKind;
  previous_hash: string | null;
  reason: string | null;
  hash: string;
  signature: string;
  public_key: string;
  created_at: string;
  body: string;
  byte_size: number;
}

export interface BuildInput {
  batchId: number;
  kind: PackageKind;
  /** required for an amendment: why the sealed version is corrected (objection upheld, platform rejection) */
  reason?: string | null;
  content: unknown;
}

/**
 * Builds, signs and stores a package. Call inside the command's transaction (with
 * `enqueuePackage`), so the package, its outbox row and the audit event commit together.
 * A seal is version 1; an amendment is the next version and names the hash it amends.
 */
export function buildPackage(sqlite: Sqlite, key: SiteKey, clock: Clock, input: BuildInput): SealedPackageRow {
  const batch = sqlite.prepare('SELECT id, plan_code AS planCode, name, exam_date AS examDate FROM batches WHERE id = ?').get(input.batchId) as
    | { id: number; planCode: string; name: string; examDate: string }
    | undefined;
  if (!batch) throw new AppError('NOT_FOUND', `找不到批次 #${input.batchId}。`, `buildPackage: no batch ${input.batchId}.`);
  const last = sqlite.prepare('SELECT version, hash FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1').get(batch.id) as
    | { version: number; hash: string }
    | undefined;
  if (input.kind === 'seal' && last) {
    throw new AppError('CONFLICT', `批次“${batch.name}”已封存（第 ${last.version} 版），更正请使用修订。`, 'buildPackage: batch already sealed; amend instead.');
  }
  if (input.kind === 'amendment' && !last) {
    throw new AppError('CONFLICT', `批次“${batch.name}”尚未封存，不能修订。`, 'buildPackage: nothing sealed to amend.');
  }
  const reason = input.reason?.trim() || null;
  if (input.kind === 'amendment' && !reason) {
    throw new AppError('BAD_INPUT', '修订必须写明原因。', 'buildPackage: an amendment needs a reason.');
  }
  const site = sqlite.prepare('SELECT name FROM site WHERE id = 1').get() as { name: string } | undefined;
  const createdAt = clock.now().toISOString();
  const envelope: PackageEnvelope = {
    format: PACKAGE_FORMAT,
    kind: input.kind,
    batch,
    version: (last?.version ?? 0) + 1,
    previousHash: input.kind === 'amendment' ? last!.hash : null,
    reason,
    createdAt,
    site: { name: site?.name ?? null, publicKey: key.publicKey, fingerprint: key.fingerprint },
    content: input.content,
  };
  const body = canonicalJson(envelope);
  const row = {
    batch_id: batch.id,
    version: envelope.version,
    kind: input.kind,
    previous_hash: envelope.previousHash,
    reason,
    hash: sha256Hex(body),
    signature: signBytes(key.privateKey, body),
    public_key: key.publicKey,
    created_at: createdAt,
    body,
    byte_size: Buffer.byteLength(body, 'utf8'),
  };
  const info = sqlite
    .prepare(
      `INSERT INTO sealed_packages (batch_id, version, kind, previous_hash, reason, hash, signature, public_key, created_at, body, byte_size)
       VALUES (@batch_id, @version, @kind, @previous_hash, @reason, @hash, @signature, @public_key, @created_at, @body, @byte_size)`,
    )
    .run(row);
  return { id: Number(info.lastInsertRowid), ...row };
}

export interface PackageCheck {
  ok: boolean;
  reasons: string[];
}

/**
 * Re-checks a stored package from its bytes: the hash, the signature, and that the envelope says
 * what the row says. A raw edit of the body (or of a column) fails here. `deep: false` skips the
 * canonical re-serialisation (the signature already pins the bytes): the check before each send.
 */
export function verifyPackage(row: SealedPackageRow, opts: { expectedPublicKey?: string; /** also re-serialise to check the bytes are canonical (default) */ deep?: boolean } = {}): PackageCheck {
  const reasons: string[] = [];
  if (sha256Hex(row.body) !== row.hash) reasons.push('内容与哈希不符（包被改动）/ body does not match its hash');
  if (!verifyBytes(row.public_key, row.body, row.signature)) reasons.push('签名无效 / signature does not verify');
  let env: PackageEnvelope | null = null;
  try {
    env = JSON.parse(row.body) as PackageEnvelope;
  } catch {
    reasons.push('内容不是有效的 JSON / body is not JSON');
  }
  if (env) {
    if (opts.deep !== false && canonicalJson(env) !== row.body) reasons.push('内容不是规范 JSON / body is not canonical JSON');
    if (env.format !== PACKAGE_FORMAT) reasons.push(`未知格式 ${String(env.format)} / unknown format`);
    if (env.site?.publicKey !== row.public_key) reasons.push('包内公钥与记录不符 / public key differs from the envelope');
    if (env.site?.fingerprint !== fingerprintOf(row.public_key)) reasons.push('公钥指纹不符 / fingerprint does not match the key');
    if (env.batch?.id !== row.batch_id || env.version !== row.version || env.kind !== row.kind || (env.previousHash ?? null) !== row.previous_hash) {
      reasons.push('记录的批次/版本/类型与包内不符 / row columns differ from the envelope');
    }
  }
  if (opts.expectedPublicKey && row.public_key !== opts.expectedPublicKey) reasons.push('不是本考点密钥签名的包 / not signed by this site key');
  return { ok: reasons.length === 0, reasons };
}

export function packageById(sqlite: Sqlite, id: number): SealedPackageRow | undefined {
  return sqlite.prepare('SELECT * FROM sealed_packages WHERE id = ?').get(id) as SealedPackageRow | undefined;
}

export function packageByHash(sqlite: Sqlite, hash: string): SealedPackageRow | undefined {
  return sqlite.prepare('SELECT * FROM sealed_packages WHERE hash = ?').get(hash) as SealedPackageRow | undefined;
}

export interface SealsReport {
  ok: boolean;
  count: number;
  bad: { id: number; batchId: number; version: number; hash: string; reasons: string[] }[];
}

/** Every seal and amendment: bytes, signature, and the amendment chain (each names its predecessor). */
export function verifySeals(sqlite: Sqlite): SealsReport {
  const bad: SealsReport['bad'] = [];
  let count = 0;
  const prevByBatch = new Map<number, string>();
  for (const row of sqlite.prepare('SELECT * FROM sealed_packages ORDER BY batch_id, version').iterate() as IterableIterator<SealedPackageRow>) {
    count += 1;
    const check = verifyPackage(row);
    const expectedPrev = prevByBatch.get(row.batch_id) ?? null;
    if (row.previous_hash !== expectedPrev) check.reasons.push('修订链断裂：上一版本哈希不符 / amendment chain broken');
    if (row.version > 1 && row.kind !== 'amendment') check.reasons.push('第 2 版起必须是修订 / later versions must be amendments');
    prevByBatch.set(row.batch_id, row.hash);
    if (check.reasons.length) bad.push({ id: row.id, batchId: row.batch_id, version: row.version, hash: row.hash, reasons: check.reasons });
  }
  return { ok: bad.length === 0, count, bad };
}
