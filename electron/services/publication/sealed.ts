// The sealed versions the publication reads (DOMAIN S9, A1): the batch's latest package, a package
// by id, and the check that the database still holds what was sealed. The seal area's functions are
// typed on the writable handle while its own move to the read-only handle is under way; this bridge
// is the one place that bridges them, and goes once they take ReadSqlite/ReadContext.
import type { ReadSqlite, Sqlite } from '../../../db';
import { RESULTS_FORMAT, latestPackage, sealedContentDrift } from '../seal/ceremony';
import { packageById, type PackageEnvelope, type SealedPackageRow } from '../seal/package';

export { RESULTS_FORMAT, type PackageEnvelope, type SealedPackageRow };
export type Drift = NonNullable<ReturnType<typeof sealedContentDrift>>;

// the one handle cast of the publication area: the seal's functions below only read
const sealHandle = (sqlite: ReadSqlite): Sqlite => sqlite as Sqlite;

export function latestSealed(sqlite: ReadSqlite, batchId: number): SealedPackageRow | undefined {
  return latestPackage(sealHandle(sqlite), batchId);
}

export function sealedById(sqlite: ReadSqlite, id: number): SealedPackageRow | undefined {
  return packageById(sealHandle(sqlite), id);
}

export function sealedDrift(sqlite: ReadSqlite, pkg: SealedPackageRow): Drift | null {
  return sealedContentDrift(sealHandle(sqlite), pkg);
}
