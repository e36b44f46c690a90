// The results page's figures: completion per room and panel, the score distribution, pass rates.
// Levels and occupations go out as data (level number, work type apart): the page words them.
import type { ReadSqlite } from '../../../db';
import { panelMembers } from '../scoring/sheets';
import type { CandidateResult, Outcome } from './compile';

interface RoomRow {
  sessionId: number;
  sessionName: string;
  roomId: number;
  roomCode: string;
  kind: string;
  candidates: number;
  sheets: number;
  theoryScored: number;
}

function completion(sqlite: ReadSqlite, batchId: number) {
  const rooms = sqlite
    .prepare<[number], RoomRow>(
      `SELECT cs.session_id AS sessionId, es.name AS sessionName, cs.room_id AS roomId, r.code AS roomCode, su.kind AS kind, COUNT(*) AS candidates,
              SUM((SELECT COUNT(*) FROM score_sheets s WHERE s.candidate_id = cs.candidate_id AND s.subject_id = cs.subject_id AND s.status = 'submitted')) AS sheets,
              SUM(EXISTS (SELECT 1 FROM theory_scores t WHERE t.candidate_id = cs.candidate_id AND t.subject_id = cs.subject_id)) AS theoryScored
       FROM candidate_subjects cs JOIN exam_sessions es ON es.id = cs.session_id JOIN rooms r ON r.id = cs.room_id JOIN subjects su ON su.id = cs.subject_id
       WHERE su.batch_id = ? GROUP BY cs.session_id, cs.room_id ORDER BY es.starts_at, r.code`,
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
