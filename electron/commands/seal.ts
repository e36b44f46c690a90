// Seal commands (issue 8): the site key, verification, and the seal ceremony (S9): readiness, three
// kinds of PIN signature on one screen, the sealed results package and its amendments (G7).
import { z } from 'zod';
import { AppError } from '../services/errors';
import { groupFingerprint, siteKey } from '../services/seal/keys';
import { verifySeals } from '../services/seal/package';
import { openAmendment, sealBatch, sealReadiness, verifySealedContent } from '../services/seal/ceremony';
import { heldPackages } from '../services/sync/engine';
import type { OutboxState } from '../services/sync/outbox';
import { defineCommand } from './registry';

const id = z.number().int().positive();
const VIEWERS = ['site_head', 'supervisor', 'chief_examiner', 'admin'] as const;
const signatures = z
  .array(z.object({ staffNo: z.string().trim().min(1, '请输入工号').max(32), pin: z.string().min(1, '请输入 PIN').max(64) }))
  .min(3, '至少需要考点负责人、考评组长和督导员三人签名')
  .max(40);

/** The site's public key and its fingerprint (About page, package headers, the platform's check). */
export const sealSiteKey = defineCommand({
  name: 'seal.siteKey',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const key = siteKey(ctx.env.dataDir, ctx.random);
    return { algorithm: 'Ed25519' as const, publicKey: key.publicKey, fingerprint: key.fingerprint, fingerprintGrouped: groupFingerprint(key.fingerprint) };
  },
});

/** Every sealed package and amendment re-checked from its stored bytes, and each batch's latest against the database. */
export const sealVerify = defineCommand({
  name: 'seal.verify',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const seals = verifySeals(ctx.sqlite);
    const drift = verifySealedContent(ctx.sqlite);
    return { ...seals, ok: seals.ok && drift.length === 0, drift, checkedAt: ctx.clock.now().toISOString() };
  },
});

/** The batches with their seal state (the seal page's picker). */
export const sealBatches = defineCommand({
  name: 'seal.batches',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  handler: (ctx) =>
    ctx.sqlite
      .prepare(
        `SELECT b.id, b.name, b.plan_code AS planCode, b.exam_date AS examDate, b.status,
                (SELECT MAX(version) FROM sealed_packages p WHERE p.batch_id = b.id) AS version
         FROM batches b ORDER BY b.exam_date DESC, b.id DESC`,
      )
      .all() as { id: number; name: string; planCode: string; examDate: string; status: string; version: number | null }[],
});

/** S9/G5: what is still missing before the batch may be sealed, and who must sign. */
export const sealReadinessCmd = defineCommand({
  name: 'seal.readiness',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => sealReadiness(ctx.sqlite, input.batchId),
});

/** The batch's sealed versions (seal, amendments) with their delivery state. */
export const sealPackages = defineCommand({
  name: 'seal.packages',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => {
    const rows = ctx.sqlite
      .prepare(
        `SELECT p.id, p.version, p.kind, p.hash, p.previous_hash AS previousHash, p.reason, p.created_at AS createdAt, p.byte_size AS byteSize, o.state, o.id AS outboxId
         FROM sealed_packages p LEFT JOIN outbox o ON o.package_id = p.id WHERE p.batch_id = ? ORDER BY p.version`,
      )
      .all(input.batchId) as { id: number; version: number; kind: string; hash: string; previousHash: string | null; reason: string | null; createdAt: string; byteSize: number; state: string | null; outboxId: number | null }[];
    // G5: a waiting package held until the publication ends says so here too
    const held = heldPackages(
      ctx.sqlite,
      ctx.clock,
      rows.filter((r) => r.outboxId !== null).map((r) => ({ id: r.outboxId!, package_id: r.id, state: r.state as OutboxState })),
    );
    return rows.map(({ outboxId, ...r }) => ({ ...r, held: outboxId !== null && held.has(outboxId) }));
  },
});

function done(ctx: { note(d: Record<string, unknown>): void }, r: ReturnType<typeof sealBatch>) {
  ctx.note({
    subject: { batchId: r.pkg.batch_id },
    after: { version: r.pkg.version, kind: r.pkg.kind, hash: r.pkg.hash, previousHash: r.pkg.previous_hash, byteSize: r.pkg.byte_size, status: 'sealed' },
    signatures: r.signed.map((s) => ({ role: s.role, staffId: s.staffId, staffNo: s.staffNo, name: s.name })),
  });
  return {
    batchId: r.pkg.batch_id,
    version: r.pkg.version,
    kind: r.pkg.kind,
    hash: r.pkg.hash,
    previousHash: r.pkg.previous_hash,
    byteSize: r.pkg.byte_size,
    candidates: r.candidates,
    outboxState: r.outbox.state,
    signedBy: r.signed.map((s) => ({ role: s.role, staffNo: s.staffNo, name: s.name })),
  };
}

/** S9: the seal. Three kinds of signature, the package built and signed, queued, and the batch frozen, in one transaction. */
export const sealSeal = defineCommand({
  name: 'seal.seal',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, signatures }),
  handler: (ctx, input) => {
    const r = sealBatch({ db: ctx.db, sqlite: ctx.sqlite, clock: ctx.clock, random: ctx.random, dataDir: ctx.env.dataDir }, { batchId: input.batchId, signatures: input.signatures, kind: 'seal' });
    return done(ctx, r);
  },
});

/** G7: opens a sealed batch for a correction; the reason is audited and later carried by the amendment. */
export const sealAmendOpen = defineCommand({
  name: 'seal.amend.open',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, reason: z.string().trim().min(4, '请写明修订原因（不少于 4 个字）').max(500), objectionId: id.optional() }),
  handler: (ctx, input) => {
    if (input.objectionId) {
      const o = ctx.sqlite.prepare("SELECT o.outcome, p.batch_id AS batchId FROM objections o JOIN publications p ON p.id = o.publication_id WHERE o.id = ?").get(input.objectionId) as
        | { outcome: string | null; batchId: number }
        | undefined;
      if (!o || o.batchId !== input.batchId) throw new AppError('NOT_FOUND', '找不到该批次的这条异议。', 'No such objection for this batch.');
      if (o.outcome !== 'upheld') throw new AppError('CONFLICT', '只有异议成立（经调查决定）才需修订已封存的成绩。', 'Only an upheld objection opens an amendment.');
    }
    const r = openAmendment(ctx.sqlite, input.batchId);
    ctx.note({ subject: { batchId: input.batchId }, before: { status: 'sealed' }, after: { status: 'amending' }, reason: input.reason, objectionId: input.objectionId ?? null });
    return r;
  },
});

/** G7: the corrected batch sealed again as the next version, naming the previous hash, with the same three signatures. */
export const sealAmend = defineCommand({
  name: 'seal.amend',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, reason: z.string().trim().min(4, '请写明修订原因（不少于 4 个字）').max(500), signatures }),
  handler: (ctx, input) => {
    const r = sealBatch(
      { db: ctx.db, sqlite: ctx.sqlite, clock: ctx.clock, random: ctx.random, dataDir: ctx.env.dataDir },
      { batchId: input.batchId, signatures: input.signatures, kind: 'amendment', reason: input.reason },
    );
    return done(ctx, r);
  },
});

export const sealCommands = [sealSiteKey, sealVerify, sealBatches, sealReadinessCmd, sealPackages, sealSeal, sealAmendOpen, sealAmend] as const;
