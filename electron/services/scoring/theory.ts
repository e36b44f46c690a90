// G2: theory scores from the on-screen exam system. A result file is read and matched
// (theory-file.ts), staged with its unmatched and duplicate rows, and counts only once a marker
// confirms it. Paper theory is entered twice instead (paper.ts, G4).
import type { ReadSqlite } from '../../../db';
import type { TheoryFileEncoding, TheoryImportStatus } from '../../../db/schema/scoring';
import { canonicalJson } from '../canonical';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { matchTheoryRows, theoryReportSchema, type TheoryReport, type TheoryRow } from './theory-file';

export { matchTheoryRows, readTheoryFile, type MatchedRow, type TheoryReport, type TheoryRow } from './theory-file';

/** The subject, refused unless it exists and is a theory subject. */
export function theorySubject(sqlite: ReadSqlite, subjectId: number): { id: number; batchId: number; mode: string } {
  const s = sqlite.prepare<[number], { id: number; batchId: number; kind: string; mode: string }>('SELECT id, batch_id AS batchId, kind, mode FROM subjects WHERE id = ?').get(subjectId);
  if (!s) throw new AppError('NOT_FOUND', 'scoring.subjectNotFound', { subjectId });
  if (s.kind !== 'theory') throw new AppError('BAD_INPUT', 'scoring.notTheory');
  return s;
}

/** Stages an import (pending) with its report; nothing counts until a marker confirms it. */
export function stageTheoryImport(ctx: ServiceContext, input: { subjectId: number; fileName: string; encoding: TheoryFileEncoding; digest: string; rows: TheoryRow[] }) {
  const subject = theorySubject(ctx.sqlite, input.subjectId);
  if (input.rows.length === 0) throw new AppError('BAD_INPUT', 'scoring.theoryNoRows');
  const report = matchTheoryRows(ctx.sqlite, input.subjectId, input.rows);
  const id = ctx.sqlite
    .prepare<[number, number, string, string, string, string, string, number]>(
      "INSERT INTO theory_imports (batch_id, subject_id, file_name, encoding, digest, status, report, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
    )
    .run(subject.batchId, input.subjectId, input.fileName, input.encoding, input.digest, canonicalJson(report), nowIso(ctx), actorOf(ctx).staffId).lastInsertRowid;
  const summary = { matched: report.matched.length, unmatched: report.unmatched, duplicates: report.duplicates, missing: report.missing };
  ctx.note({ importId: Number(id), fileName: input.fileName, encoding: input.encoding, digest: input.digest, matched: summary.matched, unmatched: report.unmatched.length, duplicates: report.duplicates.length });
  return { importId: Number(id), report: summary };
}

interface ImportRow {
  id: number;
  subjectId: number;
  fileName: string;
  encoding: TheoryFileEncoding;
  status: TheoryImportStatus;
  report: string;
  importedAt: string;
  confirmedAt: string | null;
}

export function theoryImportDetail(sqlite: ReadSqlite, importId: number): Omit<ImportRow, 'report'> & { report: TheoryReport } {
  const row = sqlite
    .prepare<[number], ImportRow>(
      'SELECT id, subject_id AS subjectId, file_name AS fileName, encoding, status, report, imported_at AS importedAt, confirmed_at AS confirmedAt FROM theory_imports WHERE id = ?',
    )
    .get(importId);
  if (!row) throw new AppError('NOT_FOUND', 'scoring.importNotFound', { importId });
  return { ...row, report: theoryReportSchema.parse(JSON.parse(row.report)) };
}

/** G2: the marker reviewed the staged scores and confirms them; only now do they count. */
export function confirmTheoryImport(ctx: ServiceContext, importId: number) {
  const by = actorOf(ctx).staffId;
  const imp = theoryImportDetail(ctx.sqlite, importId);
  if (imp.status !== 'pending') throw new AppError('CONFLICT', 'scoring.importNotPending', { importId });
  const now = nowIso(ctx);
  const up = ctx.sqlite.prepare<[number, number, number, number, string, number]>(
    `INSERT INTO theory_scores (candidate_id, subject_id, score, source, import_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, 'computer', ?, ?, ?)
     ON CONFLICT (candidate_id, subject_id) DO UPDATE SET score = excluded.score, source = excluded.source, import_id = excluded.import_id, confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
  );
  for (const m of imp.report.matched) up.run(m.candidateId, imp.subjectId, m.score, importId, now, by);
  ctx.sqlite.prepare<[string, number, number]>("UPDATE theory_imports SET status = 'confirmed', confirmed_at = ?, confirmed_by = ? WHERE id = ?").run(now, by, importId);
  return { confirmed: imp.report.matched.length };
}

export interface TheoryImportListRow {
  id: number;
  subjectId: number;
  fileName: string;
  encoding: TheoryFileEncoding;
  status: TheoryImportStatus;
  importedAt: string;
  confirmedAt: string | null;
  importedBy: string | null;
  confirmedBy: string | null;
}

export function listTheoryImports(sqlite: ReadSqlite, batchId: number): TheoryImportListRow[] {
  return sqlite
    .prepare<[number], TheoryImportListRow>(
      `SELECT ti.id, ti.subject_id AS subjectId, ti.file_name AS fileName, ti.encoding, ti.status, ti.imported_at AS importedAt, ti.confirmed_at AS confirmedAt,
              a.name AS importedBy, b.name AS confirmedBy
       FROM theory_imports ti LEFT JOIN staff a ON a.id = ti.imported_by LEFT JOIN staff b ON b.id = ti.confirmed_by WHERE ti.batch_id = ? ORDER BY ti.id DESC`,
    )
    .all(batchId);
}
