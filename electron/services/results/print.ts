// Printable pages (issue 7 §7) of the 成绩汇总表 and the per-candidate 评分记录表 with the examiners'
// names: the same content as the xlsx forms, as data for an A4 page. ID numbers are masked here (the
// full number is not needed on paper that leaves the office). Every round of a re-scored candidate
// (issue 7 §6) is printed, the earlier ones marked as superseded.
import type { Sqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { AppError } from '../errors';
import { currentRound, panelComplete, submittedSheetsAllRounds } from '../scoring/sheets';
import { standardFor } from '../scoring/standards';
import { KIND_ZH, compileResults } from './compile';
import { LEVEL_ZH } from './publication';

function batchHead(sqlite: Sqlite, batchId: number) {
  const b = sqlite
    .prepare('SELECT b.plan_code AS planCode, b.name, b.exam_date AS examDate, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?')
    .get(batchId) as { planCode: string; name: string; examDate: string; orgName: string } | undefined;
  if (!b) throw new AppError('NOT_FOUND', '找不到该批次。', 'No such batch.');
  return b;
}

const KINDS = ['theory', 'skill', 'review'] as const;

/** 成绩汇总表 as printed: a column per subject kind, 是否通过 and remarks; ID numbers masked. */
export function summaryPrint(sqlite: Sqlite, batchId: number) {
  const head = batchHead(sqlite, batchId);
  const results = compileResults(sqlite, batchId);
  const present = new Set(results.flatMap((r) => r.subjects.map((s) => s.kind)));
  const kinds = KINDS.filter((k) => present.has(k));
  const gender = new Map((sqlite.prepare('SELECT id, gender AS g FROM candidates WHERE batch_id = ?').all(batchId) as { id: number; g: string | null }[]).map((r) => [r.id, r.g ?? '']));
  return {
    ...head,
    columns: ['序号', '姓名', '性别', '证件号码', '准考证号', '职业（工种）', '等级', ...kinds.map((k) => `${KIND_ZH[k]}成绩`), '是否通过', '备注'],
    rows: results.map((r, i) => {
      const remarks = [...r.subjects.filter((s) => s.reason && s.status !== 'scored').map((s) => `${KIND_ZH[s.kind]}：${s.reason}`), ...r.rulings.map((x) => x.reason)];
      return [
        String(i + 1),
        r.name,
        gender.get(r.candidateId) ?? '',
        r.docMasked,
        r.ticketNo,
        r.workType ? `${r.occupation}（${r.workType}）` : r.occupation,
        LEVEL_ZH[r.level] ?? String(r.level),
        ...kinds.map((k) => {
          const s = r.subjects.find((x) => x.kind === k);
          if (!s) return '—';
          if (s.status === 'absent') return '缺考';
          if (s.status === 'void') return '成绩无效';
          return s.score === null ? '待定' : s.score.toFixed(1);
        }),
        r.outcome === 'passed' ? '是' : '否',
        [...new Set(remarks)].join('；'),
      ];
    }),
  };
}

/** 评分记录表 per candidate of a skill/review subject, each examiner's points per item, total and name. */
export function recordSheetsPrint(sqlite: Sqlite, batchId: number, subjectId: number) {
  const head = batchHead(sqlite, batchId);
  const items = standardFor(sqlite, subjectId);
  if (!items.length) throw new AppError('CONFLICT', '该科目尚未设定评分标准。', 'The subject has no standard.');
  const subj = sqlite
    .prepare('SELECT su.kind, su.batch_id AS batchId, o.name AS occ, o.work_type_name AS wt, o.level FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.id = ?')
    .get(subjectId) as { kind: string; batchId: number; occ: string; wt: string | null; level: number } | undefined;
  if (!subj || subj.batchId !== batchId) throw new AppError('NOT_FOUND', '找不到该科目。', 'No such subject.');
  if (subj.kind === 'theory') throw new AppError('BAD_INPUT', '理论知识科目没有评分记录表。', 'Theory has no record sheets.');
  const cands = sqlite
    .prepare(
      `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, r.code AS room, cs.seat, es.name AS session FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       LEFT JOIN rooms r ON r.id = cs.room_id LEFT JOIN exam_sessions es ON es.id = cs.session_id WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
    )
    .all(subjectId) as { id: number; name: string; ticketNo: string; doc: string; room: string | null; seat: string | null; session: string | null }[];
  const compiled = new Map(compileResults(sqlite, batchId).map((r) => [r.candidateId, r]));
  const title = `${subj.wt ? `${subj.occ}（${subj.wt}）` : subj.occ} ${LEVEL_ZH[subj.level] ?? ''} ${KIND_ZH[subj.kind] ?? ''}评分记录表`;
  return {
    ...head,
    title,
    items: items.map((i) => ({ position: i.position, name: i.name, criteria: i.criteria, maxPoints: i.maxPoints, safety: i.safety })),
    candidates: cands.map((c) => {
      const current = currentRound(sqlite, c.id, subjectId);
      const all = submittedSheetsAllRounds(sqlite, c.id, subjectId);
      // the current round only once the whole panel has submitted (independence); earlier rounds are closed
      const rounds = [...new Set(all.map((s) => s.round))].filter((r) => r < current || panelComplete(sqlite, c.id, subjectId)).sort((a, b) => a - b);
      const result = compiled.get(c.id)?.subjects.find((s) => s.subjectId === subjectId);
      return {
        candidateId: c.id,
        name: c.name,
        ticketNo: c.ticketNo,
        docMasked: maskDocNumber(c.doc),
        session: c.session ?? '',
        room: c.room ?? '',
        seat: c.seat ?? '',
        rounds: rounds.map((round) => ({
          round,
          superseded: round < current,
          sheets: all
            .filter((s) => s.round === round)
            .map((s) => ({
              examiner: s.examinerName,
              total: s.total,
              submittedAt: s.submittedAt,
              points: items.map((it) => {
                const e = s.entries.find((x) => x.itemId === it.id);
                return e?.missing ? '缺项' : e?.points === null || e?.points === undefined ? '' : String(e.points);
              }),
            })),
        })),
        score: result?.score ?? null,
        scoreText: result ? (result.score !== null ? result.score.toFixed(1) : (result.reason ?? '待定')) : '—',
      };
    }),
  };
}
