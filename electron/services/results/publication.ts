// G5: the publication (公示) of a batch's results, its objections, and the confirmation (确认单)
// once the period has ended with no objection left open.
import type { Sqlite } from '../../../db';
import { canonicalJson } from '../canonical';
import { AppError } from '../errors';
import { WorkCalendar, publicationEnd } from './calendar';
import { KIND_ZH, OUTCOME_ZH, compileResults, type CandidateResult } from './compile';
import { openRescore } from './rescore';

export const LEVEL_ZH: Record<number, string> = { 1: '一级/高级技师', 2: '二级/技师', 3: '三级/高级工', 4: '四级/中级工', 5: '五级/初级工' };

export interface PublicationRow {
  candidateId: number;
  name: string;
  docMasked: string;
  occupation: string;
  level: string;
  subjects: { subjectId?: number; kind: string; label: string; result: string }[];
  passed: string;
}

function subjectText(s: CandidateResult['subjects'][number]): string {
  if (s.status === 'absent') return '缺考';
  if (s.status === 'void') return '成绩无效';
  if (s.score === null) return '待定';
  return `${s.score.toFixed(1)}（${s.passed ? '合格' : '不合格'}）`;
}

/** The list as published: 姓名, masked ID, 职业(工种), 等级, per-subject result, 是否通过. */
export function publicationList(results: readonly CandidateResult[]): PublicationRow[] {
  return results.map((r) => ({
    candidateId: r.candidateId,
    name: r.name,
    docMasked: r.docMasked,
    occupation: r.workType ? `${r.occupation}（${r.workType}）` : r.occupation,
    level: LEVEL_ZH[r.level] ?? String(r.level),
    subjects: r.subjects.map((s) => ({ subjectId: s.subjectId, kind: s.kind, label: KIND_ZH[s.kind] ?? s.kind, result: subjectText(s) })),
    passed: r.outcome === 'passed' ? '是' : OUTCOME_ZH[r.outcome] === '不通过' ? '否' : `否（${OUTCOME_ZH[r.outcome]}）`,
  }));
}

/** Opens a publication: refused while any result is pending or awaiting the chief's review. */
export function openPublication(sqlite: Sqlite, batchId: number, startDate: string, at: string, by: number) {
  const open = sqlite.prepare("SELECT id FROM publications WHERE batch_id = ? AND status = 'open' AND kind = 'main'").get(batchId) as { id: number } | undefined;
  if (open) throw new AppError('CONFLICT', '本批次已有进行中的公示。', 'A publication is already open.');
  const results = compileResults(sqlite, batchId);
  const pending = results.filter((r) => r.outcome === 'pending');
  if (pending.length) {
    throw new AppError('CONFLICT', `尚有 ${pending.length} 名考生成绩未完成（如 ${pending.slice(0, 3).map((p) => p.name).join('、')}），不能公示。`, `${pending.length} results are pending.`, {
      params: { pending: pending.length },
    });
  }
  const endDate = publicationEnd(new WorkCalendar(sqlite), startDate);
  const list = publicationList(results);
  const id = sqlite
    .prepare("INSERT INTO publications (batch_id, start_date, end_date, snapshot, status, created_at, created_by) VALUES (?, ?, ?, ?, 'open', ?, ?)")
    .run(batchId, startDate, endDate, canonicalJson(list), at, by).lastInsertRowid;
  return { id: Number(id), startDate, endDate, count: list.length };
}

/**
 * G5 for changed results (issue 7 §6): a supplementary publication (补充公示) of the candidates whose
 * re-examination is done and not yet published again, with its own five working days. Its objections
 * are handled like any other; its 确认单 lists them once it ends with none open.
 */
export function openSupplement(sqlite: Sqlite, batchId: number, startDate: string, at: string, by: number) {
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.candidate_id AS candidateId FROM rescores r JOIN candidates c ON c.id = r.candidate_id
       WHERE c.batch_id = ? AND r.status = 'done' AND r.republished_in IS NULL ORDER BY r.id`,
    )
    .all(batchId) as { id: number; candidateId: number }[];
  const busy = new Set(
    (sqlite.prepare("SELECT r.candidate_id AS c FROM rescores r JOIN candidates c ON c.id = r.candidate_id WHERE c.batch_id = ? AND r.status = 'open'").all(batchId) as { c: number }[]).map(
      (r) => r.c,
    ),
  );
  // a candidate with another subject still being re-examined waits for the next supplement
  const ready = rows.filter((r) => !busy.has(r.candidateId));
  if (!ready.length) throw new AppError('CONFLICT', '没有已重新评定、待重新公示的成绩。', 'No changed result awaits publication.');
  const ids = new Set(ready.map((r) => r.candidateId));
  const results = compileResults(sqlite, batchId).filter((r) => ids.has(r.candidateId));
  const pending = results.filter((r) => r.outcome === 'pending');
  if (pending.length) throw new AppError('CONFLICT', `${pending.map((p) => p.name).join('、')} 的成绩尚未完成，不能公示。`, 'Some changed results are pending.');
  const endDate = publicationEnd(new WorkCalendar(sqlite), startDate);
  const list = publicationList(results);
  const id = Number(
    sqlite
      .prepare("INSERT INTO publications (batch_id, start_date, end_date, snapshot, status, kind, created_at, created_by) VALUES (?, ?, ?, ?, 'open', 'supplement', ?, ?)")
      .run(batchId, startDate, endDate, canonicalJson(list), at, by).lastInsertRowid,
  );
  const mark = sqlite.prepare('UPDATE rescores SET republished_in = ? WHERE id = ?');
  for (const r of ready) mark.run(id, r.id);
  return { id, startDate, endDate, count: list.length, candidateIds: [...ids] };
}

export function publicationsOf(sqlite: Sqlite, batchId: number) {
  return (sqlite.prepare('SELECT id, start_date AS startDate, end_date AS endDate, status, kind, created_at AS createdAt, snapshot FROM publications WHERE batch_id = ? ORDER BY id DESC').all(batchId) as {
    id: number;
    startDate: string;
    endDate: string;
    status: string;
    kind: string;
    createdAt: string;
    snapshot: string;
  }[]).map((p) => ({ ...p, snapshot: JSON.parse(p.snapshot) as PublicationRow[] }));
}

export function objectionsOf(sqlite: Sqlite, publicationId: number) {
  return sqlite
    .prepare(
      `SELECT o.id, o.candidate_id AS candidateId, c.name AS candidateName, o.subject_id AS subjectId, o.raised_by AS raisedBy, o.content, o.received_at AS receivedAt,
              o.status, o.investigation, o.decision, o.outcome, d.name AS decidedBy, o.decided_at AS decidedAt, r.name AS recordedBy
       FROM objections o LEFT JOIN candidates c ON c.id = o.candidate_id LEFT JOIN staff d ON d.id = o.decided_by LEFT JOIN staff r ON r.id = o.recorded_by
       WHERE o.publication_id = ? ORDER BY o.id`,
    )
    .all(publicationId) as {
    id: number;
    candidateId: number | null;
    candidateName: string | null;
    subjectId: number | null;
    raisedBy: string;
    content: string;
    receivedAt: string;
    status: string;
    investigation: string | null;
    decision: string | null;
    outcome: string | null;
    decidedBy: string | null;
    decidedAt: string | null;
    recordedBy: string | null;
  }[];
}

function publication(sqlite: Sqlite, id: number) {
  const p = sqlite.prepare('SELECT id, batch_id AS batchId, start_date AS startDate, end_date AS endDate, status FROM publications WHERE id = ?').get(id) as
    | { id: number; batchId: number; startDate: string; endDate: string; status: string }
    | undefined;
  if (!p) throw new AppError('NOT_FOUND', '找不到该公示。', 'No such publication.');
  return p;
}

export function recordObjection(sqlite: Sqlite, at: string, by: number, input: { publicationId: number; candidateId?: number | undefined; raisedBy: string; content: string }) {
  const p = publication(sqlite, input.publicationId);
  if (p.status !== 'open') throw new AppError('CONFLICT', '该公示已结束，不能再登记异议。', 'The publication has ended.');
  if (input.candidateId) {
    const c = sqlite.prepare('SELECT batch_id AS b FROM candidates WHERE id = ?').get(input.candidateId) as { b: number } | undefined;
    if (!c || c.b !== p.batchId) throw new AppError('NOT_FOUND', '找不到该考生。', 'No such candidate.');
  }
  const id = sqlite
    .prepare("INSERT INTO objections (publication_id, candidate_id, raised_by, content, received_at, recorded_by, status) VALUES (?, ?, ?, ?, ?, ?, 'open')")
    .run(input.publicationId, input.candidateId ?? null, input.raisedBy, input.content, at, by).lastInsertRowid;
  return { id: Number(id) };
}

export function investigateObjection(sqlite: Sqlite, input: { objectionId: number; investigation: string }) {
  const o = sqlite.prepare('SELECT status FROM objections WHERE id = ?').get(input.objectionId) as { status: string } | undefined;
  if (!o) throw new AppError('NOT_FOUND', '找不到该异议。', 'No such objection.');
  if (o.status === 'resolved') throw new AppError('CONFLICT', '该异议已处理完毕。', 'Already resolved.');
  sqlite.prepare("UPDATE objections SET status = 'investigating', investigation = ? WHERE id = ?").run(input.investigation, input.objectionId);
  return { status: 'investigating' };
}

/**
 * Resolves with an attributed decision. An upheld objection may name the subject to examine again
 * (issue 7 §6): the changed result then goes through the same rules (new round / G4 correction) and a
 * supplementary publication before any 确认单 includes it.
 */
export function resolveObjection(sqlite: Sqlite, at: string, by: number, input: { objectionId: number; decision: string; outcome: 'upheld' | 'rejected'; subjectId?: number | undefined }) {
  const o = sqlite.prepare('SELECT status, investigation FROM objections WHERE id = ?').get(input.objectionId) as { status: string; investigation: string | null } | undefined;
  if (!o) throw new AppError('NOT_FOUND', '找不到该异议。', 'No such objection.');
  if (o.status === 'resolved') throw new AppError('CONFLICT', '该异议已处理完毕。', 'Already resolved.');
  if (!o.investigation) throw new AppError('CONFLICT', '请先记录调查情况，再作出处理决定。', 'Record the investigation first.');
  if (input.subjectId !== undefined && input.outcome !== 'upheld') throw new AppError('BAD_INPUT', '只有异议成立时才重新评定科目成绩。', 'Only an upheld objection re-examines a subject.');
  sqlite.prepare("UPDATE objections SET status = 'resolved', decision = ?, outcome = ?, decided_by = ?, decided_at = ? WHERE id = ?").run(input.decision, input.outcome, by, at, input.objectionId);
  const rescore = input.subjectId !== undefined ? openRescore(sqlite, at, by, { objectionId: input.objectionId, subjectId: input.subjectId }) : null;
  return { status: 'resolved', rescore };
}

/**
 * The 公示结果确认单 per occupation and level: only after the end date with no objection open.
 * "以上共 N 名人员，通过 X 职业 Y 等级职业技能等级认定，经公示无异议" lists those who passed.
 */
export function confirmationSheets(sqlite: Sqlite, publicationId: number, today: string) {
  const p = publication(sqlite, publicationId);
  if (today <= p.endDate) throw new AppError('CONFLICT', `公示期至 ${p.endDate} 结束，期满后方可生成确认单。`, `The publication ends on ${p.endDate}.`, { params: { endDate: p.endDate } });
  const open = objectionsOf(sqlite, publicationId).filter((o) => o.status !== 'resolved');
  if (open.length) throw new AppError('CONFLICT', `尚有 ${open.length} 条异议未处理完毕，不能生成确认单。`, `${open.length} objections are open.`);
  const batch = sqlite
    .prepare('SELECT b.plan_code AS planCode, b.name AS batchName, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?')
    .get(p.batchId) as { planCode: string; batchName: string; orgName: string };
  // only those this publication listed; a result changed after it (objection upheld here) is confirmed
  // by the supplementary publication that publishes it again (G5, issue 7 §6), not by this one
  const listed = new Set((JSON.parse((sqlite.prepare('SELECT snapshot FROM publications WHERE id = ?').get(publicationId) as { snapshot: string }).snapshot) as PublicationRow[]).map((r) => r.candidateId));
  const changed = new Set(
    (sqlite.prepare('SELECT r.candidate_id AS c FROM rescores r JOIN objections o ON o.id = r.objection_id WHERE o.publication_id = ?').all(publicationId) as { c: number }[]).map((r) => r.c),
  );
  const results = compileResults(sqlite, p.batchId).filter((r) => listed.has(r.candidateId) && !changed.has(r.candidateId));
  const groups = new Map<string, { occupation: string; level: number; names: string[] }>();
  for (const r of results) {
    const occ = r.workType ? `${r.occupation}（${r.workType}）` : r.occupation;
    const key = `${occ}|${r.level}`;
    const g = groups.get(key) ?? { occupation: occ, level: r.level, names: [] };
    if (r.outcome === 'passed') g.names.push(r.name);
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.names.length > 0)
    .map((g) => ({
      ...batch,
      occupation: g.occupation,
      level: LEVEL_ZH[g.level] ?? String(g.level),
      names: g.names,
      sentence: `以上共 ${g.names.length} 名人员，通过 ${g.occupation} 职业 ${LEVEL_ZH[g.level] ?? g.level} 等级职业技能等级认定，经公示无异议。`,
    }));
}

/** Ends the period (after its end date); the confirmation is then available when no objection is open. */
export function endPublication(sqlite: Sqlite, publicationId: number, today: string) {
  const p = publication(sqlite, publicationId);
  if (p.status !== 'open') throw new AppError('CONFLICT', '该公示已结束。', 'Already ended.');
  if (today <= p.endDate) throw new AppError('CONFLICT', `公示期至 ${p.endDate} 结束，尚未期满。`, 'The period has not ended.');
  sqlite.prepare("UPDATE publications SET status = 'ended' WHERE id = ?").run(publicationId);
  return { status: 'ended' };
}
