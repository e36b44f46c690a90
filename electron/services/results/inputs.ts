// What results read from neighbouring stages that may not exist yet: the door's absences (issue 4)
// and the supervisor's rulings (issue 6). Both are read through sqlite_master so the results work
// with or without those tables; the contracts are written here for the engineers who build them.
import type { Sqlite } from '../../../db';

function hasTable(sqlite: Sqlite, name: string): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

function columns(sqlite: Sqlite, table: string): Set<string> {
  // table names here are constants of this file, never input
  return new Set((sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

/**
 * Absences (缺考) as `candidateId:subjectId` keys. Contract with the door (issue 4), until it lands:
 * a table `checkins` with candidate_id, session_id and status, where status 'absent' (or '缺考')
 * marks a candidate who never came to that session. Without that table nobody is absent.
 */
export function absentees(sqlite: Sqlite, batchId: number): Set<string> {
  const out = new Set<string>();
  if (!hasTable(sqlite, 'checkins')) return out;
  const cols = columns(sqlite, 'checkins');
  if (!cols.has('candidate_id') || !cols.has('session_id') || !cols.has('status')) return out;
  const rows = sqlite
    .prepare(
      `SELECT ch.candidate_id AS c, es.subject_id AS s FROM checkins ch JOIN exam_sessions es ON es.id = ch.session_id
       WHERE es.batch_id = ? AND ch.status IN ('absent', '缺考')`,
    )
    .all(batchId) as { c: number; s: number }[];
  for (const r of rows) out.add(`${r.c}:${r.s}`);
  return out;
}

export type RulingDecision = 'none' | 'warning' | 'subject_void' | 'result_void' | 'police';

export interface Ruling {
  candidateId: number;
  subjectId: number | null;
  decision: RulingDecision;
  reason: string;
  decidedAt: string;
}

/**
 * The supervisor's rulings in force for a batch's candidates. Contract with incidents (issue 6):
 * a table `incident_rulings` with candidate_id INTEGER, subject_id INTEGER NULL, decision TEXT one of
 * 'none'|'warning'|'subject_void'|'result_void'|'police', reason TEXT, decided_at TEXT (ISO) and
 * superseded_by INTEGER NULL (the id of the ruling that replaces it). Only rows not superseded count.
 * 'subject_void' voids that subject (subject_id required); 'result_void' voids the whole result;
 * 'police' voids the whole result too (serious cheating, E6); 'none' and 'warning' change no score.
 */
export function rulingsFor(sqlite: Sqlite, batchId: number): Ruling[] {
  if (!hasTable(sqlite, 'incident_rulings')) return [];
  return sqlite
    .prepare(
      `SELECT r.candidate_id AS candidateId, r.subject_id AS subjectId, r.decision AS decision, r.reason AS reason, r.decided_at AS decidedAt
       FROM incident_rulings r JOIN candidates c ON c.id = r.candidate_id
       WHERE c.batch_id = ? AND r.superseded_by IS NULL ORDER BY r.decided_at`,
    )
    .all(batchId) as Ruling[];
}
