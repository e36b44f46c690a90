// G1: results per candidate and subject. Skill and review subjects take the panel's score (S5),
// theory subjects the confirmed theory score (G2/G4); absences and supervisor rulings apply.
// A candidate passes only when every subject taken passes (not on a total).
import type { Sqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { AppError } from '../errors';
import { DEFAULT_SPREAD_THRESHOLD, PANEL_REASON_ZH, PASS_MARK, panelScore } from '../scoring/panel';
import { CURRENT_ROUND_SQL } from '../scoring/sheets';
import { absentees, rulingsFor, type Ruling } from './inputs';

export type SubjectStatus = 'scored' | 'pending' | 'review' | 'absent' | 'void';
export type Outcome = 'passed' | 'failed' | 'absent' | 'void' | 'pending';

export interface SubjectResult {
  subjectId: number;
  kind: string;
  /** the subject score (one decimal) when it exists */
  score: number | null;
  status: SubjectStatus;
  passed: boolean;
  /** why there is no score, or the ruling's reason */
  reason: string | null;
  sheets: number;
  spread: number | null;
  flagged: boolean;
  reviewed: boolean;
}

export interface CandidateResult {
  candidateId: number;
  name: string;
  docMasked: string;
  ticketNo: string;
  occupationId: number;
  occupation: string;
  workType: string | null;
  level: number;
  subjects: SubjectResult[];
  outcome: Outcome;
  /** reasons of rulings that apply (shown with the result) */
  rulings: { decision: string; reason: string; subjectId: number | null }[];
}

export const OUTCOME_ZH: Record<Outcome, string> = { passed: '通过', failed: '不通过', absent: '缺考', void: '成绩无效', pending: '待定' };
export const KIND_ZH: Record<string, string> = { theory: '理论知识', skill: '操作技能', review: '综合评审' };

export function spreadThreshold(sqlite: Sqlite, batchId: number): number {
  const row = sqlite.prepare('SELECT spread_threshold AS t FROM scoring_settings WHERE batch_id = ?').get(batchId) as { t: number } | undefined;
  return row?.t ?? DEFAULT_SPREAD_THRESHOLD;
}

/** Compiles every candidate's result in a batch: a few set-wise reads, then one pass in memory. */
export function compileResults(sqlite: Sqlite, batchId: number): CandidateResult[] {
  const threshold = spreadThreshold(sqlite, batchId);
  const absent = absentees(sqlite, batchId);
  const rulings = rulingsFor(sqlite, batchId);
  const rulingsBy = new Map<number, Ruling[]>();
  for (const r of rulings) {
    if (r.decision === 'none' || r.decision === 'warning') continue;
    const list = rulingsBy.get(r.candidateId) ?? [];
    list.push(r);
    rulingsBy.set(r.candidateId, list);
  }

  // submitted sheet totals (and who wrote them), grouped by candidate and subject
  const totals = new Map<string, number[]>();
  const authors = new Map<string, Set<number>>();
  const sheetRows = sqlite
    .prepare(
      `SELECT s.candidate_id AS c, s.subject_id AS s, s.total AS t, s.examiner_id AS e FROM score_sheets s JOIN subjects su ON su.id = s.subject_id
       WHERE su.batch_id = ? AND s.status = 'submitted' AND s.round = ${CURRENT_ROUND_SQL('s.candidate_id', 's.subject_id')}`,
    )
    .raw()
    .all(batchId) as [number, number, number, number][];
  for (const [c, s, t, e] of sheetRows) {
    const k = `${c}:${s}`;
    const list = totals.get(k);
    if (list) list.push(t);
    else totals.set(k, [t]);
    const a = authors.get(k);
    if (a) a.add(e);
    else authors.set(k, new Set([e]));
  }
  // the current panel of each session and room (the draw's active examiners): a score waits for all of them
  const panels = new Map<string, number[]>();
  for (const r of sqlite
    .prepare(
      `SELECT a.session_id AS s, a.room_id AS r, a.staff_id AS e FROM draw_assignments a JOIN exam_sessions es ON es.id = a.session_id
       WHERE es.batch_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner')`,
    )
    .all(batchId) as { s: number; r: number; e: number }[]) {
    const k = `${r.s}:${r.r}`;
    panels.set(k, [...(panels.get(k) ?? []), r.e]);
  }
  const reviewed = new Set(
    (sqlite
      .prepare(
        `SELECT DISTINCT r.candidate_id AS c, r.subject_id AS s FROM panel_reviews r JOIN subjects su ON su.id = r.subject_id
         WHERE su.batch_id = ? AND r.round = ${CURRENT_ROUND_SQL('r.candidate_id', 'r.subject_id')}`,
      )
      .all(batchId) as {
      c: number;
      s: number;
    }[]).map((r) => `${r.c}:${r.s}`),
  );
  const theory = new Map<string, number>();
  for (const r of sqlite
    .prepare('SELECT t.candidate_id AS c, t.subject_id AS s, t.score AS v FROM theory_scores t JOIN subjects su ON su.id = t.subject_id WHERE su.batch_id = ?')
    .all(batchId) as { c: number; s: number; v: number }[])
    theory.set(`${r.c}:${r.s}`, r.v);
  // issue 7 §6: an upheld objection re-examines a subject; until that is done the subject waits
  const reopened = new Map<string, number | null>();
  for (const r of sqlite
    .prepare("SELECT r.candidate_id AS c, r.subject_id AS s, r.round AS round FROM rescores r JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ? AND r.status = 'open'")
    .all(batchId) as { c: number; s: number; round: number | null }[])
    reopened.set(`${r.c}:${r.s}`, r.round);
  const paperMismatch = new Set(
    (sqlite
      .prepare(
        `SELECT a.candidate_id AS c, a.subject_id AS s FROM paper_entries a JOIN paper_entries b ON b.candidate_id = a.candidate_id AND b.subject_id = a.subject_id AND b.pass = 2
         JOIN subjects su ON su.id = a.subject_id
         WHERE a.pass = 1 AND a.score <> b.score AND su.batch_id = ?
           AND NOT EXISTS (SELECT 1 FROM paper_settlements p WHERE p.candidate_id = a.candidate_id AND p.subject_id = a.subject_id)`,
      )
      .all(batchId) as { c: number; s: number }[]).map((r) => `${r.c}:${r.s}`),
  );

  const rows = sqlite
    .prepare(
      `SELECT c.id AS id, c.name AS name, c.doc_number AS doc, c.ticket_no AS ticket, o.id AS oid, o.name AS occ, o.work_type_name AS wt, o.level AS level,
              cs.subject_id AS sid, su.kind AS kind, cs.session_id AS sess, cs.room_id AS room
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id
       JOIN candidate_subjects cs ON cs.candidate_id = c.id JOIN subjects su ON su.id = cs.subject_id
       WHERE c.batch_id = ? ORDER BY o.code, o.level, c.ticket_no, su.kind = 'theory' DESC, su.kind, su.id`,
    )
    .raw()
    .all(batchId) as [number, string, string, string, number, string, string | null, number, number, string, number | null, number | null][];

  const out: CandidateResult[] = [];
  let cur: CandidateResult | null = null;
  for (const [id, name, doc, ticket, oid, occ, wt, level, sid, kind, sess, room] of rows) {
    if (!cur || cur.candidateId !== id) {
      if (cur) out.push(finish(cur));
      const rs: Ruling[] = rulingsBy.get(id) ?? [];
      cur = {
        candidateId: id,
        name,
        docMasked: maskDocNumber(doc),
        ticketNo: ticket,
        occupationId: oid,
        occupation: occ,
        workType: wt,
        level,
        subjects: [],
        outcome: 'pending',
        rulings: rs.map((r: Ruling) => ({ decision: r.decision, reason: r.reason, subjectId: r.subjectId })),
      };
    }
    const key = `${id}:${sid}`;
    const res: SubjectResult = { subjectId: sid, kind, score: null, status: 'pending', passed: false, reason: null, sheets: 0, spread: null, flagged: false, reviewed: false };
    const voiding = (rulingsBy.get(id) ?? []).find((r) => r.decision === 'subject_void' && r.subjectId === sid);
    if (kind === 'theory') {
      const v = theory.get(key);
      if (v !== undefined) {
        res.score = v;
        res.status = 'scored';
      } else res.reason = paperMismatch.has(key) ? '两次登分不一致，待核对试卷（G4）' : '理论成绩尚未确认（G2/G4）';
    } else {
      const t = totals.get(key) ?? [];
      const p = panelScore(t, threshold);
      res.sheets = p.sheets;
      res.spread = t.length ? p.spread : null;
      res.flagged = p.flagged;
      res.reviewed = reviewed.has(key);
      const panel = panels.get(`${sess}:${room}`) ?? [];
      const wrote = authors.get(key);
      const waiting = panel.filter((e) => !wrote?.has(e)).length;
      if (p.ok && waiting > 0) {
        // independence and S5: no score while a panel member has still to submit
        res.reason = `考评组尚有 ${waiting} 名考评员未提交评分表`;
      } else if (p.ok) {
        res.score = p.score;
        res.status = p.flagged && !res.reviewed ? 'review' : 'scored';
        if (res.status === 'review') res.reason = `考评员评分相差 ${p.spread} 分，超过 ${threshold} 分，待考评组长复核`;
      } else res.reason = PANEL_REASON_ZH[p.reason];
    }
    if (reopened.has(key) && res.status !== 'scored') {
      const round = reopened.get(key);
      res.status = 'pending';
      res.score = null;
      res.reason =
        round === null || round === undefined
          ? '异议成立，理论成绩更正中（双人录入或重新确认导入，G4/G2）'
          : `异议成立，考评组第 ${round} 轮重新评分中${res.reason ? `：${res.reason}` : ''}`;
    } else if (reopened.has(key) && reopened.get(key) == null) {
      // theory: the old confirmed score no longer stands while the correction is open
      res.status = 'pending';
      res.score = null;
      res.reason = '异议成立，理论成绩更正中（双人录入或重新确认导入，G4/G2）';
    }
    if (absent.has(key)) {
      res.status = 'absent';
      res.score = null;
      res.reason = '缺考';
    }
    if (voiding) {
      res.status = 'void';
      res.reason = voiding.reason;
    }
    res.passed = res.status === 'scored' && res.score !== null && res.score >= PASS_MARK; // G1
    cur.subjects.push(res);
  }
  if (cur) out.push(finish(cur));
  return out;
}

function finish(c: CandidateResult): CandidateResult {
  const whole = c.rulings.find((r) => r.decision === 'result_void' || r.decision === 'police');
  if (whole) c.outcome = 'void';
  else if (c.subjects.every((s) => s.status === 'absent')) c.outcome = 'absent';
  else if (c.subjects.some((s) => s.status === 'pending' || s.status === 'review')) c.outcome = 'pending';
  // G1: every subject taken must pass; an absent or void subject is not a pass
  else c.outcome = c.subjects.every((s) => s.passed) ? 'passed' : 'failed';
  return c;
}

/** Plain JSON for the seal ceremony (issue 8): per candidate and subject, score, status and outcome. */
export function resultsForPackage(sqlite: Sqlite, batchId: number) {
  const b = sqlite.prepare('SELECT plan_code AS planCode FROM batches WHERE id = ?').get(batchId) as { planCode: string } | undefined;
  if (!b) throw new AppError('NOT_FOUND', '找不到该批次。', 'No such batch.');
  return {
    planCode: b.planCode,
    results: compileResults(sqlite, batchId).map((r) => ({
      ticketNo: r.ticketNo,
      candidateId: r.candidateId,
      outcome: r.outcome,
      subjects: r.subjects.map((s) => ({ subjectId: s.subjectId, kind: s.kind, score: s.score, status: s.status, passed: s.passed, reason: s.reason })),
      rulings: r.rulings,
    })),
  };
}
