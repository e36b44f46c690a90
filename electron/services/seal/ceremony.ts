// The seal ceremony (DOMAIN S9, G5, G7, A1): readiness (readiness.ts), the three kinds of PIN
// signature (signers.ts), the results package (content.ts) and the check that re-derives the
// results and compares them with what was sealed (drift.ts). The freeze itself is in the database
// (migration seal_guards): while `batches.status = 'sealed'` triggers refuse changes to the batch's
// sheets, theory scores, rulings, reviews and absences.
import type { ProvenPins } from '../auth';
import { moveBatch } from '../batch';
import type { ServiceContext } from '../context';
import { AppError } from '../errors';
import { sealContent } from './content';
import { lifecycleProblems } from './integrity';
import type { PackageKind, SealedPackageRow } from './package';
import { batchOf, sealReadiness } from './readiness';
import { sealPackage } from './seal';
import { checkSignatures, type SignatureInput, type Signed } from './signers';
import type { SiteKey } from './keys';


export interface SealInput {
  batchId: number;
  signatures: readonly SignatureInput[];
  kind: PackageKind;
  /** an amendment's reason (why the sealed version is corrected) */
  reason?: string | null;
  /** the site's signing key */
  key: SiteKey;
  /** the signatures' PINs, proven before the transaction */
  pins: ProvenPins;
}

export interface Sealed {
  pkg: SealedPackageRow;
  signed: Signed[];
  candidates: number;
}

/** A seal needs a batch in draft; an amendment one opened for it (amending). Both need readiness. */
function requireSealable(ctx: ServiceContext, input: SealInput): void {
  const b = batchOf(ctx.db, input.batchId);
  if (input.kind === 'amendment' && b.status !== 'amending') throw new AppError('CONFLICT', 'seal.amendNotOpen', { batchId: input.batchId });
  // A1/G7: a status moved or a result changed outside its audited command is never sealed
  if (lifecycleProblems(ctx.sqlite, input.batchId).length) throw new AppError('CONFLICT', 'seal.lifecycleBroken', { batchId: input.batchId });
  const r = sealReadiness(ctx, input.batchId);
  if (!r.ready) throw new AppError('SEAL_NOT_READY', 'seal.notReady', { n: r.missing.length }, { details: r.missing });
}

/**
 * Builds and seals version 1 (or the next amendment) inside the command's transaction and freezes
 * the batch (draft → sealed, amending → sealed). The command queues the package for the platform.
 */
export function sealBatch(ctx: ServiceContext, input: SealInput): Sealed {
  requireSealable(ctx, input);
  const signed = checkSignatures(ctx, { batchId: input.batchId, signatures: input.signatures }, input.pins);
  const content = sealContent(ctx, input.batchId, signed);
  const pkg = sealPackage(ctx, { batchId: input.batchId, kind: input.kind, reason: input.reason ?? null, content, key: input.key });
  moveBatch(ctx, input.batchId, 'sealed');
  return { pkg, signed, candidates: content.results.length };
}

