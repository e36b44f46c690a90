// G6: the 成绩汇总表's columns and rows, shared by the xlsx form and the printed page: a column per
// subject kind present, 是否通过 and the remarks (缺考, rulings, why a score is missing).
import { LEVEL_ZH, SUBJECT_KINDS, SUBJECT_KIND_RESULT_ZH, SUBJECT_RESULT_ZH, occupationZh, type SubjectKind } from '../../domain/vocabulary';
import { subjectRemarkZh, type CandidateResult, type SubjectResult } from './compile';

type Cell = string | number;

function kindsIn(results: readonly CandidateResult[]): SubjectKind[] {
  const present = new Set(results.flatMap((r) => r.subjects.map((s) => s.kind)));
  return SUBJECT_KINDS.filter((k) => present.has(k));
}

function subjectCell(r: CandidateResult, kind: string, score: (s: SubjectResult & { score: number }) => Cell): Cell {
  const s = r.subjects.find((x) => x.kind === kind);
  if (!s) return '—';
  if (s.status === 'absent') return SUBJECT_RESULT_ZH.absent;
  if (s.status === 'void') return SUBJECT_RESULT_ZH.void;
  return s.score === null ? SUBJECT_RESULT_ZH.pending : score({ ...s, score: s.score });
}

function remarks(r: CandidateResult): string {
  const lines: string[] = [];
  for (const s of r.subjects) {
    const remark = s.status === 'scored' ? null : subjectRemarkZh(s);
    if (remark) lines.push(`${SUBJECT_KIND_RESULT_ZH[s.kind as SubjectKind] ?? s.kind}：${remark}`);
  }
  for (const x of r.rulings) lines.push(x.reason);
  return [...new Set(lines)].join('；');
}

/**
 * The summary's header and rows. `doc` and `gender` give the candidate's columns (the xlsx writes the
 * full ID number, the print a masked one), `score` a scored subject's cell.
 */
export function summaryRows(
  results: readonly CandidateResult[],
  doc: (r: CandidateResult) => string,
  gender: (r: CandidateResult) => string,
  score: (s: SubjectResult & { score: number }) => Cell,
): { columns: string[]; rows: Cell[][] } {
  const kinds = kindsIn(results);
  const columns = ['序号', '姓名', '性别', '证件号码', '准考证号', '职业（工种）', '等级', ...kinds.map((k) => `${SUBJECT_KIND_RESULT_ZH[k]}成绩`), '是否通过', '备注'];
  const rows = results.map((r, i) => [
    i + 1,
    r.name,
    gender(r),
    doc(r),
    r.ticketNo,
    occupationZh(r.occupation, r.workType),
    LEVEL_ZH[r.level] ?? r.level,
    ...kinds.map((k) => subjectCell(r, k, score)),
    r.outcome === 'passed' ? '是' : '否',
    remarks(r),
  ]);
  return { columns, rows };
}
