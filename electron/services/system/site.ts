// The site itself: first-start setup (the site's name and its head with a PIN), and what the
// frame and the home page show about it.
import { count, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { schema, type ReadDb } from '../../../db';
import { storePinHash } from '../auth';
import { nowIso, type ReadContext, type ServiceContext } from '../context';
import { isDemoSite } from '../demo-clock';
import { AppError } from '../errors';

export function siteRow(db: ReadDb) {
  return db.select().from(schema.site).get();
}

/** Whether first start is still to do; the demo runs on its exam day's clock, and the frame shows that time. */
export function setupStatus(ctx: ReadContext, version: string) {
  const s = siteRow(ctx.db);
  const demo = isDemoSite(ctx.sqlite);
  return { needsSetup: !s, siteName: s?.name ?? null, version, demoClock: demo ? ctx.clock.now().toISOString() : null };
}

/** First start: name the site and set the site head's PIN. Refused once done. */
export function initSite(ctx: ServiceContext, input: { siteName: string; headName: string; staffNo: string }, prepared: { hash: string }): { staffId: number } {
  if (siteRow(ctx.db)) throw new AppError('SETUP_DONE', 'setup.done');
  const now = nowIso(ctx);
  ctx.db.insert(schema.site).values({ id: 1, name: input.siteName, createdAt: now }).run();
  const person = ctx.db.insert(schema.staff).values({ staffNo: input.staffNo, name: input.headName, createdAt: now }).returning({ id: schema.staff.id }).get();
  ctx.db.insert(schema.staffRoles).values({ staffId: person.id, role: 'site_head' }).run();
  storePinHash(ctx.db, person.id, prepared.hash, ctx.clock);
  ctx.note({ site: input.siteName, siteHead: { staffId: person.id, staffNo: input.staffNo, name: input.headName } });
  return { staffId: person.id };
}

const rowsIn = (db: ReadDb, t: SQLiteTable, where?: SQL) => db.select({ n: count() }).from(t).where(where).get()?.n ?? 0;

/** The site head's first look at the site: what is loaded and what is not yet. */
export function siteOverview(db: ReadDb) {
  return {
    siteName: siteRow(db)?.name ?? null,
    batches: rowsIn(db, schema.batches),
    candidates: rowsIn(db, schema.candidates),
    rooms: rowsIn(db, schema.rooms),
    staff: rowsIn(db, schema.staff),
  };
}

/** The database engine's version, for the About page. */
export function sqliteVersion(ctx: Pick<ReadContext, 'sqlite'>): string {
  return ctx.sqlite.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '';
}
