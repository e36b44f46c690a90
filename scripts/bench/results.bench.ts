// Compiling results for 10,000 candidates × 2 scored subjects × 3 sheets each (60,000 sheets):
// compileResults (panel rule, rulings, absences, outcome per candidate) next to the bare SQL
// aggregate of the same sheets (GROUP BY candidate and subject) in the same run, and the ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import type { Sqlite } from '../../db';
import { compileResults } from '../../electron/services/results/compile';

export async function run(): Promise<void> {
  const N = 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
  const { sqlite, close } = openDatabase(join(dir, 'site.sqlite'));
  seedResults(sqlite, N);

  const bare = () =>
    sqlite
      .prepare(
        `SELECT s.candidate_id, s.subject_id, COUNT(*) AS n, ROUND(AVG(s.total), 1) AS score, MAX(s.total) - MIN(s.total) AS spread
         FROM score_sheets s JOIN subjects su ON su.id = s.subject_id WHERE su.batch_id = 1 AND s.status = 'submitted' GROUP BY s.candidate_id, s.subject_id`,
      )
      .all().length;
  const compile = () => compileResults(sqlite, 1).length;
  // the compile and the bare aggregate agree on every subject score (one decimal)
  const byBare = new Map(
    (sqlite.prepare("SELECT candidate_id || ':' || subject_id AS k, AVG(total) AS m FROM score_sheets GROUP BY candidate_id, subject_id").all() as { k: string; m: number }[]).map((r) => [r.k, r.m]),
  );
  for (const r of compileResults(sqlite, 1))
    for (const s of r.subjects) {
      const m = byBare.get(`${r.candidateId}:${s.subjectId}`)!;
      if (s.score === null || Math.abs(s.score - m) > 0.05 + 1e-9) throw new Error(`bench: ${r.candidateId}/${s.subjectId} compiled ${s.score}, mean ${m}`);
    }
  // warm up, then best of three interleaved rounds
  bare();
  compile();
  let bestBare = Infinity;
  let bestCompile = Infinity;
  let count = 0;
  for (let round = 0; round < 3; round++) {
    const b0 = performance.now();
    const groups = bare();
    const b1 = performance.now();
    count = compile();
    const c1 = performance.now();
    bestBare = Math.min(bestBare, b1 - b0);
    bestCompile = Math.min(bestCompile, c1 - b1);
    if (groups !== N * 2) throw new Error(`bench: expected ${N * 2} groups, got ${groups}`);
  }
  close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`compileResults: ${count} candidates × 2 subjects × 3 sheets: ${bestCompile.toFixed(1)} ms (best of 3)`);
  console.log(`bare SQL aggregate (GROUP BY candidate, subject): ${bestBare.toFixed(1)} ms`);
  console.log(`ratio: ${(bestCompile / bestBare).toFixed(2)}×`);
}

/** 10,000 candidates (by default) × 2 scored subjects × a panel of 3 signed sheets, in batch 1 (the seal bench reuses it). */
export function seedResults(sqlite: Sqlite, N = 10_000): void {
  const t = '2026-05-21T08:00:00+08:00';
  sqlite.transaction(() => {
    sqlite.prepare("INSERT INTO organisations (id, code, name, type) VALUES (1, 'S1', '基准机构', 'technical_school')").run();
    sqlite.prepare("INSERT INTO batches (id, organisation_id, plan_code, name, exam_date, imported_at) VALUES (1, 1, 'P1', '基准批次', '2026-05-21', ?)").run(t);
    sqlite.prepare("INSERT INTO occupations (id, batch_id, code, name, level) VALUES (1, 1, '6-18-01-01', '车工', 4)").run();
    sqlite.prepare("INSERT INTO subjects (id, batch_id, occupation_id, kind, mode) VALUES (1, 1, 1, 'skill', 'practical'), (2, 1, 1, 'review', 'oral')").run();
    sqlite.prepare("INSERT INTO rooms (id, batch_id, code, kind, building, floor, room_no, seats) VALUES (1, 1, 'R1', 'skill', 'A', '1', '101', 99999)").run();
    sqlite.prepare("INSERT INTO exam_sessions (id, batch_id, subject_id, code, name, starts_at, ends_at) VALUES (1, 1, 1, 'S1', '技能', ?, ?), (2, 1, 2, 'S2', '评审', ?, ?)").run(t, t, t, t);
    const staff = sqlite.prepare("INSERT INTO staff (id, staff_no, name, created_at) VALUES (?, ?, ?, ?)");
    for (let e = 1; e <= 3; e++) staff.run(e, `E${e}`, `考评员${e}`, t);
    // the draw's panel of three in the one room of each session, so the compile checks panel completeness too
    sqlite
      .prepare("INSERT INTO draws (id, batch_id, scope, session_ids, algorithm, seed, inputs, inputs_digest, result, result_digest, created_at) VALUES (1, 1, 'day', '[1,2]', 'bench', 'x', '{}', 'x', '{}', 'x', ?)")
      .run(t);
    const assign = sqlite.prepare("INSERT INTO draw_assignments (draw_id, session_id, room_id, staff_id, role, position) VALUES (1, ?, 1, ?, ?, ?)");
    for (const s of [1, 2]) for (let e = 1; e <= 3; e++) assign.run(s, e, e === 1 ? 'chief_examiner' : 'examiner', e);
    const cand = sqlite.prepare(
      "INSERT INTO candidates (id, batch_id, occupation_id, name, gender, birth_date, doc_type, doc_number, doc_tail, ticket_no) VALUES (?, 1, 1, ?, '男', '2000-01-01', '居民身份证', ?, ?, ?)",
    );
    const cs = sqlite.prepare('INSERT INTO candidate_subjects (candidate_id, subject_id, session_id, room_id) VALUES (?, ?, ?, 1)');
    const sheet = sqlite.prepare(
      "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature) VALUES (?, ?, ?, 1, ?, 'submitted', '[]', ?, ?, ?, 'x')",
    );
    for (let i = 1; i <= N; i++) {
      const doc = `37040220000101${String(i).padStart(4, '0')}`;
      cand.run(i, `考生${i}`, doc, doc.slice(-6), `T${String(i).padStart(8, '0')}`);
      for (const s of [1, 2]) {
        cs.run(i, s, s);
        for (let e = 1; e <= 3; e++) sheet.run(i, s, s, e, 40 + ((i * 7 + e * 13 + s) % 60) + 0.5, t, t);
      }
    }
  })();
}
