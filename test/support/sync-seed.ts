// Test data for the seal and sync tests: an organisation and batches inserted through drizzle
// (the plan import is another area's), and packages built through the seal service and queued.
import { schema, type Db } from '../../db';
import type { AppEnv } from '../../electron/commands/registry';
import { serviceContext } from '../../electron/services/context';
import { siteKey } from '../../electron/services/seal/keys';
import type { SealedPackageRow } from '../../electron/services/seal/package';
import { sealPackage } from '../../electron/services/seal/seal';
import { enqueuePackage } from '../../electron/services/sync/outbox';

export function seedOrganisation(db: Db): number {
  const existing = db.select().from(schema.organisations).get();
  if (existing) return existing.id;
  return db
    .insert(schema.organisations)
    .values({ code: 'S0000370400001', name: '枣庄市技师学院', type: 'technical_school', levelCap: 3 })
    .returning({ id: schema.organisations.id })
    .get().id;
}

export function seedBatch(db: Db, n = 1): number {
  const org = seedOrganisation(db);
  return db
    .insert(schema.batches)
    .values({
      organisationId: org,
      planCode: `PLAN-2026-${String(n).padStart(4, '0')}`,
      name: `20260521(枣庄市技师学院)第${n}期技工院校`,
      examDate: '2026-05-21',
      importedAt: '2026-05-01T09:00:00+08:00',
    })
    .returning({ id: schema.batches.id })
    .get().id;
}

/** A results-like content of `records` candidates (names with rare characters, P11). */
export function sampleContent(batchNo: number, records = 3): unknown {
  const names = ['张𠀋', '王𪚥华', '李明', '赵敏', '钱多多'];
  return {
    plan: { planCode: `PLAN-2026-${String(batchNo).padStart(4, '0')}` },
    results: Array.from({ length: records }, (_, i) => ({
      ticketNo: `T${batchNo}-${String(i + 1).padStart(5, '0')}`,
      name: names[i % names.length],
      subjects: [
        { kind: 'theory', score: 60 + ((i * 7) % 40) },
        { kind: 'skill', score: 55 + ((i * 11) % 45) },
      ],
    })),
  };
}

/** The console's context for seeding (no one signed in), and the site key. */
export function seedContext(env: AppEnv) {
  return { ctx: serviceContext(env.opened, { clock: env.clock, random: env.random, device: 'test-seed' }), key: siteKey(env.dataDir, env.random) };
}

/** Seals a new batch and puts it in the outbox, in one transaction, as the seal command does. */
export function seedSealedPackage(env: AppEnv, opts: { batchNo?: number; records?: number } = {}): SealedPackageRow {
  const { db, sqlite } = env.opened;
  const { ctx, key } = seedContext(env);
  return sqlite.transaction(() => {
    const batchNo = opts.batchNo ?? (sqlite.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM batches').get()?.n ?? 0) + 1;
    const batchId = seedBatch(db, batchNo);
    const pkg = sealPackage(ctx, { batchId, kind: 'seal', content: sampleContent(batchNo, opts.records ?? 3), key });
    enqueuePackage(ctx, pkg);
    return pkg;
  })();
}

/** An amendment of a sealed batch (a rejection corrected), enqueued in one transaction. */
export function seedAmendment(env: AppEnv, batchId: number, reason: string, content: unknown): SealedPackageRow {
  const { ctx, key } = seedContext(env);
  return env.opened.sqlite.transaction(() => {
    const pkg = sealPackage(ctx, { batchId, kind: 'amendment', reason, content, key });
    enqueuePackage(ctx, pkg);
    return pkg;
  })();
}
