// S2/S8: a redraw says why, and never takes a confirmed draw out of force behind the supervisor's
// back: until the supervisor confirms the redraw, the doors, the prints and the projector keep the
// confirmed draw and say which draw they use (its number, when it was confirmed).
import { describe, expect, it } from 'vitest';
import { proctorsFor } from '../../electron/services/draw/service';
import { seedDrawPlan } from '../support/draw-seed';
import { enrolStaff } from '../support/enrol';
import { siteHead, testConsole, type TestConsole } from './helpers';

const PIN = '135790';

async function ready() {
  const c = testConsole('2026-05-21T07:30:00+08:00');
  const token = await siteHead(c);
  const seed = seedDrawPlan(c.app.env.opened.db, c.clock, c.app.env.random);
  const ids = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds];
  await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: ids, onDuty: true }, token);
  return { c, token, seed, sup: seed.staffNo(seed.supervisorIds[0]!) };
}

type Board = { sessions: { id: number; inForce: { drawId: number; status: string; confirmedAt: string | null } | null }[]; draws: { id: number; status: string; reason: string | null }[] };
const board = (c: TestConsole, token: string, batchId: number) => c.ok<Board>('draw.board', { batchId }, token);
/** every active proctor assignment of a session, as (room, staff) pairs */
const doorsOf = (c: TestConsole, sessionId: number, roomIds: number[]) => roomIds.map((r) => proctorsFor(c.app.env.opened.db, sessionId, r).map((p) => p.staffId));
const drawnProctors = (c: TestConsole, drawId: number, sessionId: number, roomIds: number[]) =>
  roomIds.map((r) =>
    (c.app.env.opened.sqlite.prepare("SELECT staff_id AS id FROM draw_assignments WHERE draw_id = ? AND session_id = ? AND room_id = ? AND role = 'proctor' ORDER BY position").all(drawId, sessionId, r) as { id: number }[]).map((x) => x.id),
  );

describe('S2/S8: redraws', () => {
  it('S2: the first draw needs no reason; a redraw without one is refused and changes nothing; with one it is recorded and audited', async () => {
    const { c, token, seed } = await ready();
    const first = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId }, token);
    const before = doorsOf(c, seed.theorySessionId, seed.theoryRoomIds);
    for (const reason of [undefined, '   ']) {
      const r = await c.call('draw.run', { batchId: seed.batchId, ...(reason === undefined ? {} : { reason }) }, token);
      expect(r.ok ? null : r.error).toMatchObject({ code: 'BAD_INPUT', reason: 'draw.redrawReason' });
    }
    expect((await board(c, token, seed.batchId)).draws).toHaveLength(1);
    expect(doorsOf(c, seed.theorySessionId, seed.theoryRoomIds)).toEqual(before);
    const again = await c.ok<{ drawId: number; pending: boolean; replaces: number[] }>('draw.run', { batchId: seed.batchId, reason: '投影仪故障，当众重新抽签' }, token);
    // nobody had confirmed the first: the redraw is in force at once
    expect(again).toMatchObject({ pending: false, replaces: [first.drawId] });
    const b = await board(c, token, seed.batchId);
    expect(b.draws.find((d) => d.id === again.drawId)).toMatchObject({ status: 'drawn', reason: '投影仪故障，当众重新抽签' });
    expect(b.sessions.every((s) => s.inForce?.drawId === again.drawId)).toBe(true);
    const ev = c.app.env.opened.sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'draw.run' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(ev.detail)).toMatchObject({ reason: '投影仪故障，当众重新抽签', replaces: [first.drawId], pending: false });
  });

  it('S8 attack: a redraw of a confirmed draw does not reach the doors until the supervisor confirms it again; the door, the print and the board say which draw is in force', async () => {
    const { c, token, seed, sup } = await ready();
    const first = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId }, token);
    const confirmed = await c.ok<{ at: string }>('draw.confirm', { drawId: first.drawId, staffNo: sup, pin: PIN }, token);
    const before = doorsOf(c, seed.theorySessionId, seed.theoryRoomIds);

    const redraw = await c.ok<{ drawId: number; pending: boolean }>('draw.run', { batchId: seed.batchId, reason: '一名监考员临时调换，重新抽签' }, token);
    expect(redraw.pending).toBe(true);
    // the doors keep the confirmed draw: same proctors, and a proctor only the redraw names is refused at that door
    expect(doorsOf(c, seed.theorySessionId, seed.theoryRoomIds)).toEqual(before);
    const b = await board(c, token, seed.batchId);
    expect(b.sessions.every((s) => s.inForce?.drawId === first.drawId && s.inForce.confirmedAt === confirmed.at)).toBe(true);
    expect(b.draws.find((d) => d.id === redraw.drawId)!.status).toBe('pending');
    const newcomer = drawnProctors(c, redraw.drawId, seed.theorySessionId, seed.theoryRoomIds)
      .flatMap((ids, i) => ids.filter((id) => !before[i]!.includes(id)).map((id) => ({ id, roomId: seed.theoryRoomIds[i]! })))
      .at(0);
    // 12 proctors for 6 places: the redraw puts someone new at some door (all six kept in place: ~1 in 10^6)
    expect(newcomer).toBeDefined();
    {
      await enrolStaff(c, token, [newcomer!.id], PIN);
      const t = (await c.ok<{ token: string }>('auth.signIn', { staffNo: seed.staffNo(newcomer!.id), pin: PIN })).token;
      const refused = await c.call('checkin.door', { sessionId: seed.theorySessionId, roomId: newcomer!.roomId }, t);
      expect(refused.ok ? null : refused.error).toMatchObject({ code: 'FORBIDDEN', reason: 'checkin.notDrawnHere' });
    }
    const door = await c.ok<{ draw: { drawId: number; confirmedAt: string | null } }>('checkin.door', { sessionId: seed.theorySessionId, roomId: seed.theoryRoomIds[0]! }, token);
    expect(door.draw).toMatchObject({ drawId: first.drawId, confirmedAt: confirmed.at });
    const print = await c.ok<{ forms: { draws: { drawId: number; confirmedAt: string | null }[] }[] }>('draw.print', { batchId: seed.batchId }, token);
    expect(print.forms.flatMap((f) => f.draws)).toEqual(print.forms.map(() => ({ drawId: first.drawId, confirmedAt: confirmed.at })));

    // the supervisor confirms the redraw: now it is in force, everywhere at once
    const ok = await c.ok<{ replaces: number[] }>('draw.confirm', { drawId: redraw.drawId, staffNo: sup, pin: PIN }, token);
    expect(ok.replaces).toEqual([first.drawId]);
    expect(doorsOf(c, seed.theorySessionId, seed.theoryRoomIds)).toEqual(drawnProctors(c, redraw.drawId, seed.theorySessionId, seed.theoryRoomIds));
    expect((await board(c, token, seed.batchId)).sessions.every((s) => s.inForce?.drawId === redraw.drawId && s.inForce.status === 'confirmed')).toBe(true);
    const door2 = await c.ok<{ draw: { drawId: number } }>('checkin.door', { sessionId: seed.theorySessionId, roomId: seed.theoryRoomIds[0]! }, token);
    expect(door2.draw.drawId).toBe(redraw.drawId);
    for (const d of [first.drawId, redraw.drawId]) expect((await c.ok<{ same: boolean }>('draw.verify', { drawId: d }, token)).same).toBe(true);
  });

  it('S8: a newer redraw discards a pending one (never confirmable); a pending redraw cannot be confirmed once its session has started, and the confirmed draw stays', async () => {
    const { c, token, seed, sup } = await ready();
    const first = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId }, token);
    await c.ok('draw.confirm', { drawId: first.drawId, staffNo: sup, pin: PIN }, token);
    const a = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId, reason: '第一次重抽' }, token);
    const b = await c.ok<{ drawId: number; pending: boolean }>('draw.run', { batchId: seed.batchId, reason: '第二次重抽' }, token);
    expect(b.pending).toBe(true);
    expect((await board(c, token, seed.batchId)).draws.find((d) => d.id === a.drawId)!.status).toBe('discarded');
    const discarded = await c.call('draw.confirm', { drawId: a.drawId, staffNo: sup, pin: PIN }, token);
    expect(discarded.ok ? null : discarded.error).toMatchObject({ code: 'CONFLICT', reason: 'draw.discarded' });

    c.clock.set('2026-05-21T09:01:00+08:00'); // the theory session has started
    const late = await c.call('draw.confirm', { drawId: b.drawId, staffNo: sup, pin: PIN }, token);
    expect(late.ok ? null : late.error).toMatchObject({ code: 'DRAW_STARTED' });
    expect((await board(c, token, seed.batchId)).sessions.every((s) => s.inForce?.drawId === first.drawId)).toBe(true);
  });
});
