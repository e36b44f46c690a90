// G5: a publication's life. The main publication of the sealed version (S9) opens for five working
// days; after an upheld objection a supplementary one (补充公示) publishes the changed results again
// with its own five days; the site head ends each once its end date has passed.
import type { ReadSqlite } from '../../../db';
import type { PublicationKind, PublicationStatus } from '../../../db/schema/results';
import { siteDate } from '../../domain/vocabulary';
import { canonicalJson } from '../canonical';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { WorkCalendar, publicationEnd } from '../results/calendar';
import { changedSincePublished, publicationList, publicationRows, sealedVersion, type PublishedResult } from './list';

export interface PublicationRecord {
  id: number;
  batchId: number;
  startDate: string;
  endDate: string;
  status: PublicationStatus;
  kind: PublicationKind;
  packageId: number | null;
}

export function publicationRecord(sqlite: ReadSqlite, id: number): PublicationRecord {
  const p = sqlite
    .prepare<[number], PublicationRecord>('SELECT id, batch_id AS batchId, start_date AS startDate, end_date AS endDate, status, kind, package_id AS packageId FROM publications WHERE id = ?')
    .get(id);
  if (!p) throw new AppError('NOT_FOUND', 'publication.notFound', { publicationId: id });
  return p;
}

/** No result still pending may be published (the first few named). */
function refusePending(results: readonly PublishedResult[]): void {
  const pending = results.filter((r) => r.outcome === 'pending');
  if (pending.length) {
    throw new AppError('CONFLICT', 'publication.pendingResults', { pending: pending.length, names: pending.slice(0, 3).map((p) => p.name).join('、') });
  }
}

function insertPublication(ctx: ServiceContext, input: { batchId: number; startDate: string; endDate: string; kind: PublicationKind; packageId: number; list: unknown }): number {
  return Number(
    ctx.sqlite
      .prepare<[number, string, string, string, PublicationKind, number, string, number]>(
        "INSERT INTO publications (batch_id, start_date, end_date, snapshot, status, kind, package_id, created_at, created_by) VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)",
      )
      .run(input.batchId, input.startDate, input.endDate, canonicalJson(input.list), input.kind, input.packageId, nowIso(ctx), actorOf(ctx).staffId).lastInsertRowid,
  );
}

/**
 * Opens the publication of the sealed version: refused unless the batch is sealed and its database
 * still matches the package; records which version it shows.
 */
export function openPublication(ctx: ServiceContext, input: { batchId: number; startDate: string }) {
  const open = ctx.sqlite.prepare<[number], { id: number }>("SELECT id FROM publications WHERE batch_id = ? AND status = 'open' AND kind = 'main'").get(input.batchId);
  if (open) throw new AppError('CONFLICT', 'publication.alreadyOpen', { publicationId: open.id });
  const { pkg, results } = sealedVersion(ctx.sqlite, input.batchId);
  refusePending(results);
  const endDate = publicationEnd(new WorkCalendar(ctx.sqlite), input.startDate);
  const list = publicationList(results);
  const id = insertPublication(ctx, { ...input, endDate, kind: 'main', packageId: pkg.id, list });
  const out = { id, startDate: input.startDate, endDate, count: list.length, version: pkg.version, hash: pkg.hash };
  ctx.note(out);
  return out;
}

/** Re-examinations done and not yet published again, and the candidates still being re-examined. */
function rescoreState(sqlite: ReadSqlite, batchId: number) {
  const done = sqlite
    .prepare<[number], { id: number; candidateId: number }>(
      `SELECT r.id, r.candidate_id AS candidateId FROM rescores r JOIN candidates c ON c.id = r.candidate_id
       WHERE c.batch_id = ? AND r.status = 'done' AND r.republished_in IS NULL ORDER BY r.id`,
    )
    .all(batchId);
  const busy = new Set(
    sqlite
      .prepare<[number], { c: number }>("SELECT r.candidate_id AS c FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND r.status = 'open'")
      .all(batchId)
      .map((r) => r.c),
  );
  return { done, busy };
}

/**
 * G5 for changed results: a supplementary publication (补充公示), from the latest sealed version (the
 * amendment), of the candidates whose re-examination is done and not yet published again, and of
 * any other candidate whose published line that version changes; with its own five working days.
 * Its objections are handled like any other; its 确认单 lists them once it ends with none open.
 */
export function openSupplement(ctx: ServiceContext, input: { batchId: number; startDate: string }) {
  const { pkg, results } = sealedVersion(ctx.sqlite, input.batchId);
  const { done, busy } = rescoreState(ctx.sqlite, input.batchId);
  // a candidate with another subject still being re-examined waits for the next supplement
  const ready = done.filter((r) => !busy.has(r.candidateId));
  const ids = new Set(ready.map((r) => r.candidateId));
  for (const c of changedSincePublished(ctx.sqlite, input.batchId, publicationList(results))) if (!busy.has(c)) ids.add(c);
  if (!ids.size) throw new AppError('CONFLICT', 'publication.nothingChanged', { batchId: input.batchId });
  const chosen = results.filter((r) => ids.has(r.candidateId));
  refusePending(chosen);
  const endDate = publicationEnd(new WorkCalendar(ctx.sqlite), input.startDate);
  const list = publicationList(chosen);
  const id = insertPublication(ctx, { ...input, endDate, kind: 'supplement', packageId: pkg.id, list });
  const mark = ctx.sqlite.prepare<[number, number]>('UPDATE rescores SET republished_in = ? WHERE id = ?');
  for (const r of ready) mark.run(id, r.id);
  const out = { id, startDate: input.startDate, endDate, count: list.length, candidateIds: [...ids], version: pkg.version, hash: pkg.hash };
  ctx.note(out);
  return out;
}

interface PublicationListRow extends Omit<PublicationRecord, 'batchId' | 'packageId'> {
  createdAt: string;
  snapshot: string;
  /** the sealed version it shows */
  version: number | null;
  hash: string | null;
}

export function publicationsOf(sqlite: ReadSqlite, batchId: number) {
  return sqlite
    .prepare<[number], PublicationListRow>(
      `SELECT p.id, p.start_date AS startDate, p.end_date AS endDate, p.status, p.kind, p.created_at AS createdAt, p.snapshot, k.version, k.hash
       FROM publications p LEFT JOIN sealed_packages k ON k.id = p.package_id WHERE p.batch_id = ? ORDER BY p.id DESC`,
    )
    .all(batchId)
    .map((p) => ({ ...p, snapshot: publicationRows.parse(JSON.parse(p.snapshot)) }));
}

/** Ends the period (after its end date, on the site's calendar); the confirmation is then available when no objection is open. */
export function endPublication(ctx: ServiceContext, input: { publicationId: number }) {
  const p = publicationRecord(ctx.sqlite, input.publicationId);
  if (p.status !== 'open') throw new AppError('CONFLICT', 'publication.alreadyEnded', { publicationId: p.id });
  if (siteDate(ctx.clock.now()) <= p.endDate) throw new AppError('CONFLICT', 'publication.periodRunning', { endDate: p.endDate });
  ctx.sqlite.prepare<[number]>("UPDATE publications SET status = 'ended' WHERE id = ?").run(input.publicationId);
  ctx.note({ ...input, before: { status: p.status }, after: { status: 'ended' } });
  return { status: 'ended' as const };
}
