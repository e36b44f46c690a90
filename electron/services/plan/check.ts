// The third step: the check a site head reads before importing (and the import runs again inside
// its transaction). Validation problems, the summary, and for a plan already held the diff, the
// batch's state and the sessions whose sign-in has started (P9). Writes nothing.
import { eq } from 'drizzle-orm';
import { schema, type ReadDb, type ReadSqlite } from '../../../db';
import type { BatchStatus } from '../../../db/schema/core';
import { siteDate } from '../../domain/vocabulary';
import type { ReadContext } from '../context';
import { diffEmpty, diffPlan, heldCandidates, type HeldCandidate, type PlanDiff } from './diff';
import type { Prepared } from './digest';
import type { PlanPackage } from './format';
import { sortProblems, type PlanProblem } from './problems';
import type { ReadResult } from './reader';
import { occupationKey, validatePhotos, validatePlan } from './validate';

export interface PlanSummary {
  planCode: string;
  name: string;
  examDate: string;
  organisation: string;
  occupations: number;
  subjects: number;
  rooms: number;
  sessions: number;
  candidates: number;
  staff: number;
  photos: number;
}

export interface Reimport {
  batchId: number;
  version: number;
  /** the batch's state: a re-import is accepted only in draft (requireBatchStatus) */
  status: BatchStatus;
  diff: PlanDiff;
  unchanged: boolean;
  /** sessions of this batch whose sign-in has started */
  lockedSessions: string[];
  /** of those, the ones this import would change: the import is refused while any stands */
  blocked: string[];
}

export interface PlanCheck {
  ok: boolean;
  errors: number;
  warnings: number;
  problems: PlanProblem[];
  sources: ReadResult['sources'];
  digest: string | null;
  summary: PlanSummary | null;
  /** set when a batch with this plan code is already held */
  reimport: Reimport | null;
}

/**
 * The guard against replacing candidates after sign-in started (P9): any sign-in at the door
 * (`checkins`) for a session of this batch locks that session.
 */
export function sessionsWithSignIn(sqlite: ReadSqlite, batchId: number): Set<string> {
  const rows = sqlite
    .prepare<[number], { code: string }>('SELECT DISTINCT s.code AS code FROM checkins c JOIN exam_sessions s ON s.id = c.session_id WHERE s.batch_id = ?')
    .all(batchId);
  return new Set(rows.map((r) => r.code));
}

/** The batch held under a plan code, if any. */
export function heldBatch(db: ReadDb, planCode: string): { id: number; version: number; status: BatchStatus } | undefined {
  return db
    .select({ id: schema.batches.id, version: schema.batches.planVersion, status: schema.batches.status })
    .from(schema.batches)
    .where(eq(schema.batches.planCode, planCode))
    .get();
}

/** Sessions with sign-in started that the diff touches (a candidate added, removed or changed there, their photo too; the session changed). */
function blockedSessions(diff: PlanDiff, pkg: PlanPackage, held: Map<string, HeldCandidate>, locked: Set<string>): string[] {
  const blocked = new Set<string>();
  if (locked.size === 0) return [];
  const touch = (sessions: Iterable<string>) => {
    for (const s of sessions) if (locked.has(s)) blocked.add(s);
  };
  const nextByDoc = new Map(pkg.candidates.map((c) => [c.docNumber, c]));
  const nextSessions = (doc: string) => nextByDoc.get(doc)!.seats.map((s) => s.session);
  for (const a of diff.candidates.added) touch(nextSessions(a.key));
  for (const r of diff.candidates.removed) touch(held.get(r.key)!.sessions);
  for (const c of diff.candidates.changed) {
    touch(held.get(c.key)!.sessions);
    touch(nextSessions(c.key));
  }
  // a new registered photo changes whom the door compares faces with (P7/P9)
  for (const p of [...diff.photos.added, ...diff.photos.changed]) touch(held.get(p.key)!.sessions);
  for (const s of [...diff.sessions.removed, ...diff.sessions.changed]) touch([s.key]);
  return [...blocked].sort();
}

function reimportOf(ctx: ReadContext, pkg: PlanPackage, batch: { id: number; version: number; status: BatchStatus }, photos: ReadResult['photos']): Reimport {
  const held = heldCandidates(ctx.sqlite, batch.id);
  const diff = diffPlan(ctx.sqlite, batch.id, pkg, held, photos);
  const locked = sessionsWithSignIn(ctx.sqlite, batch.id);
  return {
    batchId: batch.id,
    version: batch.version,
    status: batch.status,
    diff,
    unchanged: diffEmpty(diff),
    lockedSessions: [...locked].sort(),
    blocked: blockedSessions(diff, pkg, held, locked),
  };
}

function summaryOf(pkg: PlanPackage, photos: number): PlanSummary {
  return {
    planCode: pkg.batch.planCode,
    name: pkg.batch.name,
    examDate: pkg.batch.examDate,
    organisation: pkg.organisation.name,
    occupations: new Set(pkg.subjects.map((s) => occupationKey(s.occupationName, s.workTypeName, s.level))).size,
    subjects: pkg.subjects.length,
    rooms: pkg.rooms.length,
    sessions: pkg.sessions.length,
    candidates: pkg.candidates.length,
    staff: pkg.staff.length,
    photos,
  };
}

/**
 * What a check depends on besides the files: the site's day (validation) and the audit trail's last
 * event. Every command that changes what a check reads (a plan imported, a sign-in at the door, a
 * batch moved on) appends an audit event in its own transaction, so the same stamp means the same
 * held plan, the same sessions with sign-in started (P9), the same batch state.
 */
export function checkStamp(ctx: ReadContext): string {
  const last = ctx.sqlite.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
  return `${siteDate(ctx.clock.now())}|${last ? `${last.seq}:${last.hash}` : '-'}`;
}

/** A check made before the transaction, off the event loop (the import worker, on its own connection), with the stamp it was made under. */
export interface EarlyCheck {
  check: PlanCheck;
  stamp: string;
}

/**
 * The plan's check: the one the import worker made, while nothing has been recorded since it was
 * made (the same stamp); else made again here. The diff of a large held plan is read off the
 * thread that serves the doors, and an import never acts on a check the site has moved past.
 */
export function checkedPlan(ctx: ReadContext, prepared: Prepared): PlanCheck {
  const early = prepared.early;
  return early && early.stamp === checkStamp(ctx) ? early.check : checkPlan(ctx, prepared);
}

/** Validates and, for a plan already held, works out what would change. Writes nothing. */
export function checkPlan(ctx: ReadContext, prepared: Prepared): PlanCheck {
  const { read } = prepared;
  const pkg = read.pkg;
  const batch = pkg ? heldBatch(ctx.db, pkg.batch.planCode) : undefined;
  const today = siteDate(ctx.clock.now());
  // reading problems come first (they explain later ones), then errors before warnings
  const opts = { photos: read.photos, photosHeld: !!batch, today };
  // the import worker validated all but the photos for this day: only P7 is checked here
  const v = prepared.validated?.today === today ? prepared.validated.parts : null;
  const found = !pkg ? [] : v ? sortProblems([...v.before, ...validatePhotos(pkg, read.locate, opts), ...v.after]) : validatePlan(pkg, read.locate, opts);
  const problems = sortProblems([...read.problems, ...found]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    ok: errors === 0 && !!pkg,
    errors,
    warnings: problems.length - errors,
    problems,
    sources: read.sources,
    digest: prepared.digest,
    summary: pkg ? summaryOf(pkg, read.photos.size) : null,
    reimport: pkg && batch ? reimportOf(ctx, pkg, batch, read.photos) : null,
  };
}
