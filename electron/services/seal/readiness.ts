// May the batch be sealed (DOMAIN S9, G5)? Every reason it may not, as an Issue list the seal page
// words (`seal.issue.<reason>` in zh-CN and en), and who must sign.
import { and, count, eq, ne } from 'drizzle-orm';
import { schema, type ReadDb } from '../../../db';
import type { BatchStatus } from '../../../db/schema/core';
import type { ReadContext } from '../context';
import { AppError, type Issue } from '../errors';
import { latestPackage, type PackageKind } from './package';
import { batchResults } from './results-read';
import { chiefsOf, holdersOf, type Person, type SignerRole } from './signers';

/** The first few of a list (ticket numbers, incident numbers), with an ellipsis when there are more. */
function examples(items: readonly string[], shown = 3): string {
  return items.slice(0, shown).join(', ') + (items.length > shown ? ', …' : '');
}

export interface Readiness {
  batchId: number;
  status: BatchStatus;
  ready: boolean;
  /** what stops the seal: codes and figures the seal page words */
  missing: Issue[];
  candidates: number;
  subjectResults: number;
  /** who must sign: the site head, the chief examiner(s) of the batch's panels, the supervisor */
  signers: { role: SignerRole; staffNo: string | null; name: string | null }[];
  latest: { version: number; hash: string; kind: PackageKind; createdAt: string } | null;
}

export function batchOf(db: ReadDb, batchId: number) {
  const b = db.select().from(schema.batches).where(eq(schema.batches.id, batchId)).get();
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  return b;
}

function subjectNames(db: ReadDb, batchId: number): Map<number, { occupation: string; level: number; kind: string }> {
  const rows = db
    .select({ id: schema.subjects.id, occupation: schema.occupations.name, level: schema.occupations.level, kind: schema.subjects.kind })
    .from(schema.subjects)
    .innerJoin(schema.occupations, eq(schema.occupations.id, schema.subjects.occupationId))
    .where(eq(schema.subjects.batchId, batchId))
    .all();
  return new Map(rows.map(({ id, ...s }) => [id, s]));
}

/** Subject results still without a final score, grouped by subject and status (pending, review). */
function openResults(ctx: ReadContext, batchId: number): { issues: Issue[]; candidates: number; subjectResults: number } {
  const results = batchResults(ctx.sqlite, batchId);
  const names = subjectNames(ctx.db, batchId);
  const open = new Map<string, { subjectId: number; status: 'pending' | 'review'; tickets: string[] }>();
  let subjectResults = 0;
  for (const r of results) {
    for (const s of r.subjects) {
      subjectResults += 1;
      if (s.status !== 'pending' && s.status !== 'review') continue;
      const key = `${s.subjectId}:${s.status}`;
      const g = open.get(key) ?? { subjectId: s.subjectId, status: s.status, tickets: [] };
      g.tickets.push(r.ticketNo);
      open.set(key, g);
    }
  }
  const issues: Issue[] = [];
  if (!results.length) issues.push({ reason: 'noCandidates' });
  for (const g of open.values()) {
    const name = names.get(g.subjectId);
    issues.push({
      reason: g.status === 'review' ? 'subjectReview' : 'subjectPending',
      params: {
        n: g.tickets.length,
        occupation: name?.occupation ?? `#${g.subjectId}`,
        level: name?.level ?? 0,
        kind: `@seal.subjectKind.${name?.kind ?? 'theory'}`,
        tickets: examples(g.tickets),
      },
    });
  }
  return { issues, candidates: results.length, subjectResults };
}

/** Incidents not yet ruled by the supervisor, and theory imports not yet confirmed (G2). */
function openRecords(db: ReadDb, batchId: number): Issue[] {
  const issues: Issue[] = [];
  const unruled = db
    .select({ id: schema.incidents.id })
    .from(schema.incidents)
    .where(and(eq(schema.incidents.batchId, batchId), ne(schema.incidents.status, 'ruled')))
    .orderBy(schema.incidents.id)
    .all();
  if (unruled.length) {
    issues.push({ reason: 'incidentsUnruled', params: { n: unruled.length, ids: examples(unruled.map((i) => `#${i.id}`)) } });
  }
  const pending = db
    .select({ n: count() })
    .from(schema.theoryImports)
    .where(and(eq(schema.theoryImports.batchId, batchId), eq(schema.theoryImports.status, 'pending')))
    .get();
  if (pending?.n) issues.push({ reason: 'theoryImportsPending', params: { n: pending.n } });
  return issues;
}

function signersOf(chiefs: Person[], heads: Person[], sups: Person[]): Readiness['signers'] {
  const one = (role: SignerRole, p: Person | undefined) => ({ role, staffNo: p?.staffNo ?? null, name: p?.name ?? null });
  return [one('site_head', heads[0]), ...chiefs.map((p) => one('chief_examiner', p)), one('supervisor', sups[0])];
}

/** S9/G5: may the batch be sealed? Lists everything still missing, as codes. */
export function sealReadiness(ctx: ReadContext, batchId: number): Readiness {
  const b = batchOf(ctx.db, batchId);
  const results = openResults(ctx, batchId);
  const missing = [...results.issues, ...openRecords(ctx.db, batchId)];
  const chiefs = chiefsOf(ctx.db, batchId);
  const heads = holdersOf(ctx.db, batchId, 'site_head');
  const sups = holdersOf(ctx.db, batchId, 'supervisor');
  if (!chiefs.length) missing.push({ reason: 'noChiefExaminer' });
  if (!sups.length) missing.push({ reason: 'noSupervisor' });
  const latest = latestPackage(ctx.sqlite, batchId);
  if (b.status === 'sealed') missing.push({ reason: 'alreadySealed', params: { version: latest?.version ?? 1 } });
  return {
    batchId,
    status: b.status,
    ready: missing.length === 0,
    missing,
    candidates: results.candidates,
    subjectResults: results.subjectResults,
    signers: signersOf(chiefs, heads, sups),
    latest: latest ? { version: latest.version, hash: latest.hash, kind: latest.kind, createdAt: latest.created_at } : null,
  };
}
