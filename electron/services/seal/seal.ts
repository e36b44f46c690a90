// The hook for the seal ceremony and amendments (results work): inside the command's transaction,
// after the three PIN signatures (S9) and the freeze triggers, call `sealPackage` once. The package,
// its outbox row and the command's audit event then commit together or not at all.
import type { Sqlite } from '../../../db';
import type { Clock, RandomSource } from '../runtime';
import { enqueuePackage, type OutboxRow } from '../sync/outbox';
import { siteKey } from './keys';
import { buildPackage, type BuildInput, type SealedPackageRow } from './package';

export interface SealEnv {
  sqlite: Sqlite;
  clock: Clock;
  random: RandomSource;
  dataDir: string;
}

/** Builds, signs and stores the package and puts it in the outbox. Call inside a transaction. */
export function sealPackage(env: SealEnv, input: BuildInput): { pkg: SealedPackageRow; outbox: OutboxRow } {
  if (!env.sqlite.inTransaction) throw new Error('sealPackage: call inside the command transaction');
  const pkg = buildPackage(env.sqlite, siteKey(env.dataDir, env.random), env.clock, input);
  return { pkg, outbox: enqueuePackage(env.sqlite, env.clock, pkg) };
}
