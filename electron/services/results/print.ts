// Printable pages of the 成绩汇总表 and the per-candidate 评分记录表 with the examiners' names (G6):
// the same content as the xlsx forms, as data for an A4 page. ID numbers are masked here (the full
// number is not needed on paper that leaves the office). Every round of a re-scored candidate (G5)
// is printed, the earlier ones marked as superseded.
import type { ReadSqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { SUBJECT_RESULT_ZH } from '../../domain/vocabulary';
import { compileResults, subjectRemarkZh } from './compile';
import { itemCell, recordRounds, recordSubject, recordTitle } from './sheets-record';
import { summaryRows } from './summary';
import { batchHead } from './xlsx';

/** 成绩汇总表 as printed: a column per subject kind, 是否通过 and remarks; ID numbers masked. */
export function summaryPrint(sqlite: ReadSqlite, batchId: number) {
  const head = batchHead(sqlite, batchId);
  const gender = new Map(sqlite.prepare<[number], { id: number; g: string | null }>('SELECT id, gender AS g FROM candidates WHERE batch_id = ?').all(batchId).map((r) => [r.id, r.g ?? '']));
  const { columns, rows } = summaryRows(compileResults(sqlite, batchId), (r) => r.docMasked, (r) => gender.get(r.candidateId) ?? '', (s) => s.score.toFixed(1));
  return { ...head, columns, rows: rows.map((r) => r.map(String)) };
}

interface PrintCandidate {
  id: number;
  name: string;
  ticketNo: string;
  doc: string;
  room: string | null;
  seat: string | null;
  session: string | null;
}

/** 评分记录表 per candidate of a skill/review subject, each examiner's points per item, total and name. */
export function recordSheetsPrint(sqlite: ReadSqlite, batchId: number, subjectId: number) {
  const head = batchHead(sqlite, batchId);
  const { subject, items } = recordSubject(sqlite, batchId, subjectId);
  const cands = sqlite
    .prepare<[number], PrintCandidate>(
      `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, r.code AS room, cs.seat, es.name AS session FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       LEFT JOIN rooms r ON r.id = cs.room_id LEFT JOIN exam_sessions es ON es.id = cs.session_id WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
    )
    .all(subjectId);
  const compiled = new Map(compileResults(sqlite, batchId).map((r) => [r.candidateId, r]));
  return {
    ...head,
    title: recordTitle(subject),
    items: items.map((i) => ({ position: i.position, name: i.name, criteria: i.criteria, maxPoints: i.maxPoints, safety: i.safety })),
    candidates: cands.map((c) => {
      const result = compiled.get(c.id)?.subjects.find((s) => s.subjectId === subjectId);
      return {
        candidateId: c.id,
        name: c.name,
        ticketNo: c.ticketNo,
        docMasked: maskDocNumber(c.doc),
        session: c.session ?? '',
        room: c.room ?? '',
        seat: c.seat ?? '',
        rounds: recordRounds(sqlite, c.id, subjectId).rounds.map(({ round, superseded, sheets }) => ({
          round,
          superseded,
          sheets: sheets.map((s) => ({ examiner: s.examinerName, total: s.total, submittedAt: s.submittedAt, points: items.map((it) => String(itemCell(s, it.id))) })),
        })),
        score: result?.score ?? null,
        scoreText: result ? (result.score !== null ? result.score.toFixed(1) : (subjectRemarkZh(result) ?? SUBJECT_RESULT_ZH.pending)) : '—',
      };
    }),
  };
}
