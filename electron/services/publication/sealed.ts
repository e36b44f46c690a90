// The sealed versions the publication reads (DOMAIN S9, A1): the batch's latest package, a package
// by id, and the check that the database still holds what was sealed (the seal area's own readers).
import type { ReadSqlite } from '../../../db';
import { RESULTS_FORMAT } from '../seal/content';
import { sealedContentDrift, type Drift } from '../seal/drift';
import { latestPackage, packageById, type PackageEnvelope, type SealedPackageRow } from '../seal/package';

export { RESULTS_FORMAT, type Drift, type PackageEnvelope, type SealedPackageRow };

export function latestSealed(sqlite: ReadSqlite, batchId: number): SealedPackageRow | undefined {
  return latestPackage(sqlite, batchId);
}

export function sealedById(sqlite: ReadSqlite, id: number): SealedPackageRow | undefined {
  return packageById(sqlite, id);
}

export function sealedDrift(sqlite: ReadSqlite, pkg: SealedPackageRow): Drift | null {
  return sealedContentDrift({ sqlite }, pkg);
}
