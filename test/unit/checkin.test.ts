import { describe, expect, it } from 'vitest';
import { maskDocNumber, parseResidentId } from '../../electron/domain/gb11643';
import { openDoor, stmts, ticketQrPayload } from '../../electron/services/checkin/lookup';
import { PLAN_CODE, PROCTOR_A, PROCTOR_B, SUPERVISOR, photo, seedDoor } from '../support/door-seed';
import { siteHead, testConsole, type TestConsole } from './helpers';
import { describeError } from '../../renderer/src/i18n';
import { addStaff } from '../support/enrol';

type Verdict = { code: string; method: string; candidate: { id: number; name: string; docMasked: string; photo: string | null } | null; goTo: { roomCode: string | null; seat: string | null; sessionName: string }[]; earlier: { roomCode: string } | null };
type ScanOut = { kind: 'verdict'; verdict: Verdict } | { kind: 'pick'; method: string; matches: { candidateId: number; name: string; expectedHere: boolean }[] };
type DoorOut = { counts: { expected: number; signedIn: number; absent: number; refused: number; missing: number; doubtful: number; left: number }; roster: { candidateId: number; status: string }[] };

const SECOND = { staffNo: PROCTOR_B.staffNo, pin: PROCTOR_B.pin };
const jpeg = () => ({ jpegBase64: photo(2).toString('base64'), width: 144, height: 192 });

async function setup(start = '2026-05-21T08:30:00+08:00') {
  const c = testConsole(start);
  await siteHead(c);
  const seed = seedDoor(c.app.env.opened.db, c.clock);
  const proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
  const door1 = { sessionId: seed.theorySessionId, roomId: seed.room1.id };
  const door2 = { sessionId: seed.theorySessionId, roomId: seed.room2.id };
  return { c, seed, proctor, door1, door2 };
}

const scan = (c: TestConsole, token: string, door: object, code: string) => c.ok<ScanOut>('checkin.scan', { ...door, code }, token);
const verdictOf = async (c: TestConsole, token: string, door: object, code: string) => {
  const out = await scan(c, token, door, code);
  if (out.kind !== 'verdict') throw new Error('expected a verdict');
  return out.verdict;
};
const count = (c: TestConsole, sql: string, ...args: unknown[]) => (c.app.env.opened.sqlite.prepare(sql).get(...args) as { n: number }).n;

describe('GB 11643 (P8)', () => {
  it('accepts a valid number and reads birth date and sex; refuses a wrong check character and an impossible date', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({ ok: true, facts: { birthDate: '1949-12-31', gender: '女' } });
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, problem: 'check' });
    expect(parseResidentId('110105194902300028')).toMatchObject({ ok: false, problem: 'date' });
    expect(parseResidentId('11010519491231002')).toMatchObject({ ok: false, problem: 'length' });
    expect(maskDocNumber('11010519491231002X')).toBe('1101**********002X');
  });
});

describe('door lookup and verdicts (E3)', () => {
  it('finds a candidate by ticket, ID number, QR payload, and by tails with a pick list', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const who = seed.room1Candidates[0]!;
    for (const [code, method] of [
      [who.ticketNo, 'ticket'],
      [who.docNumber, 'id'],
      [ticketQrPayload(PLAN_CODE, who.ticketNo), 'qr'],
    ] as const) {
      const v = await verdictOf(c, proctor, door1, code);
      expect(v.method).toBe(method);
      expect(v.code).toBe('ok');
      expect(v.candidate?.name).toBe('张𠀋'); // P11: rare characters intact
      expect(v.candidate?.docMasked).toBe(`${who.docNumber.slice(0, 4)}**********${who.docNumber.slice(-4)}`);
      // the verdict carries no photo (the door's hot path); the registered photo is asked for apart
      expect(v.candidate?.photo).toBeNull();
      const registered = await c.ok<{ dataUrl: string | null }>('checkin.candidatePhoto', { ...door1, candidateId: who.id }, proctor);
      expect(registered.dataUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    }
    // a QR payload typed through a Chinese IME arrives with full-width punctuation
    const fullWidth = ticketQrPayload(PLAN_CODE, who.ticketNo).replaceAll(';', '；');
    expect((await verdictOf(c, proctor, door1, fullWidth)).candidate?.id).toBe(who.id);
    const tail = await scan(c, proctor, door1, who.ticketNo.slice(-5));
    expect(tail.kind).toBe('pick');
    if (tail.kind === 'pick') expect(tail.matches.map((m) => m.candidateId)).toEqual([who.id]);
    const docTail = await scan(c, proctor, door1, who.docNumber.slice(-6));
    expect(docTail.kind === 'pick' && docTail.matches[0]!.expectedHere).toBe(true);
    const picked = await c.ok<ScanOut>('checkin.scan', { ...door1, candidateId: who.id, method: 'doc_tail' }, proctor);
    expect(picked.kind === 'verdict' && picked.verdict.method).toBe('doc_tail');
  });

  it('refuses an ID number whose check character is wrong, saying so in Chinese (P8)', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const good = seed.room1Candidates[0]!.docNumber;
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const r = await c.call('checkin.scan', { ...door1, code: bad }, proctor);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ID_CHECK_FAILED');
      expect(r.error).toMatchObject({ reason: 'checkin.idCheck', params: { number: bad.toUpperCase(), problem: '@door.idProblem.check' } });
      expect(describeError('zh-CN', r.error)).toContain('校验位不符');
      expect(describeError('en', r.error)).toContain('wrong check character');
    }
  });

  it('wrong room says where to go; wrong session lists the sessions; unknown is not in the plan', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const elsewhere = seed.room2Candidates[1]!;
    const v = await verdictOf(c, proctor, door1, elsewhere.ticketNo);
    expect(v.code).toBe('wrong_room');
    expect(v.goTo).toEqual([expect.objectContaining({ roomCode: '第2考场', seat: '2', sessionName: '理论知识考试' })]);
    const skill = await verdictOf(c, proctor, door1, seed.skillOnly.ticketNo);
    expect(skill.code).toBe('wrong_session');
    expect(skill.goTo[0]).toMatchObject({ sessionName: '技能操作考核', roomCode: '技能1室' });
    const nobody = await verdictOf(c, proctor, door1, '99999999999');
    expect(nobody.code).toBe('not_in_plan');
    expect(nobody.candidate).toBeNull();
    const otherPlan = await verdictOf(c, proctor, door1, ticketQrPayload('OTHER', seed.room1Candidates[0]!.ticketNo));
    expect(otherPlan.code).toBe('not_in_plan');
    // the screen records the refusal; the counts show it
    await c.ok('checkin.refuse', { ...door1, code: elsewhere.ticketNo, candidateId: elsewhere.id, method: 'ticket' }, proctor);
    await c.ok('checkin.refuse', { ...door1, code: '99999999999', candidateId: null, method: 'doc' }, proctor);
    expect((await c.ok<DoorOut>('checkin.door', door1, proctor)).counts.refused).toBe(2);
    // a verdict that admits cannot be recorded as a refusal
    const r = await c.call('checkin.refuse', { ...door1, code: '', candidateId: seed.room1Candidates[0]!.id, method: 'ticket' }, proctor);
    expect(r.ok).toBe(false);
  });

  it('confirm signs in with a photo, counts change, the trail has it; a second scan here or elsewhere is an alarm with an incident draft', async () => {
    const { c, seed, proctor, door1, door2 } = await setup();
    const who = seed.room1Candidates[1]!;
    const before = await c.ok<DoorOut>('checkin.door', door1, proctor);
    expect(before.counts).toMatchObject({ expected: 6, signedIn: 0, missing: 6 });
    const out = await c.ok<{ checkinId: number; photoId: number; status: string }>('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', scanned: who.ticketNo, photo: jpeg() }, proctor);
    expect(out.status).toBe('ok');
    const after = await c.ok<DoorOut>('checkin.door', door1, proctor);
    expect(after.counts).toMatchObject({ expected: 6, signedIn: 1, missing: 5 });
    expect(after.roster.find((r) => r.candidateId === who.id)?.status).toBe('in');
    const row = c.app.env.opened.sqlite.prepare('SELECT proctor_id, device, at, photo_id FROM checkins WHERE id = ?').get(out.checkinId) as Record<string, unknown>;
    expect(row).toMatchObject({ proctor_id: seed.proctorA, device: 'vitest', at: '2026-05-21T00:30:00.000Z', photo_id: out.photoId });
    expect(count(c, "SELECT COUNT(*) AS n FROM audit_events WHERE command = 'checkin.confirm' AND outcome = 'ok'")).toBe(1);

    const again = await verdictOf(c, proctor, door1, who.docNumber);
    expect(again.code).toBe('already_here');
    // the same person at another door: possible impersonation
    const other = await verdictOf(c, proctor, door2, who.ticketNo);
    expect(other.code).toBe('already_elsewhere');
    expect(other.earlier?.roomCode).toBe('第1考场');
    const refusal = await c.ok<{ alertId: number }>('checkin.refuse', { ...door2, code: who.ticketNo, candidateId: who.id, method: 'ticket' }, proctor);
    const alert = c.app.env.opened.sqlite.prepare('SELECT * FROM checkin_alerts WHERE id = ?').get(refusal.alertId) as Record<string, unknown>;
    expect(alert).toMatchObject({ kind: 'impersonation_suspect', candidate_id: who.id, room_id: seed.room2.id, status: 'draft', proctor_id: seed.proctorA });
    // and confirm itself refuses a second sign-in
    const dup = await c.call('checkin.confirm', { ...door2, candidateId: who.id, method: 'ticket', photo: jpeg() }, proctor);
    expect(!dup.ok && dup.error.code).toBe('DOOR_REFUSED');
  });

  it('refuses a wrong-room confirm even if the screen asks (the verdict is judged again)', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const r = await c.call('checkin.confirm', { ...door1, candidateId: seed.room2Candidates[0]!.id, method: 'ticket', photo: jpeg() }, proctor);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ reason: 'checkin.refusedGoTo', params: { verdict: '@door.refusal.wrong_room', places: '理论知识考试 第2考场 #1' } });
      expect(describeError('zh-CN', r.error)).toBe('不在本考场，请前往：理论知识考试 第2考场 #1。');
    }
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
  });

  it('without a camera the sign-in is recorded without photo, with the reason; without a reason it is refused', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const who = seed.room1Candidates[2]!;
    const r = await c.call('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket' }, proctor);
    expect(!r.ok && r.error.reason).toBe('checkin.noPhotoReason');
    expect(!r.ok && describeError('zh-CN', r.error)).toContain('没有拍照时须说明原因');
    await c.ok('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', noPhotoReason: '无摄像头' }, proctor);
    const row = c.app.env.opened.sqlite.prepare('SELECT photo_id, no_photo_reason FROM checkins WHERE candidate_id = ?').get(who.id);
    expect(row).toEqual({ photo_id: null, no_photo_reason: '无摄像头' });
    const bad = await c.call('checkin.confirm', { ...door1, candidateId: seed.room1Candidates[3]!.id, method: 'ticket', photo: { jpegBase64: Buffer.from('not a jpeg').toString('base64') } }, proctor);
    expect(!bad.ok && bad.error.reason).toBe('checkin.photoNotJpeg');
    expect(!bad.ok && describeError('zh-CN', bad.error)).toContain('不是有效的 JPEG');
  });

  it('door photos are never overwritten or deleted, and a sign-in keeps its photo (triggers)', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const out = await c.ok<{ checkinId: number; photoId: number }>('checkin.confirm', { ...door1, candidateId: seed.room1Candidates[0]!.id, method: 'ticket', photo: jpeg() }, proctor);
    const db = c.app.env.opened.sqlite;
    expect(() => db.prepare("UPDATE checkin_photos SET mime = 'image/png' WHERE id = ?").run(out.photoId)).toThrow(/never overwritten/);
    expect(() => db.prepare('DELETE FROM checkin_photos WHERE id = ?').run(out.photoId)).toThrow(/never deleted/);
    expect(() => db.prepare('UPDATE checkins SET photo_id = NULL WHERE id = ?').run(out.checkinId)).toThrow(/never replaced/);
    const p = await c.ok<{ dataUrl: string }>('checkin.photo', { photoId: out.photoId }, proctor);
    expect(Buffer.from(p.dataUrl.split(',')[1]!, 'base64').equals(photo(2))).toBe(true);
  });

  it('an examiner may not sign candidates in', async () => {
    const { c, seed, door1 } = await setup();
    const head = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    await addStaff(c, head, { staffNo: 'E001', name: '考评员甲', roles: ['examiner'] }, '583920');
    const ex = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'E001', pin: '583920' })).token;
    const r = await c.call('checkin.confirm', { ...door1, candidateId: seed.room1Candidates[0]!.id, method: 'ticket', photo: jpeg() }, ex);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});

describe('time rules with the injected clock (E4, E5)', () => {
  const sign = (c: TestConsole, token: string, door: object, id: number, extra: object = {}) =>
    c.call('checkin.confirm', { ...door, candidateId: id, method: 'ticket', photo: jpeg(), ...extra }, token);

  it('E4: admitted at start + 29 min 59 s, refused at start + 30 min + 1 s', async () => {
    const { c, seed, proctor, door1 } = await setup('2026-05-21T09:29:59+08:00');
    expect((await verdictOf(c, proctor, door1, seed.room1Candidates[0]!.ticketNo)).code).toBe('ok');
    expect((await sign(c, proctor, door1, seed.room1Candidates[0]!.id)).ok).toBe(true);
    c.clock.set('2026-05-21T09:30:01+08:00');
    expect((await verdictOf(c, proctor, door1, seed.room1Candidates[1]!.ticketNo)).code).toBe('entry_closed');
    const r = await sign(c, proctor, door1, seed.room1Candidates[1]!.id);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ENTRY_CLOSED');
      expect(r.error).toMatchObject({ reason: 'checkin.entryClosed', params: { cutoff: '09:30' } });
      expect(describeError('zh-CN', r.error)).toContain('09:30 起禁止入场');
    }
  });

  it('E4: only the supervisor admits late, with a reason: by PIN at the door or signed in as supervisor', async () => {
    const { c, seed, proctor, door1 } = await setup('2026-05-21T09:40:00+08:00');
    const late = seed.room1Candidates[0]!;
    const noReason = await sign(c, proctor, door1, late.id, { late: { reason: ' ' } });
    expect(noReason.ok).toBe(false);
    const noSupervisor = await sign(c, proctor, door1, late.id, { late: { reason: '交通事故，有证明' } });
    expect(!noSupervisor.ok && noSupervisor.error.code).toBe('FORBIDDEN');
    // a proctor's own PIN does not make them a supervisor
    const asProctor = await sign(c, proctor, door1, late.id, { late: { reason: '交通事故，有证明', supervisorStaffNo: PROCTOR_B.staffNo, supervisorPin: PROCTOR_B.pin } });
    expect(!asProctor.ok && asProctor.error.code).toBe('FORBIDDEN');
    const wrongPin = await sign(c, proctor, door1, late.id, { late: { reason: '交通事故，有证明', supervisorStaffNo: SUPERVISOR.staffNo, supervisorPin: '000000' } });
    expect(!wrongPin.ok && wrongPin.error.code).toBe('PIN_WRONG');
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
    // the wrong PIN is counted (S1: per account and client, by the PIN guard) and audited as refused
    expect(count(c, "SELECT COUNT(*) AS n FROM audit_events WHERE command = 'checkin.confirm' AND outcome = 'refused' AND detail LIKE '%PIN_WRONG%'")).toBe(1);
    const ok = await sign(c, proctor, door1, late.id, { late: { reason: '交通事故，有证明', supervisorStaffNo: SUPERVISOR.staffNo, supervisorPin: SUPERVISOR.pin } });
    expect(ok.ok).toBe(true);
    const row = c.app.env.opened.sqlite.prepare('SELECT late, late_reason, late_approved_by FROM checkins WHERE candidate_id = ?').get(late.id);
    expect(row).toEqual({ late: 1, late_reason: '交通事故，有证明', late_approved_by: seed.supervisor });
    const sup = (await c.ok<{ token: string }>('auth.signIn', { staffNo: SUPERVISOR.staffNo, pin: SUPERVISOR.pin })).token;
    expect((await sign(c, sup, door1, seed.room1Candidates[1]!.id, { late: { reason: '考点安排失误' } })).ok).toBe(true);
  });

  it('E5: hand-in refused before the last 30 minutes, saying from when; recorded after', async () => {
    const { c, seed, proctor, door1 } = await setup('2026-05-21T08:50:00+08:00');
    const who = seed.room1Candidates[0]!;
    await sign(c, proctor, door1, who.id);
    c.clock.set('2026-05-21T09:59:59+08:00');
    const early = await c.call('checkin.leave', { ...door1, candidateId: who.id, kind: 'hand_in' }, proctor);
    expect(!early.ok && early.error.code).toBe('LEAVE_TOO_EARLY');
    if (!early.ok) {
      expect(early.error).toMatchObject({ reason: 'checkin.leaveTooEarly', params: { from: '10:00' } });
      expect(describeError('zh-CN', early.error)).toContain('10:00 起可以交卷离场');
    }
    c.clock.set('2026-05-21T10:00:00+08:00');
    await c.ok('checkin.leave', { ...door1, candidateId: who.id, kind: 'hand_in' }, proctor);
    const view = await c.ok<DoorOut>('checkin.door', door1, proctor);
    expect(view.counts.left).toBe(1);
    expect(view.roster.find((r) => r.candidateId === who.id)?.status).toBe('left');
    const twice = await c.call('checkin.leave', { ...door1, candidateId: who.id, kind: 'leave' }, proctor);
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
  });

  it('E4: the missing are marked absent only after the cut-off, exactly the list the proctor saw', async () => {
    const { c, seed, proctor, door1 } = await setup('2026-05-21T08:50:00+08:00');
    await sign(c, proctor, door1, seed.room1Candidates[0]!.id);
    const early = await c.call('checkin.markAbsent', { ...door1, candidateIds: seed.room1Candidates.slice(1).map((x) => x.id), second: SECOND }, proctor);
    expect(!early.ok && early.error).toMatchObject({ reason: 'checkin.absentBeforeCutoff', params: { cutoff: '09:30' } });
    expect(!early.ok && describeError('zh-CN', early.error)).toContain('入场截止（09:30）后才能标记缺考');
    c.clock.set('2026-05-21T09:30:00+08:00');
    const missing = await c.ok<{ candidateId: number }[]>('checkin.missing', door1, proctor);
    expect(missing.map((m) => m.candidateId)).toEqual(seed.room1Candidates.slice(1).map((x) => x.id));
    const partial = await c.call('checkin.markAbsent', { ...door1, candidateIds: missing.slice(1).map((m) => m.candidateId), second: SECOND }, proctor);
    expect(!partial.ok && partial.error.code).toBe('CONFLICT');
    await c.ok('checkin.markAbsent', { ...door1, candidateIds: missing.map((m) => m.candidateId), second: SECOND }, proctor);
    const view = await c.ok<DoorOut>('checkin.door', door1, proctor);
    expect(view.counts).toMatchObject({ expected: 6, signedIn: 1, absent: 5, missing: 0 });
    // a latecomer the supervisor admits is no longer absent
    await sign(c, proctor, door1, seed.room1Candidates[1]!.id, { late: { reason: '证件遗失后补办', supervisorStaffNo: SUPERVISOR.staffNo, supervisorPin: SUPERVISOR.pin } });
    expect((await c.ok<DoorOut>('checkin.door', door1, proctor)).counts).toMatchObject({ signedIn: 2, absent: 4 });
  });
});

describe('doubtful identity (存疑考生)', () => {
  it('admits as doubtful with photo, reason and the second proctor’s PIN; the case reaches the supervisor', async () => {
    const { c, seed, proctor, door1 } = await setup();
    const who = seed.room1Candidates[4]!;
    const doubt = (second: object) => c.call('checkin.confirm', { ...door1, candidateId: who.id, method: 'ticket', photo: jpeg(), doubtful: { reason: '人像与照片差异较大', ...second } }, proctor);
    const self = await doubt({ secondStaffNo: PROCTOR_A.staffNo, secondPin: PROCTOR_A.pin });
    expect(!self.ok && self.error).toMatchObject({ code: 'FORBIDDEN', reason: 'checkin.vouchSelf', params: { who: '@door.vouch.secondProctor' } });
    expect(!self.ok && describeError('zh-CN', self.error)).toBe('第二监考人员须由另一人确认，不能是本人。');
    expect(!self.ok && describeError('en', self.error)).toBe('The second proctor must be another person, not you.');
    const wrong = await doubt({ secondStaffNo: PROCTOR_B.staffNo, secondPin: '000000' });
    expect(!wrong.ok && wrong.error.code).toBe('PIN_WRONG');
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkins')).toBe(0);
    expect(count(c, 'SELECT COUNT(*) AS n FROM checkin_photos')).toBe(0);
    const ok = await doubt({ secondStaffNo: PROCTOR_B.staffNo, secondPin: PROCTOR_B.pin });
    expect(ok.ok).toBe(true);
    const view = await c.ok<DoorOut>('checkin.door', door1, proctor);
    expect(view.counts).toMatchObject({ signedIn: 1, doubtful: 1 });
    const sup = (await c.ok<{ token: string }>('auth.signIn', { staffNo: SUPERVISOR.staffNo, pin: SUPERVISOR.pin })).token;
    const list = await c.ok<{ checkinId: number; name: string; reason: string; secondProctorName: string; photoId: number }[]>('checkin.doubtful', {}, sup);
    expect(list).toEqual([expect.objectContaining({ name: who.name, reason: '人像与照片差异较大', secondProctorName: PROCTOR_B.name })]);
    expect(list[0]!.photoId).toBeGreaterThan(0);
    await c.ok('checkin.review', { checkinId: list[0]!.checkinId, outcome: 'confirmed', note: '核对户籍信息，确为本人' }, sup);
    const forbidden = await c.call('checkin.doubtful', {}, proctor);
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
  });
});

describe('query plans: the door lookups seek an index', () => {
  it('every lookup statement searches candidates, checkins and assignments by index, never a full scan', async () => {
    const { c, seed } = await setup();
    const sqlite = c.app.env.opened.sqlite;
    const door = openDoor(sqlite, seed.theorySessionId, seed.room1.id);
    expect(door.roomCode).toBe('第1考场');
    const s = stmts(sqlite);
    const plan = (sql: string, ...args: unknown[]) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const cases: [string, unknown[], RegExp][] = [
      [s.byTicket.source, [1, 'x'], /candidates USING (COVERING )?INDEX candidates_batch_ticket/],
      [s.byDoc.source, [1, 'x'], /candidates USING (COVERING )?INDEX candidates_batch_doc/],
      [s.byTicketTail.source, [1, '00001'], /candidates USING (COVERING )?INDEX candidates_ticket_tail5/],
      [s.byDocTail.source, [1, '00001'], /candidates USING (COVERING )?INDEX candidates_doc_tail/],
      [s.checkin.source, [1, 1], /ck USING INDEX checkins_session_candidate/],
      [s.assignments.source, [1], /cs USING (PRIMARY KEY|INDEX sqlite_autoindex_candidate_subjects_1)/],
    ];
    for (const [sql, args, want] of cases) {
      const p = plan(sql, ...args);
      expect(p, sql).toMatch(want);
      expect(p, sql).not.toMatch(/SCAN (candidates|checkins|c|ck|cs)\b(?! USING)/);
    }
  });
});
