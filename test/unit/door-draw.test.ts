// The door follows the draw (S2): once a session is drawn, a proctor works only the doors they
// were drawn to. Played on the demo site as `npm run serve -- --demo` sets it up.
import { expect, test } from 'vitest';
import { DEMO_SITE, DEMO_STAFF_PIN, loadDemo } from '../../electron/server/demo';
import { testConsole } from './helpers';

test('S2: after the draw a proctor opens the door drawn for them and is refused at another; the door list names the drawn proctors', async () => {
  const c = testConsole('2026-05-21T07:30:00+08:00');
  const said = await loadDemo(c.app);
  expect(said.join('\n')).toContain(DEMO_STAFF_PIN);
  const head = (await c.ok<{ token: string }>('auth.signIn', { staffNo: DEMO_SITE.staffNo, pin: DEMO_SITE.pin })).token;
  const [batch] = await c.ok<{ id: number }[]>('draw.batches', {}, head);
  const people = await c.ok<{ id: number; staffNo: string; roles: string[] }[]>('draw.duty.list', { batchId: batch!.id }, head);
  const proctorNos = people.filter((p) => p.roles.includes('proctor')).map((p) => p.staffNo);

  // before the draw any proctor may open any door
  const early = (await c.ok<{ token: string }>('auth.signIn', { staffNo: proctorNos[0]!, pin: DEMO_STAFF_PIN })).token;
  const before = await c.ok<{ sessionId: number; roomId: number; drawn: boolean }[]>('checkin.doors', {}, early);
  expect(before.every((d) => !d.drawn)).toBe(true);
  await c.ok('checkin.door', { sessionId: before[0]!.sessionId, roomId: before[0]!.roomId }, early);

  await c.ok('draw.duty.mark', { batchId: batch!.id, staffIds: people.map((p) => p.id), onDuty: true }, head);
  await c.ok('draw.run', { batchId: batch!.id }, head);

  const sqlite = c.app.env.opened.sqlite;
  const drawn = sqlite
    .prepare("SELECT a.session_id AS sessionId, a.room_id AS roomId, s.staff_no AS staffNo, s.name FROM draw_assignments a JOIN staff s ON s.id = a.staff_id WHERE a.role = 'proctor' AND a.active = 1 ORDER BY a.session_id, a.room_id, a.position")
    .all() as { sessionId: number; roomId: number; staffNo: string; name: string }[];
  const mine = drawn[0]!;
  const token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: mine.staffNo, pin: DEMO_STAFF_PIN })).token;
  await c.ok('checkin.door', { sessionId: mine.sessionId, roomId: mine.roomId }, token);

  const other = drawn.find((d) => d.sessionId === mine.sessionId && d.roomId !== mine.roomId && !drawn.some((x) => x.sessionId === d.sessionId && x.roomId === d.roomId && x.staffNo === mine.staffNo))!;
  const refused = await c.call('checkin.door', { sessionId: other.sessionId, roomId: other.roomId }, token);
  expect(refused.ok).toBe(false);
  if (!refused.ok) {
    expect(refused.error.code).toBe('FORBIDDEN');
    expect(refused.error.reason).toBe('checkin.notDrawnHere');
    expect(String(refused.error.params?.proctors)).toContain(other.name);
  }
  // a supervisor is not bound by the draw
  const supervisorNo = people.find((p) => p.roles.includes('supervisor'))!.staffNo;
  const sup = (await c.ok<{ token: string }>('auth.signIn', { staffNo: supervisorNo, pin: DEMO_STAFF_PIN })).token;
  await c.ok('checkin.door', { sessionId: other.sessionId, roomId: other.roomId }, sup);

  const list = await c.ok<{ sessionId: number; roomId: number; proctors: string | null; mine: boolean; drawn: boolean }[]>('checkin.doors', {}, token);
  const row = list.find((d) => d.sessionId === mine.sessionId && d.roomId === mine.roomId)!;
  expect(row.mine).toBe(true);
  expect(row.proctors).toContain(mine.name);
  expect(list[0]!.mine).toBe(true); // the proctor's own doors come first
});
