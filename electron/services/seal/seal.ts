// The hook for the seal ceremony and amendments: inside the command's transaction, after the
// signatures (S9) and the freeze triggers, call `sealPackage` once; the command then queues the
// package for the platform (the sync area's outbox) in the same transaction. The package, its
// outbox row and the command's audit event commit together or not at all.
import type { ServiceContext } from '../context';
import { buildPackage, type BuildInput, type SealedPackageRow } from './package';

/** Builds, signs and stores the package. Call inside the command's transaction. */
export function sealPackage(ctx: ServiceContext, input: BuildInput): SealedPackageRow {
  if (!ctx.sqlite.inTransaction) throw new Error('sealPackage: call inside the command transaction');
  return buildPackage(ctx, input);
}
