// G5, S9: what a publication (公示) shows. The list comes from the batch's latest sealed package,
// checked against the database first (A1), so nothing can change under a running publication. A
// published line is the official form's (姓名, masked ID, 职业（工种）, 等级, per-subject result,
// 是否通过) in the vocabulary's Chinese, stored as published.
import { z } from 'zod';
import type { ReadSqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { LEVEL_ZH, OUTCOME_ZH, SUBJECT_KIND_RESULT_ZH, SUBJECT_RESULT_ZH, occupationZh, type SubjectKind } from '../../domain/vocabulary';
import { canonicalJson } from '../canonical';
import { AppError } from '../errors';
import { OUTCOMES, SUBJECT_STATUSES, type CandidateResult, type SubjectResult } from '../results/compile';
import { RESULTS_FORMAT, latestSealed, sealedById, sealedDrift, type SealedPackageRow } from './sealed';

export const publicationRowSchema = z.object({
  candidateId: z.number(),
  name: z.string(),
  docMasked: z.string(),
  occupation: z.string(),
  level: z.string(),
  subjects: z.array(z.object({ subjectId: z.number().optional(), kind: z.string(), label: z.string(), result: z.string() })),
  passed: z.string(),
});
export type PublicationRow = z.infer<typeof publicationRowSchema>;
export const publicationRows = z.array(publicationRowSchema);

/** What a published line needs: the candidate's identity (from the plan) and the result (as sealed). */
export type PublishedResult = Pick<CandidateResult, 'candidateId' | 'ticketNo' | 'name' | 'docMasked' | 'occupation' | 'workType' | 'level' | 'outcome'> & {
  subjects: readonly Pick<SubjectResult, 'subjectId' | 'kind' | 'status' | 'score' | 'passed'>[];
};

function subjectText(s: PublishedResult['subjects'][number]): string {
  if (s.status === 'absent') return SUBJECT_RESULT_ZH.absent;
  if (s.status === 'void') return SUBJECT_RESULT_ZH.void;
  if (s.score === null) return SUBJECT_RESULT_ZH.pending;
  return `${s.score.toFixed(1)}（${s.passed ? '合格' : '不合格'}）`;
}

function passedText(outcome: PublishedResult['outcome']): string {
  if (outcome === 'passed') return '是';
  return outcome === 'failed' ? '否' : `否（${OUTCOME_ZH[outcome]}）`;
}

/** The list as published: 姓名, masked ID, 职业(工种), 等级, per-subject result, 是否通过. */
export function publicationList(results: readonly PublishedResult[]): PublicationRow[] {
  return results.map((r) => ({
    candidateId: r.candidateId,
    name: r.name,
    docMasked: r.docMasked,
    occupation: occupationZh(r.occupation, r.workType),
    level: LEVEL_ZH[r.level] ?? String(r.level),
    subjects: r.subjects.map((s) => ({ subjectId: s.subjectId, kind: s.kind, label: SUBJECT_KIND_RESULT_ZH[s.kind as SubjectKind] ?? s.kind, result: subjectText(s) })),
    passed: passedText(r.outcome),
  }));
}

const sealedLine = z.object({
  ticketNo: z.string(),
  candidateId: z.number(),
  outcome: z.enum(OUTCOMES),
  subjects: z.array(z.object({ subjectId: z.number(), kind: z.string(), status: z.enum(SUBJECT_STATUSES), score: z.number().nullable(), passed: z.boolean() })),
});
const sealedResults = z.object({ format: z.literal(RESULTS_FORMAT), results: z.array(sealedLine) });

export function packageRow(sqlite: ReadSqlite, id: number): SealedPackageRow {
  const row = sealedById(sqlite, id);
  if (!row) throw new AppError('NOT_FOUND', 'publication.packageNotFound', { packageId: id });
  return row;
}

/** The results a sealed package holds, with each candidate's name, masked ID, occupation and level from the plan. */
export function packageResults(sqlite: ReadSqlite, pkg: SealedPackageRow): PublishedResult[] {
  const content = z.object({ content: sealedResults }).transform((e) => e.content).safeParse(JSON.parse(pkg.body));
  if (!content.success) throw new AppError('CONFLICT', 'publication.notResultsPackage', { version: pkg.version });
  const who = new Map(
    sqlite
      .prepare<[number], { id: number; name: string; doc: string; occupation: string; workType: string | null; level: number }>(
        'SELECT c.id, c.name, c.doc_number AS doc, o.name AS occupation, o.work_type_name AS workType, o.level FROM candidates c JOIN occupations o ON o.id = c.occupation_id WHERE c.batch_id = ?',
      )
      .all(pkg.batch_id)
      .map((c) => [c.id, c]),
  );
  return content.data.results.map((r) => {
    const c = who.get(r.candidateId);
    if (!c) throw new AppError('CONFLICT', 'publication.sealedCandidateMissing', { ticketNo: r.ticketNo });
    return { candidateId: r.candidateId, ticketNo: r.ticketNo, name: c.name, docMasked: maskDocNumber(c.doc), occupation: c.occupation, workType: c.workType, level: c.level, outcome: r.outcome, subjects: r.subjects };
  });
}

/**
 * S9, G5, A1: the version a publication shows — the batch's latest sealed package, after checking
 * that the database still holds exactly what was sealed. Refused, saying what to do, while the
 * batch is not sealed or is open for an amendment.
 */
export function sealedVersion(sqlite: ReadSqlite, batchId: number): { pkg: SealedPackageRow; results: PublishedResult[] } {
  const b = sqlite.prepare<[number], { status: string }>('SELECT status FROM batches WHERE id = ?').get(batchId);
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  if (b.status === 'amending') throw new AppError('CONFLICT', 'publication.amending', { batchId });
  if (b.status !== 'sealed') throw new AppError('CONFLICT', 'publication.notSealed', { batchId });
  const pkg = latestSealed(sqlite, batchId);
  if (!pkg) throw new AppError('CONFLICT', 'publication.noPackage', { batchId });
  const drift = sealedDrift(sqlite, pkg);
  if (drift) throw new AppError('CONFLICT', 'publication.drift', { path: drift.path, version: pkg.version }, { details: drift });
  return { pkg, results: packageResults(sqlite, pkg) };
}

/** Which version a publication would show now (the publication page's header), or why none (coded). */
export function publicationBasis(sqlite: ReadSqlite, batchId: number) {
  try {
    const { pkg, results } = sealedVersion(sqlite, batchId);
    return { ok: true as const, version: pkg.version, hash: pkg.hash, kind: pkg.kind, sealedAt: pkg.created_at, candidates: results.length, refusal: null };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false as const, version: null, hash: null, kind: null, sealedAt: null, candidates: 0, refusal: e.toData() };
  }
}

/** Each candidate's line as last published (a later publication replaces an earlier one). */
function lastPublished(sqlite: ReadSqlite, batchId: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const p of sqlite.prepare<[number], { snapshot: string }>('SELECT snapshot FROM publications WHERE batch_id = ? ORDER BY id').all(batchId)) {
    for (const row of publicationRows.parse(JSON.parse(p.snapshot))) out.set(row.candidateId, canonicalJson(row));
  }
  return out;
}

/** The candidates whose line in the given list differs from what was last published for them. */
export function changedSincePublished(sqlite: ReadSqlite, batchId: number, list: readonly PublicationRow[]): Set<number> {
  const last = lastPublished(sqlite, batchId);
  return new Set(list.filter((r) => last.has(r.candidateId) && last.get(r.candidateId) !== canonicalJson(r)).map((r) => r.candidateId));
}
