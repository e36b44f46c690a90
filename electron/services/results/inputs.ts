// What results read from neighbouring stages: the door's absences and the supervisor's rulings (E6, S8).
import type { ReadSqlite } from '../../../db';

/**
 * Absences (缺考) as `candidateId:subjectId` keys: the door marks the missing absent at the entry
 * cut-off (`checkin_absences`, E4).
 */
export function absentees(sqlite: ReadSqlite, batchId: number): Set<string> {
  const rows = sqlite
    .prepare<[number], { c: number; s: number }>(
      `SELECT a.candidate_id AS c, es.subject_id AS s FROM checkin_absences a JOIN exam_sessions es ON es.id = a.session_id
       WHERE es.batch_id = ?`,
    )
    .all(batchId);
  return new Set(rows.map((r) => `${r.c}:${r.s}`));
}

/** the supervisor's decisions as incident_rulings stores them (E6) */
export const RULING_DECISIONS = ['none', 'warning', 'subject_void', 'result_void', 'police'] as const;
export type RulingDecision = (typeof RULING_DECISIONS)[number];

export interface Ruling {
  candidateId: number;
  subjectId: number | null;
  decision: RulingDecision;
  reason: string;
  decidedAt: string;
}

/**
 * The supervisor's rulings in force for a batch's candidates, from incidents (E6):
 * `incident_rulings` with candidate_id INTEGER, subject_id INTEGER NULL, decision TEXT one of
 * 'none'|'warning'|'subject_void'|'result_void'|'police', reason TEXT, decided_at TEXT (ISO) and
 * superseded_by INTEGER NULL (the id of the ruling that replaces it). Only rows not superseded count.
 * 'subject_void' voids that subject (subject_id required); 'result_void' voids the whole result;
 * 'police' voids the whole result too (serious cheating, E6); 'none' and 'warning' change no score.
 */
export function rulingsFor(sqlite: ReadSqlite, batchId: number): Ruling[] {
  return sqlite
    .prepare<[number], Ruling>(
      `SELECT r.candidate_id AS candidateId, r.subject_id AS subjectId, r.decision AS decision, r.reason AS reason, r.decided_at AS decidedAt
       FROM incident_rulings r JOIN candidates c ON c.id = r.candidate_id
       WHERE c.batch_id = ? AND r.superseded_by IS NULL ORDER BY r.decided_at`,
    )
    .all(batchId);
}
