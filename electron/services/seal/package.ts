// Sealed packages (DOMAIN S9, G7, A1): any JSON-serialisable content in a signed envelope. The
// canonical JSON bytes are stored exactly as signed; the SHA-256 of those bytes names the package
// everywhere (the outbox, the platform's idempotency key, receipts).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schema, type ReadSqlite } from '../../../db';
import type { PackageKind } from '../../../db/schema/seal';
import { canonicalJson, sha256Hex } from '../canonical';
import { nowIso, type ServiceContext } from '../context';
import { AppError, type Issue } from '../errors';
import { fingerprintOf, signBytes, verifyBytes, type SiteKey } from './keys';

export type { PackageKind };

export const PACKAGE_FORMAT = 'esc-package/1';

/** What the signature covers. `content` is the seal ceremony's (plan identity, results, …). */
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

/** A sealed_packages row as stored (`SELECT *`): the column names the platform tools also read. */
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
  /** the site's signing key (siteKey(dataDir, random)) */
  key: SiteKey;
}

/** The batch's latest sealed version (seal or amendment), whole. */
export function latestPackage(sqlite: ReadSqlite, batchId: number): SealedPackageRow | undefined {
  return sqlite.prepare<[number], SealedPackageRow>('SELECT * FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1').get(batchId);
}

export function packageById(sqlite: ReadSqlite, id: number): SealedPackageRow | undefined {
  return sqlite.prepare<[number], SealedPackageRow>('SELECT * FROM sealed_packages WHERE id = ?').get(id);
}

export function packageByHash(sqlite: ReadSqlite, hash: string): SealedPackageRow | undefined {
  return sqlite.prepare<[string], SealedPackageRow>('SELECT * FROM sealed_packages WHERE hash = ?').get(hash);
}

/** The version this package will be, and the hash it amends; refuses a second seal or an amendment of nothing. */
function nextVersion(ctx: ServiceContext, batch: { id: number; name: string }, kind: PackageKind): { version: number; previousHash: string | null } {
  const last = ctx.sqlite
    .prepare<[number], { version: number; hash: string }>('SELECT version, hash FROM sealed_packages WHERE batch_id = ? ORDER BY version DESC LIMIT 1')
    .get(batch.id);
  if (kind === 'seal' && last) throw new AppError('CONFLICT', 'seal.alreadySealed', { batch: batch.name, version: last.version });
  if (kind === 'amendment' && !last) throw new AppError('CONFLICT', 'seal.nothingToAmend', { batch: batch.name });
  return { version: (last?.version ?? 0) + 1, previousHash: kind === 'amendment' && last ? last.hash : null };
}

/**
 * Builds, signs and stores a package. Call inside the command's transaction, so the package, its
 * outbox row and the audit event commit together. A seal is version 1; an amendment is the next
 * version and names the hash it amends.
 */
export function buildPackage(ctx: ServiceContext, input: BuildInput): SealedPackageRow {
  const batch = ctx.db
    .select({ id: schema.batches.id, planCode: schema.batches.planCode, name: schema.batches.name, examDate: schema.batches.examDate })
    .from(schema.batches)
    .where(eq(schema.batches.id, input.batchId))
    .get();
  if (!batch) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId: input.batchId });
  const { version, previousHash } = nextVersion(ctx, batch, input.kind);
  const reason = input.reason?.trim() || null;
  if (input.kind === 'amendment' && !reason) throw new AppError('BAD_INPUT', 'seal.amendReasonRequired');
  const site = ctx.db.select({ name: schema.site.name }).from(schema.site).where(eq(schema.site.id, 1)).get();
  const createdAt = nowIso(ctx);
  const { key } = input;
  const envelope: PackageEnvelope = {
    format: PACKAGE_FORMAT,
    kind: input.kind,
    batch,
    version,
    previousHash,
    reason,
    createdAt,
    site: { name: site?.name ?? null, publicKey: key.publicKey, fingerprint: key.fingerprint },
    content: input.content,
  };
  const body = canonicalJson(envelope);
  const row: Omit<SealedPackageRow, 'id'> = {
    batch_id: batch.id,
    version,
    kind: input.kind,
    previous_hash: previousHash,
    reason,
    hash: sha256Hex(body),
    signature: signBytes(key.privateKey, body),
    public_key: key.publicKey,
    created_at: createdAt,
    body,
    byte_size: Buffer.byteLength(body, 'utf8'),
  };
  const info = ctx.sqlite
    .prepare(
      `INSERT INTO sealed_packages (batch_id, version, kind, previous_hash, reason, hash, signature, public_key, created_at, body, byte_size)
       VALUES (@batch_id, @version, @kind, @previous_hash, @reason, @hash, @signature, @public_key, @created_at, @body, @byte_size)`,
    )
    .run(row);
  return { id: Number(info.lastInsertRowid), ...row };
}

/**
 * What can be wrong with a stored package, as codes the catalogue words (`seal.problem.<reason>`)
 * and the verify script prints in both languages.
 */
export type PackageProblem =
  | 'hashMismatch'
  | 'badSignature'
  | 'notJson'
  | 'notCanonical'
  | 'unknownFormat'
  | 'keyMismatch'
  | 'fingerprintMismatch'
  | 'rowMismatch'
  | 'notSiteKey'
  | 'chainBroken'
  | 'notAmendment'
  | 'missing'
  | 'outboxHashMismatch'
  | 'contentDrift';

export interface PackageCheck {
  ok: boolean;
  problems: Issue[];
}

/** The envelope as read back: every field checked, none trusted (a raw edit may have changed any). */
const StoredEnvelope = z.looseObject({
  format: z.unknown(),
  kind: z.unknown(),
  version: z.unknown(),
  previousHash: z.unknown(),
  batch: z.looseObject({ id: z.unknown() }).nullish().catch(null),
  site: z.looseObject({ publicKey: z.unknown(), fingerprint: z.unknown() }).nullish().catch(null),
  content: z.unknown(),
});
export type StoredEnvelope = z.infer<typeof StoredEnvelope>;

/** The stored body parsed, or null when it is not a JSON object. */
export function readEnvelope(body: string): StoredEnvelope | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const r = StoredEnvelope.safeParse(parsed);
  return r.success ? r.data : null;
}

function isCanonical(body: string): boolean {
  const raw: unknown = JSON.parse(body);
  return canonicalJson(raw) === body;
}

function envelopeProblems(row: SealedPackageRow, env: StoredEnvelope, deep: boolean): PackageProblem[] {
  const out: PackageProblem[] = [];
  if (deep && !isCanonical(row.body)) out.push('notCanonical');
  if (env.format !== PACKAGE_FORMAT) out.push('unknownFormat');
  if (env.site?.publicKey !== row.public_key) out.push('keyMismatch');
  if (env.site?.fingerprint !== fingerprintOf(row.public_key)) out.push('fingerprintMismatch');
  if (env.batch?.id !== row.batch_id || env.version !== row.version || env.kind !== row.kind || (env.previousHash ?? null) !== row.previous_hash) out.push('rowMismatch');
  return out;
}

/**
 * Re-checks a stored package from its bytes: the hash, the signature, and that the envelope says
 * what the row says. A raw edit of the body (or of a column) fails here. `deep: false` skips the
 * canonical re-serialisation (the signature already pins the bytes): the check before each send.
 */
export function verifyPackage(row: SealedPackageRow, opts: { expectedPublicKey?: string; /** also re-serialise to check the bytes are canonical (default) */ deep?: boolean } = {}): PackageCheck {
  const problems: PackageProblem[] = [];
  if (sha256Hex(row.body) !== row.hash) problems.push('hashMismatch');
  if (!verifyBytes(row.public_key, row.body, row.signature)) problems.push('badSignature');
  const env = readEnvelope(row.body);
  if (!env) problems.push('notJson');
  else problems.push(...envelopeProblems(row, env, opts.deep !== false));
  if (opts.expectedPublicKey && row.public_key !== opts.expectedPublicKey) problems.push('notSiteKey');
  return { ok: problems.length === 0, problems: problems.map((reason) => ({ reason })) };
}

export interface SealsReport {
  ok: boolean;
  count: number;
  bad: { id: number; batchId: number; version: number; hash: string; problems: Issue[] }[];
}

/** Every seal and amendment: bytes, signature, and the amendment chain (each names its predecessor). */
export function verifySeals(sqlite: ReadSqlite): SealsReport {
  const bad: SealsReport['bad'] = [];
  let count = 0;
  const prevByBatch = new Map<number, string>();
  for (const row of sqlite.prepare<[], SealedPackageRow>('SELECT * FROM sealed_packages ORDER BY batch_id, version').iterate()) {
    count += 1;
    const { problems } = verifyPackage(row);
    const expectedPrev = prevByBatch.get(row.batch_id) ?? null;
    if (row.previous_hash !== expectedPrev) problems.push({ reason: 'chainBroken' });
    if (row.version > 1 && row.kind !== 'amendment') problems.push({ reason: 'notAmendment' });
    prevByBatch.set(row.batch_id, row.hash);
    if (problems.length) bad.push({ id: row.id, batchId: row.batch_id, version: row.version, hash: row.hash, problems });
  }
  return { ok: bad.length === 0, count, bad };
}
