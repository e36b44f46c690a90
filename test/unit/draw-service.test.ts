// The draw through the command registry on a real SQLite file: on duty (E2), draw (S2–S7),
// record and verify, supervisor confirmation, refusals, manual changes, redraws, proctorsFor.
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../electron/services/canonical';
import { proctorsFor } from '../../electron/services/draw/service';
import type { Problem, Violation } from '../../electron/services/draw/types';
import { describeError } from '../../renderer/src/i18n';
import { describeDrawIssue, describeProblem } from '../../renderer/src/pages/draw/wording';
import { seedDrawPlan, type DrawSeed } from '../support/draw-seed';
import { siteHead, testConsole, type TestConsole } from './helpers';

async function ready(opts: Parameters<typeof seedDrawPlan>[3] = {}) {
  const c = testConsole('2026-05-21T07:30:00+08:00');
  const token = await siteHead(c);
  const { db } = c.app.env.opened;
  const seed = seedDrawPlan(db, c.clock, c.app.env.random, opts);
  return { c, token, seed };
}

async function allOnDuty(c: TestConsole, token: string, seed: DrawSeed, except: number[] = []) {
  const ids = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds].filter((id) => !except.includes(id));
  await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: ids, onDuty: true }, token);
}

type Board = { sessions: { id: number; rooms: { id: number; code: string; proctors: { staffId: number; name: string }[]; chief: { staffId: number } | null; examiners: { staffId: number }[] }[] }[]; draws: { id: number; seed: string; status: string }[] };

describe('draw service (S2–S7, E2)', () => {
  it('E2: only staff on duty enter the draw; the whole day is drawn, recorded and verifies as the same', async () => {
    const { c, token, seed } = await ready();
    const absent = seed.proctorIds[0]!;
    await allOnDuty(c, token, seed, [absent]);
    const duty = await c.ok<{ id: number; onDuty: boolean }[]>('draw.duty.list', { batchId: seed.batchId }, token);
    expect(duty.find((d) => d.id === absent)!.onDuty).toBe(false);

    const run = await c.ok<{ drawId: number; seed: string; inputsDigest: string; resultDigest: string }>('draw.run', { batchId: seed.batchId }, token);
    expect(run.seed).toMatch(/^[0-9a-f]{64}$/);
    const board = await c.ok<Board>('draw.board', { batchId: seed.batchId }, token);
    const everyone = board.sessions.flatMap((s) => s.rooms.flatMap((r) => [...r.proctors.map((p) => p.staffId), ...(r.chief ? [r.chief.staffId] : []), ...r.examiners.map((e) => e.staffId)]));
    expect(everyone).not.toContain(absent);
    expect(everyone).not.toContain(seed.supervisorIds[0]); // S7
    for (const s of board.sessions) for (const r of s.rooms) expect(r.proctors.length).toBeGreaterThanOrEqual(2); // S2
    const skill = board.sessions.find((s) => s.id === seed.skillSessionId)!;
    for (const r of skill.rooms) {
      expect(r.chief).not.toBeNull(); // one chief examiner per panel
      expect(1 + r.examiners.length).toBe(3); // S5
    }

    // the record: seed, algorithm and digests in the audit trail
    const ev = c.app.env.opened.sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'draw.run' AND outcome = 'ok'").get() as { detail: string };
    const detail = JSON.parse(ev.detail) as Record<string, unknown>;
    expect(detail.seed).toBe(run.seed);
    expect(detail.inputsDigest).toBe(run.inputsDigest);
    expect(detail.resultDigest).toBe(run.resultDigest);
    expect(String(detail.algorithm)).toMatch(/^kd-draw\/1/);
    const row = c.app.env.opened.sqlite.prepare('SELECT inputs, result FROM draws WHERE id = ?').get(run.drawId) as { inputs: string; result: string };
    expect(sha256Hex(row.inputs)).toBe(run.inputsDigest);
    expect(sha256Hex(canonicalJson(JSON.parse(row.result)))).toBe(run.resultDigest);

    const v = await c.ok<{ same: boolean; auditOk: boolean; differences: unknown[] }>('draw.verify', { drawId: run.drawId }, token);
    expect(v).toMatchObject({ same: true, auditOk: true, differences: [] });

    // an edited record no longer verifies, and the report says where
    const result = JSON.parse(row.result) as { assignments: { proctors: number[] }[] };
    result.assignments[0]!.proctors.reverse();
    result.assignments[0]!.proctors[0] = absent;
    c.app.env.opened.sqlite.prepare('UPDATE draws SET result = ? WHERE id = ?').run(canonicalJson(result), run.drawId);
    const bad = await c.ok<{ same: boolean; resultDigestOk: boolean; differences: { roomCode: string }[] }>('draw.verify', { drawId: run.drawId }, token);
    expect(bad.same).toBe(false);
    expect(bad.resultDigestOk).toBe(false);
    expect(bad.differences.length).toBe(1);
  });

  it('S8: the supervisor confirms with their own PIN; a wrong PIN or another role is refused', async () => {
    const { c, token, seed } = await ready();
    await allOnDuty(c, token, seed);
    const run = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId }, token);
    const sup = seed.staffNo(seed.supervisorIds[0]!);
    const wrong = await c.call('draw.confirm', { drawId: run.drawId, staffNo: sup, pin: '000000' }, token);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error.code).toBe('PIN_WRONG');
    const notSup = await c.call('draw.confirm', { drawId: run.drawId, staffNo: seed.staffNo(seed.proctorIds[0]!), pin: '135790' }, token);
    expect(notSup.ok).toBe(false);
    if (!notSup.ok) {
      expect(notSup.error).toMatchObject({ code: 'FORBIDDEN', reason: 'draw.supervisorOnly' });
      expect(describeError('zh-CN', notSup.error)).toContain('督导员');
    }
    const ok = await c.ok<{ confirmed: boolean; by: string }>('draw.confirm', { drawId: run.drawId, staffNo: sup, pin: '135790' }, token);
    expect(ok.confirmed).toBe(true);
    const board = await c.ok<Board>('draw.board', { batchId: seed.batchId }, token);
    expect(board.draws[0]!.status).toBe('confirmed');
  });

  it('refuses an impossible draw with the binding rule, the people and rooms, and writes nothing but the refusal', async () => {
    const { c, token, seed } = await ready({ proctors: 2, theoryRooms: 1, skillRooms: 0 });
    const { sqlite } = c.app.env.opened;
    await allOnDuty(c, token, seed);
    // proctor 1 trained every candidate of room 1: two proctors for the room leave it one short
    const room1 = sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE room_id = ?').all(seed.theoryRoomIds[0]) as { id: number }[];
    for (const cand of room1) sqlite.prepare('INSERT INTO training_relations (staff_id, candidate_id, kind) VALUES (?, ?, ?)').run(seed.proctorIds[0], cand.id, 'trained');
    // and the only reserve who could be called in is not on duty
    const extra = sqlite.prepare("INSERT INTO staff (staff_no, name, work_unit, created_at) VALUES ('P900', '赵𠀋备', '外校', '2026-05-21T07:00:00+08:00')").run().lastInsertRowid;
    sqlite.prepare("INSERT INTO staff_roles (staff_id, role) VALUES (?, 'proctor')").run(extra);
    const r = await c.call('draw.run', { batchId: seed.batchId, sessionIds: [seed.theorySessionId] }, token);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('DRAW_INFEASIBLE');
    expect(r.error.reason).toBe('draw.infeasible');
    const problems = r.error.details as Problem[];
    expect(problems[0]!.rule).toBe('S3');
    expect(describeProblem('zh-CN', problems[0]!)).toContain('王𪚥 培训了（或亲属）该考场5名考生');
    expect(describeProblem('zh-CN', problems[0]!)).toContain('可增派（未到岗）：赵𠀋备');
    expect(describeProblem('en', problems[0]!)).toContain('王𪚥 trained or is related to 5 candidate(s) in the room');
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM draws').get() as { n: number }).n).toBe(0);
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM draw_assignments').get() as { n: number }).n).toBe(0);
    const refused = sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'draw.run' AND outcome = 'refused'").get() as { detail: string };
    expect(JSON.parse(refused.detail).problems[0].rule).toBe('S3');
    // calling the reserve in makes it possible
    await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: [Number(extra)], onDuty: true }, token);
    await c.ok('draw.run', { batchId: seed.batchId, sessionIds: [seed.theorySessionId] }, token);
  });

  it('manual change: a replacement that breaks S3 is refused with the reason; a legal one is recorded and the original stays', async () => {
    const { c, token, seed } = await ready({ proctors: 10 });
    const { sqlite, db } = c.app.env.opened;
    await allOnDuty(c, token, seed);
    const run = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId }, token);
    const roomId = seed.theoryRoomIds[0]!;
    const before = proctorsFor(db, seed.theorySessionId, roomId);
    expect(before).toHaveLength(2);
    const board = await c.ok<Board>('draw.board', { batchId: seed.batchId }, token);
    const theory = board.sessions.find((s) => s.id === seed.theorySessionId)!;
    const used = new Set(theory.rooms.flatMap((r) => r.proctors.map((p) => p.staffId)));
    const free = seed.proctorIds.filter((id) => !used.has(id));
    expect(free.length).toBeGreaterThanOrEqual(2);
    // the newcomer trained a candidate in the room
    const cand = sqlite.prepare('SELECT candidate_id AS id FROM candidate_subjects WHERE room_id = ? LIMIT 1').get(roomId) as { id: number };
    sqlite.prepare('INSERT INTO training_relations (staff_id, candidate_id) VALUES (?, ?)').run(free[0], cand.id);
    const change = { sessionId: seed.theorySessionId, kind: 'replace', staffId: before[0]!.staffId, otherStaffId: free[0]! };
    const live = await c.ok<{ ok: boolean; violations: Violation[] }>('draw.checkChange', change, token);
    expect(live.ok).toBe(false);
    expect(live.violations[0]!.rule).toBe('S3');
    expect(live.violations[0]).toMatchObject({ reason: 'mustAvoid', bar: { rule: 'S3', reason: 'trained', params: { count: 1 } } });
    const noReason = await c.call('draw.change', change, token);
    expect(noReason.ok).toBe(false);
    const refused = await c.call('draw.change', { ...change, reason: '王某身体不适' }, token);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('DRAW_RULE');
      const vs = refused.error.details as Violation[];
      expect(vs[0]!.rule).toBe('S3');
      expect(describeDrawIssue('zh-CN', vs[0]!)).toMatch(/须回避理论知识考试 第1考场$/);
    }
    expect(proctorsFor(db, seed.theorySessionId, roomId)).toEqual(before);

    await c.ok('draw.change', { ...change, otherStaffId: free[1]!, reason: '王某身体不适' }, token);
    const after = proctorsFor(db, seed.theorySessionId, roomId);
    expect(after.map((p) => p.staffId)).toContain(free[1]);
    expect(after.map((p) => p.staffId)).not.toContain(before[0]!.staffId);
    // the original draw is still on record and still verifies
    const v = await c.ok<{ same: boolean }>('draw.verify', { drawId: run.drawId }, token);
    expect(v.same).toBe(true);
    const ch = sqlite.prepare('SELECT reason, kind FROM draw_changes').all();
    expect(ch).toEqual([{ reason: '王某身体不适', kind: 'replace' }]);
    // someone not on duty cannot come in (E2)
    const late = sqlite.prepare("INSERT INTO staff (staff_no, name, created_at) VALUES ('P901', '迟到者', '2026-05-21T07:00:00+08:00')").run().lastInsertRowid;
    sqlite.prepare("INSERT INTO staff_roles (staff_id, role) VALUES (?, 'proctor')").run(late);
    const offDuty = await c.call('draw.change', { ...change, staffId: after[0]!.staffId, otherStaffId: Number(late), reason: '测试' }, token);
    expect(offDuty.ok).toBe(false);
    if (!offDuty.ok) {
      const vs = offDuty.error.details as Violation[];
      expect(vs.map((v) => v.rule)).toContain('E2');
      expect(vs.map((v) => describeDrawIssue('zh-CN', v))).toContain('迟到者 未登记到岗，不能安排');
    }
    // a late arrival marked on duty can
    await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: [Number(late)], onDuty: true }, token);
    await c.ok('draw.change', { ...change, staffId: after[0]!.staffId, otherStaffId: Number(late), reason: '迟到者到岗替补' }, token);
    // and someone on a duty cannot be signed off before being replaced
    const off = await c.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [Number(late)], onDuty: false }, token);
    expect(off.ok).toBe(false);
  });

  it('late arrivals and a redraw for sessions not yet started; started sessions are kept', async () => {
    const { c, token, seed } = await ready();
    await allOnDuty(c, token, seed);
    await c.ok('draw.run', { batchId: seed.batchId }, token);
    const theoryBefore = proctorsFor(c.app.env.opened.db, seed.theorySessionId, seed.theoryRoomIds[0]!);
    c.clock.set('2026-05-21T09:10:00+08:00');
    const whole = await c.call('draw.run', { batchId: seed.batchId }, token);
    expect(whole.ok).toBe(false);
    if (!whole.ok) expect(whole.error.code).toBe('DRAW_STARTED');
    const again = await c.ok<{ drawId: number }>('draw.run', { batchId: seed.batchId, sessionIds: [seed.skillSessionId], reason: '考评员迟到，技能场次重新抽签' }, token);
    expect(proctorsFor(c.app.env.opened.db, seed.theorySessionId, seed.theoryRoomIds[0]!)).toEqual(theoryBefore);
    const v = await c.ok<{ same: boolean }>('draw.verify', { drawId: again.drawId }, token);
    expect(v.same).toBe(true);
    // the redraw knew the morning's duties (rotation input)
    const inputs = JSON.parse((c.app.env.opened.sqlite.prepare('SELECT inputs FROM draws WHERE id = ?').get(again.drawId) as { inputs: string }).inputs);
    expect(inputs.fixed.length).toBeGreaterThan(0);
  });

  it('S5: a skill candidate without a room is refused before drawing: no panel would score them', async () => {
    const { c, token, seed } = await ready();
    await allOnDuty(c, token, seed);
    c.app.env.opened.sqlite.prepare('UPDATE candidate_subjects SET room_id = NULL WHERE candidate_id = ? AND session_id = ?').run(seed.candidateIds[0], seed.skillSessionId);
    const r = await c.call('draw.run', { batchId: seed.batchId }, token);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'DRAW_INFEASIBLE', reason: 'draw.infeasible' });
      const [p] = r.error.details as Problem[];
      expect(p).toMatchObject({ rule: 'S5', reason: 'unseated', params: { count: 1 } });
      expect(describeProblem('zh-CN', p!)).toContain('技能操作考核有1名考生未安排考场');
    }
  });

  it('after a session ends its proctors may go off duty; before, they must be replaced first', async () => {
    const { c, token, seed } = await ready();
    await allOnDuty(c, token, seed);
    await c.ok('draw.run', { batchId: seed.batchId, sessionIds: [seed.theorySessionId] }, token);
    const p = proctorsFor(c.app.env.opened.db, seed.theorySessionId, seed.theoryRoomIds[0]!)[0]!;
    const early = await c.call('draw.duty.mark', { batchId: seed.batchId, staffIds: [p.staffId], onDuty: false }, token);
    expect(early.ok).toBe(false);
    c.clock.set('2026-05-21T10:31:00+08:00');
    await c.ok('draw.duty.mark', { batchId: seed.batchId, staffIds: [p.staffId], onDuty: false }, token);
  });

  it('a proctor cannot call the draw', async () => {
    const { c, token, seed } = await ready();
    await allOnDuty(c, token, seed);
    const s = await c.ok<{ token: string }>('auth.signIn', { staffNo: seed.staffNo(seed.proctorIds[1]!), pin: '135790' });
    const r = await c.call('draw.run', { batchId: seed.batchId }, s.token);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    void token;
  });
});
