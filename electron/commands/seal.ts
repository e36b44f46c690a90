// Seal commands (DOMAIN S9, G7, A1): the site key, verification, and the seal ceremony: readiness,
// three kinds of PIN signature on one screen, the sealed results package and its amendments. A
// sealed package is queued for the platform (the sync area's outbox) in the same transaction.
import { z } from 'zod';
import { provePins, type ProvenPins } from '../services/auth';
import { nowIso } from '../services/context';
import { openAmendment, requireUpheldObjection } from '../services/seal/amendment';
import { sealBatch, type Sealed } from '../services/seal/ceremony';
import { verifySealedContent } from '../services/seal/drift';
import { lifecycleProblems } from '../services/seal/integrity';
import { groupFingerprint, siteKey } from '../services/seal/keys';
import { verifySeals } from '../services/seal/package';
import { sealReadiness } from '../services/seal/readiness';
import { sealBatchList, sealedVersions } from '../services/seal/versions';
import { enqueuePackage, type OutboxRow } from '../services/sync/outbox';
import { deliveryOf } from '../services/sync/view';
import { defineCommand, type CommandContext } from './registry';

const id = z.number().int().positive();
const VIEWERS = ['site_head', 'supervisor', 'chief_examiner', 'admin'] as const;
const signatures = z
  .array(z.object({ staffNo: z.string().trim().min(1, '请输入工号').max(32), pin: z.string().min(1, '请输入 PIN').max(64) }))
  .min(3, '至少需要考点负责人、考评组长和督导员三人签名')
  .max(40);
const reason = z.string().trim().min(4, '请写明修订原因（不少于 4 个字）').max(500);

/**
 * The site's public key and its fingerprint (About page, package headers, the platform's check).
 * The key file is made on first use (never the database: this query writes nothing there).
 */
export const sealSiteKey = defineCommand({
  name: 'seal.siteKey',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => {
    const key = siteKey(ctx.env.dataDir, ctx.env.random);
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
    const drift = verifySealedContent(ctx);
    const lifecycle = lifecycleProblems(ctx.sqlite);
    return { ...seals, ok: seals.ok && drift.length === 0 && lifecycle.length === 0, drift, lifecycle, checkedAt: nowIso(ctx) };
  },
});

/** The batches with their seal state (the seal page's picker). */
export const sealBatches = defineCommand({
  name: 'seal.batches',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  handler: (ctx) => sealBatchList(ctx),
});

/** S9/G5: what is still missing before the batch may be sealed, and who must sign. */
export const sealReadinessCmd = defineCommand({
  name: 'seal.readiness',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => sealReadiness(ctx, input.batchId),
});

/** The batch's sealed versions (seal, amendments) with their delivery state (G5: held until the publication ends). */
export const sealPackages = defineCommand({
  name: 'seal.packages',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => {
    const versions = sealedVersions(ctx, input.batchId);
    const delivery = deliveryOf(
      ctx,
      versions.map((v) => v.id),
    );
    return versions.map((v) => ({ ...v, state: delivery.get(v.id)?.state ?? null, held: delivery.get(v.id)?.held ?? false }));
  },
});

/** Seals (or amends), queues the package for the platform, and notes the ceremony for the audit. */
function sealAndQueue(ctx: CommandContext, input: { batchId: number; signatures: { staffNo: string; pin: string }[]; kind: 'seal' | 'amendment'; reason?: string }, pins: ProvenPins) {
  const r: Sealed = sealBatch(ctx, { ...input, key: siteKey(ctx.env.dataDir, ctx.random), pins });
  const outbox: OutboxRow = enqueuePackage(ctx, r.pkg);
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
    outboxState: outbox.state,
    signedBy: r.signed.map((s) => ({ role: s.role, staffNo: s.staffNo, name: s.name })),
  };
}

/** S9: the seal. Three kinds of signature, the package built and signed, queued, and the batch frozen, in one transaction. */
export const sealSeal = defineCommand({
  name: 'seal.seal',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, signatures }),
  // S9: every signer's PIN proven in the thread pool before the transaction
  prepare: (ctx, input) => provePins(ctx, input.signatures),
  handler: (ctx, input, pins) => sealAndQueue(ctx, { ...input, kind: 'seal' }, pins),
});

/** G7: opens a sealed batch for a correction; the reason is audited and later carried by the amendment. */
export const sealAmendOpen = defineCommand({
  name: 'seal.amend.open',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, reason, objectionId: id.optional() }),
  handler: (ctx, input) => {
    if (input.objectionId) requireUpheldObjection(ctx, { batchId: input.batchId, objectionId: input.objectionId });
    const r = openAmendment(ctx, { batchId: input.batchId });
    ctx.note({ subject: { batchId: input.batchId }, before: { status: 'sealed' }, after: { status: 'amending' }, reason: input.reason, objectionId: input.objectionId ?? null });
    return r;
  },
});

/** G7: the corrected batch sealed again as the next version, naming the previous hash, with the same three signatures. */
export const sealAmend = defineCommand({
  name: 'seal.amend',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, reason, signatures }),
  prepare: (ctx, input) => provePins(ctx, input.signatures),
  handler: (ctx, input, pins) => sealAndQueue(ctx, { ...input, kind: 'amendment' }, pins),
});

export const sealCommands = [sealSiteKey, sealVerify, sealBatches, sealReadinessCmd, sealPackages, sealSeal, sealAmendOpen, sealAmend] as const;
