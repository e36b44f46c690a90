// The results page's figures: completion per room and panel, the score distribution, pass rates.
// Levels and occupations go out as data (level number, work type apart): the page words them.
import type { ReadSqlite } from '../../../db';
import { NOT_SCORABLE_SQL } from '../scoring/eligibility';
import { panelMembers } from '../scoring/sheets';
import type { CandidateResult, Outcome } from './compile';

interface RoomRow {
  sessionId: number;
  sessionName: string;
  roomId: number;
  roomCode: string;
  kind: string;
  candidates: number;
  /** absent or voided (E4/E6): out of the expected figures */
  excluded: number;
  sheets: number;
  theoryScored: number;
}

function completion(sqlite: ReadSqlite, batchId: number) {
  // E4/E6: absent and voided candidates are neither expected nor counted; `excluded` says how many
  const rooms = sqlite
    .prepare<[number], RoomRow>(
      `SELECT x.session_id AS sessionId, es.name AS sessionName, x.room_id AS roomId, r.code AS roomCode, su.kind AS kind,
              SUM(1 - x.out) AS candidates, SUM(x.out) AS excluded,
              SUM(CASE WHEN x.out THEN 0 ELSE (SELECT COUNT(*) FROM score_sheets s WHERE s.candidate_id = x.candidate_id AND s.subject_id = x.subject_id AND s.status = 'submitted') END) AS sheets,
              SUM(CASE WHEN x.out THEN 0 ELSE EXISTS (SELECT 1 FROM theory_scores t WHERE t.candidate_id = x.candidate_id AND t.subject_id = x.subject_id) END) AS theoryScored
       FROM (SELECT cs.candidate_id, cs.subject_id, cs.session_id, cs.room_id, ${NOT_SCORABLE_SQL('cs.candidate_id', 'cs.subject_id', 'cs.session_id')} AS out FROM candidate_subjects cs) x
       JOIN exam_sessions es ON es.id = x.session_id JOIN rooms r ON r.id = x.room_id JOIN subjects su ON su.id = x.subject_id
       WHERE su.batch_id = ? GROUP BY x.session_id, x.room_id ORDER BY es.starts_at, r.code`,
    )
    .all(batchId);
  return rooms.map((r) => {
    const panel = r.kind === 'theory' ? [] : panelMembers(sqlite, r.sessionId, r.roomId);
    const expected = r.kind === 'theory' ? r.candidates : r.candidates * panel.length;
    const done = r.kind === 'theory' ? r.theoryScored : r.sheets;
    return { ...r, panel: panel.map((p) => p.name), expected, done, percent: expected ? Math.round((done / expected) * 1000) / 10 : 0 };
  });
}

function histogram(results: readonly CandidateResult[]) {
  const bins = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, theory: 0, skill: 0 }));
  for (const r of results)
    for (const s of r.subjects) {
      if (s.score === null || s.status === 'absent' || s.status === 'void') continue;
      const b = bins[Math.min(9, Math.floor(s.score / 10))]!;
      if (s.kind === 'theory') b.theory++;
      else b.skill++;
    }
  return bins;
}

function passRates(results: readonly CandidateResult[]) {
  const groups = new Map<string, { occupation: string; workType: string | null; level: number; total: number; passed: number; decided: number }>();
  for (const r of results) {
    const key = `${r.occupation}|${r.workType ?? ''}|${r.level}`;
    const g = groups.get(key) ?? { occupation: r.occupation, workType: r.workType, level: r.level, total: 0, passed: 0, decided: 0 };
    g.total++;
    if (r.outcome !== 'pending') g.decided++;
    if (r.outcome === 'passed') g.passed++;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ ...g, rate: g.decided ? Math.round((g.passed / g.decided) * 1000) / 10 : null }));
}

export function resultsOverview(sqlite: ReadSqlite, batchId: number, results: readonly CandidateResult[]) {
  const counts: Record<Outcome, number> & { candidates: number } = { candidates: results.length, passed: 0, failed: 0, absent: 0, void: 0, pending: 0 };
  for (const r of results) counts[r.outcome]++;
  return { completion: completion(sqlite, batchId), histogram: histogram(results), passRates: passRates(results), counts };
}
