// E4/S5/E6: who may be scored. A candidate marked absent (缺考) in the session, or whose subject or
// whole result a ruling in force voided, gets no score sheet and does not count in progress figures.
import type { ReadSqlite } from '../../../db';
import { AppError } from '../errors';

/** The rulings that take a subject out of scoring: the whole result (result_void, police) or that subject. */
const VOIDING = `r.superseded_by IS NULL AND (r.decision IN ('result_void', 'police') OR (r.decision = 'subject_void' AND r.subject_id = %SUBJ%))`;

/**
 * SQL that is true when the seat (candidate `cand`, subject `subj`, session `sess` column
 * expressions) is out of scoring: absent in that session or voided by a ruling in force.
 */
export const NOT_SCORABLE_SQL = (cand: string, subj: string, sess: string): string =>
  `(EXISTS (SELECT 1 FROM checkin_absences ab WHERE ab.session_id = ${sess} AND ab.candidate_id = ${cand})
    OR EXISTS (SELECT 1 FROM incident_rulings r WHERE r.candidate_id = ${cand} AND ${VOIDING.replace('%SUBJ%', subj)}))`;

export type Unscorable = 'absent' | 'void';

/** Why a seat is out of scoring (absent first: the door's mark comes before any ruling), or null. */
export function unscorable(sqlite: ReadSqlite, candidateId: number, subjectId: number, sessionId: number): { why: Unscorable; decision?: string } | null {
  const absent = sqlite.prepare<[number, number], { n: number }>('SELECT COUNT(*) AS n FROM checkin_absences WHERE session_id = ? AND candidate_id = ?').get(sessionId, candidateId);
  if (absent && absent.n > 0) return { why: 'absent' };
  const voided = sqlite
    .prepare<[number, number], { decision: string }>(`SELECT r.decision FROM incident_rulings r WHERE r.candidate_id = ? AND ${VOIDING.replace('%SUBJ%', '?')} ORDER BY r.id LIMIT 1`)
    .get(candidateId, subjectId);
  return voided ? { why: 'void', decision: voided.decision } : null;
}

/** Refuses a score sheet (draft or submission) for a seat out of scoring; the refusal says why. */
export function requireScorable(sqlite: ReadSqlite, candidateId: number, subjectId: number, sessionId: number): void {
  const u = unscorable(sqlite, candidateId, subjectId, sessionId);
  if (!u) return;
  if (u.why === 'absent') throw new AppError('CONFLICT', 'scoring.candidateAbsent', { candidateId });
  throw new AppError('CONFLICT', 'scoring.candidateVoided', { candidateId, decision: `@inc.decision.${u.decision ?? 'result_void'}` });
}
