// The door's flows on a real console (E3, E4, S2, S8): an incomplete entry is a hint and never a
// refusal, counters count people; a retried confirm is the same sign-in; a false alarm is closed
// without an incident; a session over records nothing; absentees take the second proctor's PIN;
// the doubtful review names an outcome and shows the photos.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../renderer/src/i18n';
import { PROCTOR_A, PROCTOR_B, SUPERVISOR, photo, seedDoor } from '../support/door-seed';
import { siteHead, testConsole, type TestConsole } from './helpers';

type ScanOut = { kind: 'verdict'; verdict: { code: string } } | { kind: 'pick' } | { kind: 'hint'; hint: { code: string; typed?: number; ticketLengths?: number[]; tail?: string } } | { kind: 'over'; reason: string };
type DoorOut = { over: string | null; counts: { refused: number; signedIn: number; absent: number }; alerts: { id: number; status: string; closedReason: string | null }[] };

const jpeg = () => ({ jpegBase64: photo(2).toString('base64'), width: 144, height: 192 });
const KEY = 'a'.repeat(32);

async function setup(start = '2026-05-21T08:40:00+08:00') {
  const c = testConsole(start);
  await siteHead(c);
  const seed = seedDoor(c.app.env.opened.db, c.clock);
  const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
  const door1 = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  return { c, seed, proctor, door1 };
}
const count = (c: TestConsole, sql: string, ...args: unknown[]) => (c.app.env.opened.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('E3: an incomplete or mistyped entry is a hint, not a refusal', () => {
  it('answers a hint for short digits, an unknown short code and a tail nobody has; only a complete number not in the plan is refused', async () => {
    const { c, proctor, door1 } = await setup();
    const scan = (code: string) => c.ok<ScanOut>('checkin.scan', { ...door1, code }, proctor);
    expect(await scan('26052100')).toEqual({ kind: 'hint', hint: { code: 'incomplete', typed: 8, ticketLengths: [11] } });
    expect(await scan('370402198')).toMatchObject({ kind: 'hint', hint: { code: 'incomplete', typed: 9 } });
    expect(await scan('AB1')).toEqual({ kind: 'hint', hint: { code: 'unknown', typed: 3 } });
    expect(await scan('77777')).toEqual({ kind: 'hint', hint: { code: 'noTail', tail: '77777', method: 'ticket_tail' } });
    // complete: a ticket-length number, a passport-like number
    expect(await scan('26052199999')).toMatchObject({ kind: 'verdict', verdict: { code: 'not_in_plan' } });
    expect(await scan('E12345678')).toMatchObject({ kind: 'verdict', verdict: { code: 'not_in_plan' } });
    // the screen cannot record a hint as a refusal either: the console judges it again
    const r = await c.call('checkin.refuse', { ...door1, code: '26052100', candidateId: null, method: 'doc' }, proctor);
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_INPUT', reason: 'checkin.notARefusal' });
    expect(!r.ok && describeError('zh-CN', r.error)).toBe('输入的号码不完整或有误，不记为拒绝入场。');
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_refusals')).toBe(0);
  });

  it('counts people refused, not refusals: the same person twice is one, a duplicate is an alarm, a refused person admitted later is not refused', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const elsewhere = seed.room2Candidates[0]!;
    for (let i = 0; i < 3; i++) await c.ok('checkin.refuse', { ...door1, code: elsewhere.ticketNo, candidateId: elsewhere.id, method: 'ticket' }, proctor);
    await c.ok('checkin.refuse', { ...door1, code: '99999999999', candidateId: null, method: 'doc' }, proctor);
    await c.ok('checkin.refuse', { ...door1, code: '99999999999', candidateId: null, method: 'doc' }, proctor);
    const who = seed.room1Candidates[0]!;
    await c.ok('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', scanned: who.ticketNo, photo: jpeg() }, proctor);
    await c.ok('checkin.refuse', { ...door1, code: who.ticketNo, candidateId: who.id, method: 'ticket' }, proctor); // already_here: an alarm
    expect((await c.ok<DoorOut>('checkin.door', door1, proctor)).counts.refused).toBe(2);
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_refusals')).toBe(6);
    // E4: refused at the cut-off, then admitted by the supervisor: no longer counted as refused
    c.clock.set('2026-05-21T09:31:00+08:00');
    const late = seed.room1Candidates[1]!;
    await c.ok('checkin.refuse', { ...door1, code: late.ticketNo, candidateId: late.id, method: 'ticket' }, proctor);
    expect((await c.ok<DoorOut>('checkin.door', door1, proctor)).counts.refused).toBe(3);
    await c.ok('checkin.confirm', { ...door1, candidateId: late.id, method: 'ticket', photo: jpeg(), late: { reason: '交通事故', supervisorStaffNo: SUPERVISOR.staffNo, supervisorPin: SUPERVISOR.pin } }, proctor);
    expect((await c.ok<DoorOut>('checkin.door', door1, proctor)).counts.refused).toBe(2);
  });
});

describe('E3: a retried confirm is the same sign-in', () => {
  it('answers a second confirm with the same key as the first, writing nothing and raising no alarm; a key reused for another candidate is refused', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const who = seed.room1Candidates[0]!;
    const input = { ...door1, candidateId: who.id, method: 'ticket', scanned: who.ticketNo, photo: jpeg(), confirmKey: KEY };
    const first = await c.ok<{ checkinId: number; replayed: boolean }>('checkin.confirm', input, proctor);
    expect(first.replayed).toBe(false);
    const again = await c.ok<{ checkinId: number; replayed: boolean }>('checkin.confirm', input, proctor);
    expect(again).toMatchObject({ checkinId: first.checkinId, replayed: true });
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkins')).toBe(1);
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_photos')).toBe(1);
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_alerts')).toBe(0);
    // without the key a second confirm is refused as before (already signed in)
    const noKey = await c.call('checkin.confirm', { ...input, confirmKey: undefined }, proctor);
    expect(!noKey.ok && noKey.error.code).toBe('DOOR_REFUSED');
    const other = seed.room1Candidates[1]!;
    const reused = await c.call('checkin.confirm', { ...input, candidateId: other.id, scanned: other.ticketNo }, proctor);
    expect(!reused.ok && reused.error).toMatchObject({ code: 'CONFLICT', reason: 'checkin.confirmKeyReused' });
    const bad = await c.call('checkin.confirm', { ...input, confirmKey: 'not-a-key' }, proctor);
    expect(!bad.ok && bad.error.code).toBe('BAD_INPUT');
  });
});

describe('E6: a duplicate alarm closed as a false alarm', () => {
  it('closes a draft alarm with its reason and note, audited, and it can no longer become an incident', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const who = seed.room1Candidates[0]!;
    await c.ok('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', photo: jpeg() }, proctor);
    const { alertId } = await c.ok<{ alertId: number }>('checkin.refuse', { ...door1, code: who.ticketNo, candidateId: who.id, method: 'ticket' }, proctor);
    const empty = await c.call('checkin.closeAlert', { alertId, reason: 'double_read', note: '  ' }, proctor);
    expect(!empty.ok && empty.error.code).toBe('BAD_INPUT');
    await c.ok('checkin.closeAlert', { alertId, reason: 'double_read', note: '扫码枪连读两次' }, proctor);
    expect(c.app.env.opened.sqlite.prepare('SELECT status, closed_reason, closed_note, closed_by FROM checkin_alerts WHERE id = ?').get(alertId)).toEqual({
      status: 'dismissed',
      closed_reason: 'double_read',
      closed_note: '扫码枪连读两次',
      closed_by: seed.proctorA,
    });
    expect(count(c, "SELECT COUNT(*) AS n FROM audit_events WHERE command = 'checkin.closeAlert' AND outcome = 'ok'")).toBe(1);
    const view = await c.ok<DoorOut>('checkin.door', door1, proctor);
    expect(view.alerts).toEqual([expect.objectContaining({ id: alertId, status: 'dismissed', closedReason: 'double_read' })]);
    const twice = await c.call('checkin.closeAlert', { alertId, reason: 're_entry', note: '再次' }, proctor);
    expect(!twice.ok && twice.error.reason).toBe('checkin.alertClosed');
    const sup = (await c.ok<{ token: string }>('auth.signIn', { staffNo: SUPERVISOR.staffNo, pin: SUPERVISOR.pin })).token;
    const taken = await c.call('incidents.fromAlert', { alertId, description: '替考' }, sup);
    expect(taken.ok).toBe(false);
    expect(count(c, 'SELECT COUNT(*) AS n FROM incidents')).toBe(0);
  });
});

describe('a session over records nothing (本场已结束)', () => {
  it('after the end: the scan says so, confirm and refuse are refused, nothing is written; a sealed batch the same', async () => {
    const { c, seed, proctor, door1 } = await setup('2026-05-21T10:30:00+08:00');
    const who = seed.room1Candidates[0]!;
    expect(await c.ok<ScanOut>('checkin.scan', { ...door1, code: who.ticketNo }, proctor)).toEqual({ kind: 'over', reason: 'ended' });
    expect((await c.ok<DoorOut>('checkin.door', door1, proctor)).over).toBe('ended');
    const confirm = await c.call('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', photo: jpeg() }, proctor);
    expect(!confirm.ok && confirm.error).toMatchObject({ code: 'CONFLICT', reason: 'checkin.sessionOver' });
    expect(!confirm.ok && describeError('zh-CN', confirm.error)).toBe('本场已结束（考试已结束），不再记录。');
    const refuse = await c.call('checkin.refuse', { ...door1, code: '99999999999', candidateId: null, method: 'doc' }, proctor);
    expect(!refuse.ok && refuse.error.reason).toBe('checkin.sessionOver');
    const missing = (await c.ok<{ candidateId: number }[]>('checkin.missing', door1, proctor)).map((m) => m.candidateId);
    const absent = await c.call('checkin.markAbsent', { ...door1, candidateIds: missing, second: { staffNo: PROCTOR_B.staffNo, pin: PROCTOR_B.pin } }, proctor);
    expect(!absent.ok && absent.error.reason).toBe('checkin.sessionOver');
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkins') + count(c, 'SELECT COUNT(*) AS n FROM checkin_refusals') + count(c, 'SELECT COUNT(*) AS n FROM checkin_absences')).toBe(0);

    // a sealed batch's doors, even before the session's end
    c.clock.set('2026-05-21T08:45:00+08:00');
    c.app.env.opened.sqlite.prepare("UPDATE batches SET status = 'sealed' WHERE id = ?").run(seed.batchId);
    expect(await c.ok<ScanOut>('checkin.scan', { ...door1, code: who.ticketNo }, proctor)).toEqual({ kind: 'over', reason: 'sealed' });
    const sealed = await c.call('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', photo: jpeg() }, proctor);
    expect(!sealed.ok && describeError('zh-CN', sealed.error)).toBe('本场已结束（本批次已封存），不再记录。');
  });
});

describe('E4, S2: absentees are marked with the second proctor’s PIN', () => {
  it('refuses without a second person, with the proctor’s own PIN or a wrong PIN, writing nothing; records the second proctor', async () => {
    const { c, seed, proctor, door1 } = await setup('2026-05-21T09:31:00+08:00');
    const missing = (await c.ok<{ candidateId: number }[]>('checkin.missing', door1, proctor)).map((m) => m.candidateId);
    const mark = (second?: object) => c.call('checkin.markAbsent', { ...door1, candidateIds: missing, ...(second ? { second } : {}) }, proctor);
    expect((await mark()).ok).toBe(false);
    const self = await mark({ staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin });
    expect(!self.ok && self.error.reason).toBe('checkin.vouchSelf');
    const wrong = await mark({ staffNo: PROCTOR_B.staffNo, pin: '000000' });
    expect(!wrong.ok && wrong.error.code).toBe('PIN_WRONG');
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_absences')).toBe(0);
    await c.ok('checkin.markAbsent', { ...door1, candidateIds: missing, second: { staffNo: PROCTOR_B.staffNo, pin: PROCTOR_B.pin } }, proctor);
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_absences WHERE second_proctor_id = ?', seed.proctorB)).toBe(6);
  });
});

describe('S8: the doubtful review', () => {
  it('shows the registered and the door photo (no card photo yet) and records the outcome chosen', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const who = seed.room1Candidates[2]!;
    const { checkinId } = await c.ok<{ checkinId: number }>(
      'checkin.confirm',
      { ...door1, candidateId: who.id, method: 'ticket', photo: jpeg(), doubtful: { reason: '人像差异', secondStaffNo: PROCTOR_B.staffNo, secondPin: PROCTOR_B.pin } },
      proctor,
    );
    const sup = (await c.ok<{ token: string }>('auth.signIn', { staffNo: SUPERVISOR.staffNo, pin: SUPERVISOR.pin })).token;
    const photos = await c.ok<{ registered: string | null; door: string | null; card: string | null }>('checkin.casePhotos', { checkinId }, sup);
    expect(photos.registered).toMatch(/^data:image\/jpeg;base64,/);
    expect(photos.door).toBe(`data:image/jpeg;base64,${photo(2).toString('base64')}`);
    expect(photos.card).toBeNull();
    const noOutcome = await c.call('checkin.review', { checkinId, note: '核对' }, sup);
    expect(!noOutcome.ok && noOutcome.error.code).toBe('BAD_INPUT');
    await c.ok('checkin.review', { checkinId, outcome: 'confirmed', note: '核对户籍，确为本人' }, sup);
    expect(c.app.env.opened.sqlite.prepare('SELECT review_outcome, review_note FROM checkins WHERE id = ?').get(checkinId)).toEqual({ review_outcome: 'confirmed', review_note: '核对户籍，确为本人' });
  });
});
