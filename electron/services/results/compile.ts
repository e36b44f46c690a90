// G1: results per candidate and subject. Skill and review subjects take the panel's score (S5),
// theory subjects the confirmed theory score (G2/G4); absences and supervisor rulings apply.
// A candidate passes only when every subject taken passes (not on a total). Why a subject has no
// score yet is a hold code with its figures (the screens word it; the forms take the vocabulary's).
import type { ReadSqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { resultHoldZh, SUBJECT_RESULT_ZH } from '../../domain/vocabulary';
import { AppError } from '../errors';
import { PASS_MARK, panelScore } from '../scoring/panel';
import { spreadThreshold } from '../scoring/settings';
import { CURRENT_ROUND_SQL } from '../scoring/sheets';
import { absentees, rulingsFor, type Ruling } from './inputs';

export const SUBJECT_STATUSES = ['scored', 'pending', 'review', 'absent', 'void'] as const;
export type SubjectStatus = (typeof SUBJECT_STATUSES)[number];
export const OUTCOMES = ['passed', 'failed', 'absent', 'void', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Why a subject has no (final) score yet. theoryUnconfirmed: no confirmed theory score (G2/G4);
 * paperMismatch: the two paper entries differ (G4); panelTooFew / panelEven: S5; panelWaiting: a
 * panel member has still to submit ({waiting}); spreadReview: the chief examiner reviews ({spread},
 * {threshold}); theoryCorrection: an upheld objection corrects the theory score; panelRescoring: the
 * panel scores round {round} again ({then}: the hold inside that round, if any).
 */
export const SUBJECT_HOLDS = ['theoryUnconfirmed', 'paperMismatch', 'panelTooFew', 'panelEven', 'panelWaiting', 'spreadReview', 'theoryCorrection', 'panelRescoring'] as const;
export type SubjectHoldCode = (typeof SUBJECT_HOLDS)[number];
export interface SubjectHold {
  code: SubjectHoldCode;
  params: Record<string, string | number>;
}

export interface SubjectResult {
  subjectId: number;
  kind: string;
  /** the subject score (one decimal) when it exists */
  score: number | null;
  status: SubjectStatus;
  passed: boolean;
  /** why there is no score yet (pending or review) */
  hold: SubjectHold | null;
  /** a void subject: the supervisor's ruling, in the supervisor's own words */
  ruling: string | null;
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

/** Everything compiling a batch reads, each set read once (keys are `candidateId:subjectId`). */
interface Inputs {
  threshold: number;
  absent: Set<string>;
  rulingsBy: Map<number, Ruling[]>;
  totals: Map<string, number[]>;
  authors: Map<string, Set<number>>;
  /** `sessionId:roomId` → the draw's active examiners: a score waits for all of them */
  panels: Map<string, number[]>;
  reviewed: Set<string>;
  theory: Map<string, number>;
  /** subjects an upheld objection re-examines: the panel's round, or null for theory */
  reopened: Map<string, number | null>;
  paperMismatch: Set<string>;
}

type Pair = { c: number; s: number };
const key = (c: number, s: number) => `${c}:${s}`;

function rulingsByCandidate(sqlite: ReadSqlite, batchId: number): Map<number, Ruling[]> {
  const out = new Map<number, Ruling[]>();
  for (const r of rulingsFor(sqlite, batchId)) {
    if (r.decision === 'none' || r.decision === 'warning') continue;
    out.set(r.candidateId, [...(out.get(r.candidateId) ?? []), r]);
  }
  return out;
}

function sheetTotals(sqlite: ReadSqlite, batchId: number): Pick<Inputs, 'totals' | 'authors'> {
  const totals = new Map<string, number[]>();
  const authors = new Map<string, Set<number>>();
  const rows = sqlite
    .prepare<[number], [number, number, number, number]>(
      `SELECT s.candidate_id AS c, s.subject_id AS s, s.total AS t, s.examiner_id AS e FROM score_sheets s JOIN subjects su ON su.id = s.subject_id
       WHERE su.batch_id = ? AND s.status = 'submitted' AND s.round = ${CURRENT_ROUND_SQL('s.candidate_id', 's.subject_id')}`,
    )
    .raw()
    .all(batchId);
  for (const [c, s, t, e] of rows) {
    const k = key(c, s);
    const list = totals.get(k);
    if (list) list.push(t);
    else totals.set(k, [t]);
    const a = authors.get(k);
    if (a) a.add(e);
    else authors.set(k, new Set([e]));
  }
  return { totals, authors };
}

function panelsOf(sqlite: ReadSqlite, batchId: number): Map<string, number[]> {
  const panels = new Map<string, number[]>();
  const rows = sqlite
    .prepare<[number], { s: number; r: number; e: number }>(
      `SELECT a.session_id AS s, a.room_id AS r, a.staff_id AS e FROM draw_assignments a JOIN exam_sessions es ON es.id = a.session_id
       WHERE es.batch_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner')`,
    )
    .all(batchId);
  for (const r of rows) panels.set(`${r.s}:${r.r}`, [...(panels.get(`${r.s}:${r.r}`) ?? []), r.e]);
  return panels;
}

function pairs(sqlite: ReadSqlite, sql: string, batchId: number): Set<string> {
  return new Set(sqlite.prepare<[number], Pair>(sql).all(batchId).map((r) => key(r.c, r.s)));
}

function readInputs(sqlite: ReadSqlite, batchId: number): Inputs {
  const theory = new Map<string, number>();
  for (const r of sqlite
    .prepare<[number], Pair & { v: number }>('SELECT t.candidate_id AS c, t.subject_id AS s, t.score AS v FROM theory_scores t JOIN subjects su ON su.id = t.subject_id WHERE su.batch_id = ?')
    .all(batchId))
    theory.set(key(r.c, r.s), r.v);
  // an upheld objection re-examines a subject; until that is done the subject waits
  const reopened = new Map<string, number | null>();
  for (const r of sqlite
    .prepare<[number], Pair & { round: number | null }>(
      "SELECT r.candidate_id AS c, r.subject_id AS s, r.round AS round FROM rescores r JOIN subjects su ON su.id = r.subject_id WHERE su.batch_id = ? AND r.status = 'open'",
    )
    .all(batchId))
    reopened.set(key(r.c, r.s), r.round);
  return {
    threshold: spreadThreshold(sqlite, batchId),
    absent: absentees(sqlite, batchId),
    rulingsBy: rulingsByCandidate(sqlite, batchId),
    ...sheetTotals(sqlite, batchId),
    panels: panelsOf(sqlite, batchId),
    reviewed: pairs(
      sqlite,
      `SELECT DISTINCT r.candidate_id AS c, r.subject_id AS s FROM panel_reviews r JOIN subjects su ON su.id = r.subject_id
       WHERE su.batch_id = ? AND r.round = ${CURRENT_ROUND_SQL('r.candidate_id', 'r.subject_id')}`,
      batchId,
    ),
    theory,
    reopened,
    paperMismatch: pairs(
      sqlite,
      `SELECT a.candidate_id AS c, a.subject_id AS s FROM paper_entries a JOIN paper_entries b ON b.candidate_id = a.candidate_id AND b.subject_id = a.subject_id AND b.pass = 2
       JOIN subjects su ON su.id = a.subject_id
       WHERE a.pass = 1 AND a.score <> b.score AND su.batch_id = ?
         AND NOT EXISTS (SELECT 1 FROM paper_settlements p WHERE p.candidate_id = a.candidate_id AND p.subject_id = a.subject_id)`,
      batchId,
    ),
  };
}

/** One seat of the compile: a candidate's subject, where it was sat. */
interface Seat {
  candidateId: number;
  subjectId: number;
  kind: string;
  sessionId: number | null;
  roomId: number | null;
}

function theoryResult(inp: Inputs, seat: Seat, res: SubjectResult): void {
  const v = inp.theory.get(key(seat.candidateId, seat.subjectId));
  if (v !== undefined) {
    res.score = v;
    res.status = 'scored';
  } else res.hold = { code: inp.paperMismatch.has(key(seat.candidateId, seat.subjectId)) ? 'paperMismatch' : 'theoryUnconfirmed', params: {} };
}

function panelResult(inp: Inputs, seat: Seat, res: SubjectResult): void {
  const k = key(seat.candidateId, seat.subjectId);
  const t = inp.totals.get(k) ?? [];
  const p = panelScore(t, inp.threshold);
  res.sheets = p.sheets;
  res.spread = t.length ? p.spread : null;
  res.flagged = p.flagged;
  res.reviewed = inp.reviewed.has(k);
  const wrote = inp.authors.get(k);
  const waiting = (inp.panels.get(`${seat.sessionId}:${seat.roomId}`) ?? []).filter((e) => !wrote?.has(e)).length;
  if (!p.ok) res.hold = { code: p.reason === 'too_few' ? 'panelTooFew' : 'panelEven', params: { sheets: p.sheets } };
  else if (waiting > 0) res.hold = { code: 'panelWaiting', params: { waiting } }; // independence and S5: no score while a member has still to submit
  else {
    res.score = p.score;
    res.status = p.flagged && !res.reviewed ? 'review' : 'scored';
    if (res.status === 'review') res.hold = { code: 'spreadReview', params: { spread: p.spread, threshold: inp.threshold } };
  }
}

/** An upheld objection's re-examination: the subject waits (theory: the old score no longer stands). */
function reopenedResult(inp: Inputs, seat: Seat, res: SubjectResult): void {
  const k = key(seat.candidateId, seat.subjectId);
  if (!inp.reopened.has(k)) return;
  const round = inp.reopened.get(k) ?? null;
  if (round !== null && res.status === 'scored') return; // the new round is complete: its score stands
  const inner = res.hold;
  res.status = 'pending';
  res.score = null;
  res.hold = round === null ? { code: 'theoryCorrection', params: {} } : { code: 'panelRescoring', params: inner ? { round, then: `@results.hold.${inner.code}`, ...inner.params } : { round } };
}

function subjectResult(inp: Inputs, seat: Seat): SubjectResult {
  const res: SubjectResult = { subjectId: seat.subjectId, kind: seat.kind, score: null, status: 'pending', passed: false, hold: null, ruling: null, sheets: 0, spread: null, flagged: false, reviewed: false };
  if (seat.kind === 'theory') theoryResult(inp, seat, res);
  else panelResult(inp, seat, res);
  reopenedResult(inp, seat, res);
  if (inp.absent.has(key(seat.candidateId, seat.subjectId))) {
    res.status = 'absent';
    res.score = null;
    res.hold = null;
  }
  const voiding = (inp.rulingsBy.get(seat.candidateId) ?? []).find((r) => r.decision === 'subject_void' && r.subjectId === seat.subjectId);
  if (voiding) {
    res.status = 'void';
    res.hold = null;
    res.ruling = voiding.reason;
  }
  res.passed = res.status === 'scored' && res.score !== null && res.score >= PASS_MARK; // G1
  return res;
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

type SeatRow = [number, string, string, string, number, string, string | null, number, number, string, number | null, number | null];

/** Compiles every candidate's result in a batch: a few set-wise reads, then one pass in memory. */
export function compileResults(sqlite: ReadSqlite, batchId: number): CandidateResult[] {
  const inp = readInputs(sqlite, batchId);
  const rows = sqlite
    .prepare<[number], SeatRow>(
      `SELECT c.id AS id, c.name AS name, c.doc_number AS doc, c.ticket_no AS ticket, o.id AS oid, o.name AS occ, o.work_type_name AS wt, o.level AS level,
              cs.subject_id AS sid, su.kind AS kind, cs.session_id AS sess, cs.room_id AS room
       FROM candidates c JOIN occupations o ON o.id = c.occupation_id
       JOIN candidate_subjects cs ON cs.candidate_id = c.id JOIN subjects su ON su.id = cs.subject_id
       WHERE c.batch_id = ? ORDER BY o.code, o.level, c.ticket_no, su.kind = 'theory' DESC, su.kind, su.id`,
    )
    .raw()
    .all(batchId);
  const out: CandidateResult[] = [];
  let cur: CandidateResult | null = null;
  for (const [id, name, doc, ticket, oid, occ, wt, level, sid, kind, sess, room] of rows) {
    if (!cur || cur.candidateId !== id) {
      if (cur) out.push(finish(cur));
      const rulings: CandidateResult['rulings'] = (inp.rulingsBy.get(id) ?? []).map((r) => ({ decision: r.decision, reason: r.reason, subjectId: r.subjectId }));
      cur = { candidateId: id, name, docMasked: maskDocNumber(doc), ticketNo: ticket, occupationId: oid, occupation: occ, workType: wt, level, subjects: [], outcome: 'pending', rulings };
    }
    cur.subjects.push(subjectResult(inp, { candidateId: id, subjectId: sid, kind, sessionId: sess, roomId: room }));
  }
  if (cur) out.push(finish(cur));
  return out;
}

/**
 * The remark a form writes for a subject without a score (成绩汇总表, 评分记录表, the sealed
 * package's `reason`): 缺考, the ruling's words for a void subject, the hold in the vocabulary's Chinese.
 */
export function subjectRemarkZh(s: Pick<SubjectResult, 'status' | 'hold' | 'ruling'>): string | null {
  if (s.status === 'absent') return SUBJECT_RESULT_ZH.absent;
  if (s.status === 'void') return s.ruling;
  return s.hold ? resultHoldZh(s.hold.code, s.hold.params) : null;
}

/**
 * Plain JSON for the seal ceremony (DOMAIN S9): per candidate and subject, score, status and outcome.
 * Its shape (with `reason` as the form's remark) is what sealed packages hold: kept as it is, so
 * packages sealed before still match the database (A1).
 */
export function resultsForPackage(sqlite: ReadSqlite, batchId: number) {
  const b = sqlite.prepare<[number], { planCode: string }>('SELECT plan_code AS planCode FROM batches WHERE id = ?').get(batchId);
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  return {
    planCode: b.planCode,
    results: compileResults(sqlite, batchId).map((r) => ({
      ticketNo: r.ticketNo,
      candidateId: r.candidateId,
      outcome: r.outcome,
      subjects: r.subjects.map((s) => ({ subjectId: s.subjectId, kind: s.kind, score: s.score, status: s.status, passed: s.passed, reason: subjectRemarkZh(s) })),
      rulings: r.rulings,
    })),
  };
}

