// The stages meet: the demo plan as imported is what the draw draws from (S2, S5 on real data).
import { expect, test } from 'vitest';
import { siteHead, testConsole } from './helpers';

test('the demo plan imports and the whole day draws from it: every room two proctors (S2), skill panels odd and ≥ 3 with one chief (S5), verify says same', async () => {
  const c = testConsole('2026-05-21T07:30:00+08:00');
  const token = await siteHead(c);
  await c.ok('plan.loadDemo', {}, token);
  const batches = await c.ok<{ id: number }[]>('draw.batches', {}, token);
  expect(batches).toHaveLength(1);
  const batchId = batches[0]!.id;
  const people = await c.ok<{ id: number; roles: string[] }[]>('draw.duty.list', { batchId }, token);
  expect(people.length).toBeGreaterThanOrEqual(18);
  await c.ok('draw.duty.mark', { batchId, staffIds: people.map((p) => p.id), onDuty: true }, token);
  const { drawId } = await c.ok<{ drawId: number }>('draw.run', { batchId }, token);
  expect((await c.ok<{ same: boolean }>('draw.verify', { drawId }, token)).same).toBe(true);

  const sqlite = c.app.env.opened.sqlite;
  // every (session, room) of the plan is covered
  const planned = sqlite.prepare('SELECT COUNT(*) AS n FROM session_rooms').get() as { n: number };
  const rows = sqlite
    .prepare(
      `SELECT a.session_id AS s, a.room_id AS r, su.kind AS kind,
              SUM(a.role = 'proctor') AS proctors, SUM(a.role IN ('examiner','chief_examiner')) AS panel, SUM(a.role = 'chief_examiner') AS chiefs
       FROM draw_assignments a JOIN exam_sessions es ON es.id = a.session_id JOIN subjects su ON su.id = es.subject_id
       WHERE a.active = 1 GROUP BY a.session_id, a.room_id`,
    )
    .all() as { s: number; r: number; kind: string; proctors: number; panel: number; chiefs: number }[];
  expect(rows).toHaveLength(planned.n);
  for (const row of rows) {
    expect(row.proctors).toBeGreaterThanOrEqual(2);
    if (row.kind !== 'theory') {
      expect(row.panel).toBeGreaterThanOrEqual(3);
      expect(row.panel % 2).toBe(1);
      expect(row.chiefs).toBe(1);
    }
  }
});
