// Who is scored (E4, E6, S5) and the withdrawal of a replaced examiner's sheet (S5, S9): no sheet for
// an absent or voided candidate, progress figures without them, and the chief examiner's audited way
// out of an even number of sheets when an examiner was replaced after submitting.
import { describe, expect, test } from 'vitest';
import { addStaff } from '../support/enrol';
import { entriesFor, scoringDay, signInAs, STAFF_PIN, type ScoringDay } from '../support/scoring-seed';
import { testConsole, type TestConsole } from './helpers';

type Sqlite = TestConsole['app']['env']['opened']['sqlite'];

interface Completion {
  sessionId: number;
  roomId: number;
  candidates: number;
  excluded: number;
  expected: number;
  done: number;
}

const headId = (sqlite: Sqlite) => (sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'H001'").get() as { id: number }).id;

function markAbsent(sqlite: Sqlite, sessionId: number, roomId: number, candidateId: number): void {
  sqlite.prepare("INSERT INTO checkin_absences (session_id, room_id, candidate_id, marked_at, marked_by, device) VALUES (?, ?, ?, '2026-05-21T09:30:00+08:00', ?, 'vitest')").run(sessionId, roomId, candidateId, headId(sqlite));
}

/** A ruling in force as the supervisor's desk writes it (incidents and incident_rulings, E6). */
function rule(sqlite: Sqlite, day: ScoringDay, p: ScoringDay['panels'][number], candidateId: number, decision: string, subjectId: number | null, supersedes: number | null = null): number {
  const incident = Number(
    sqlite
      .prepare(
        `INSERT INTO incidents (batch_id, session_id, room_id, subject_type, candidate_id, kind, occurred_at, description, recorded_at, recorded_by, device, status)
         VALUES (?, ?, ?, 'candidate', ?, 'crib_notes', '2026-05-21T13:30:00+08:00', '—', '2026-05-21T13:31:00+08:00', ?, 'vitest', 'ruled')`,
      )
      .run(day.batchId, p.sessionId, p.roomId, candidateId, headId(sqlite)).lastInsertRowid,
  );
  return Number(
    sqlite
      .prepare(`INSERT INTO incident_rulings (incident_id, candidate_id, subject_id, decision, reason, decided_at, decided_by, device, supersedes, signature) VALUES (?, ?, ?, ?, '裁定', '2026-05-21T14:00:00+08:00', ?, 'vitest', ?, 'sig')`)
      .run(incident, candidateId, subjectId, decision, headId(sqlite), supersedes).lastInsertRowid,
  );
}

const sheetCount = (sqlite: Sqlite, candidateId: number) => (sqlite.prepare('SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ?').get(candidateId) as { n: number }).n;

describe('E4/E6: no score sheet for an absent or voided candidate', () => {
  test('E4: an absent candidate gets no draft and no submission (the refusal says 缺考), nothing is written, and the room figures leave them out', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    const p = day.panels[0]!;
    const [absent, present] = p.candidateIds;
    const m = p.members[1]!;
    const t = await signInAs(c, m.staffNo, m.role);
    const items = day.items.get(p.subjectId)!;
    const room = async () => (await c.ok<{ completion: Completion[] }>('results.overview', { batchId: day.batchId }, day.token)).completion.find((x) => x.sessionId === p.sessionId && x.roomId === p.roomId)!;
    const before = await room();
    expect(before.excluded).toBe(0);

    markAbsent(sqlite, p.sessionId, p.roomId, absent!);
    const draft = await c.call('scoring.sheet.save', { candidateId: absent, subjectId: p.subjectId, entries: entriesFor(items, 70) }, t);
    expect(draft.ok ? null : draft.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.candidateAbsent' });
    const submit = await c.call('scoring.sheet.submit', { candidateId: absent, subjectId: p.subjectId, entries: entriesFor(items, 70), pin: STAFF_PIN }, t);
    expect(submit.ok ? null : submit.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.candidateAbsent' });
    expect(sheetCount(sqlite, absent!)).toBe(0);

    // the examiner's list shows them marked, the sheet page says why
    const mine = await c.ok<{ candidateId: number; subjectId: number; blocked: string | null }[]>('scoring.my.candidates', {}, t);
    expect(mine.find((r) => r.candidateId === absent && r.subjectId === p.subjectId)!.blocked).toBe('absent');
    expect(mine.find((r) => r.candidateId === present && r.subjectId === p.subjectId)!.blocked).toBeNull();
    expect((await c.ok<{ blocked: string | null }>('scoring.sheet.get', { candidateId: absent, subjectId: p.subjectId }, t)).blocked).toBe('absent');

    // progress figures: one candidate fewer expected, and said so
    const after = await room();
    expect(after).toMatchObject({ candidates: before.candidates - 1, excluded: 1, expected: before.expected - p.members.length });
    // the present candidate is still scored as ever
    await c.ok('scoring.sheet.submit', { candidateId: present, subjectId: p.subjectId, entries: entriesFor(items, 70), pin: STAFF_PIN }, t);
    expect((await room()).done).toBe(1);
  });

  test('E6: a subject void, a whole result void or police ruling in force refuses the sheet; a superseded one or another subject does not', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    const p = day.panels[0]!;
    const other = day.panels.find((x) => x.subjectId !== p.subjectId)!;
    const [c1, c2, c3, c4] = p.candidateIds;
    const m = p.members[1]!;
    const t = await signInAs(c, m.staffNo, m.role);
    const items = day.items.get(p.subjectId)!;
    const save = (cand: number) => c.call('scoring.sheet.save', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 60) }, t);

    rule(sqlite, day, p, c1!, 'subject_void', p.subjectId);
    rule(sqlite, day, p, c2!, 'result_void', null);
    rule(sqlite, day, p, c3!, 'police', null);
    // a subject void on another subject, and a result void superseded by a warning, leave the sheet open
    rule(sqlite, day, p, c4!, 'subject_void', other.subjectId);
    const old = rule(sqlite, day, p, c4!, 'result_void', null);
    const newer = rule(sqlite, day, p, c4!, 'warning', null, old);
    sqlite.prepare('UPDATE incident_rulings SET superseded_by = ? WHERE id = ?').run(newer, old);

    for (const [cand, decision] of [
      [c1!, '@inc.decision.subject_void'],
      [c2!, '@inc.decision.result_void'],
      [c3!, '@inc.decision.police'],
    ] as const) {
      const r = await save(cand);
      expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.candidateVoided', params: { decision } });
      expect(sheetCount(sqlite, cand)).toBe(0);
    }
    expect((await save(c4!)).ok).toBe(true);
    const room = (await c.ok<{ completion: Completion[] }>('results.overview', { batchId: day.batchId }, day.token)).completion.find((x) => x.sessionId === p.sessionId && x.roomId === p.roomId)!;
    expect(room.excluded).toBe(3);
  });
});

/** A senior examiner called in (on duty) replaces `leaving` on the panel through the draw's manual change. */
async function replaceExaminer(c: TestConsole, day: ScoringDay, p: ScoringDay['panels'][number], leaving: { staffId: number }): Promise<{ staffId: number; staffNo: string }> {
  const staffNo = 'T090';
  const staffId = await addStaff(c, day.token, { staffNo, name: '替补考评员', roles: ['examiner'], examinerGrade: 'senior' }, STAFF_PIN);
  await c.ok('draw.duty.mark', { batchId: day.batchId, staffIds: [staffId], onDuty: true }, day.token);
  await c.ok('draw.change', { sessionId: p.sessionId, kind: 'replace', staffId: leaving.staffId, otherStaffId: staffId, reason: '考评员突发疾病，由他人替换' }, day.token);
  return { staffId, staffNo };
}

describe('S5/S9: the chief examiner withdraws a replaced examiner’s sheet', () => {
  test('S5: an examiner replaced after submitting leaves 4 sheets (even, no score); the chief withdraws that sheet with a reason and PIN, the score follows from 3, every step audited; others are refused', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    const p = day.panels[0]!;
    const cand = p.candidateIds[0]!;
    const items = day.items.get(p.subjectId)!;
    const [chief, a, b] = p.members as [(typeof p.members)[number], (typeof p.members)[number], (typeof p.members)[number]];
    const submit = async (staffNo: string, role: string, total: number) =>
      c.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, total), pin: STAFF_PIN }, await signInAs(c, staffNo, role));
    await submit(chief.staffNo, chief.role, 80);
    await submit(a.staffNo, a.role, 82);
    await submit(b.staffNo, b.role, 84);

    // b falls ill after submitting; the newcomer scores too: four sheets, an even number (S5)
    const newcomer = await replaceExaminer(c, day, p, b);
    await submit(newcomer.staffNo, 'examiner', 90);
    const skill = async () => (await c.ok<{ candidateId: number; subjects: { subjectId: number; score: number | null; hold: { code: string } | null }[] }[]>('results.list', { batchId: day.batchId }, day.token)).find((r) => r.candidateId === cand)!.subjects.find((s) => s.subjectId === p.subjectId)!;
    expect(await skill()).toMatchObject({ score: null, hold: { code: 'panelEven' } });

    const tChief = await signInAs(c, chief.staffNo, chief.role);
    const list = await c.ok<{ sheetId: number; candidateId: number; examinerId: number; sheets: number }[]>('scoring.withdraw.list', {}, tChief);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ candidateId: cand, examinerId: b.staffId, sheets: 4 });
    const sheetId = list[0]!.sheetId;

    // refused: no reason, a wrong PIN, someone who is not the panel's chief, a sheet of a member still on the panel
    const noReason = await c.call('scoring.sheet.withdraw', { sheetId, reason: ' ', pin: STAFF_PIN }, tChief);
    expect(noReason.ok ? '' : noReason.error.code).toBe('BAD_INPUT');
    const wrongPin = await c.call('scoring.sheet.withdraw', { sheetId, reason: '考评员已替换', pin: '000000' }, tChief);
    expect(wrongPin.ok ? '' : wrongPin.error.code).toBe('PIN_WRONG');
    const otherChief = day.panels.find((x) => x.members[0]!.staffId !== chief.staffId && x.members[0]!.role === 'chief_examiner')!.members[0]!;
    const notChief = await c.call('scoring.sheet.withdraw', { sheetId, reason: '考评员已替换', pin: STAFF_PIN }, await signInAs(c, otherChief.staffNo, otherChief.role));
    expect(notChief.ok ? null : notChief.error).toMatchObject({ code: 'FORBIDDEN', reason: 'scoring.notChief' });
    const aSheet = (sqlite.prepare('SELECT id FROM score_sheets WHERE candidate_id = ? AND examiner_id = ?').get(cand, a.staffId) as { id: number }).id;
    const onPanel = await c.call('scoring.sheet.withdraw', { sheetId: aSheet, reason: '考评员已替换', pin: STAFF_PIN }, tChief);
    expect(onPanel.ok ? null : onPanel.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.withdrawOnPanel' });
    expect((sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND status = 'withdrawn'").get(cand) as { n: number }).n).toBe(0);

    const done = await c.ok<{ sheetsLeft: number }>('scoring.sheet.withdraw', { sheetId, reason: '考评员王某提交后因病替换，其评分表撤回', pin: STAFF_PIN }, tChief);
    expect(done.sheetsLeft).toBe(3);
    expect(await skill()).toMatchObject({ score: round3(80, 82, 90), hold: null });
    expect(await c.ok('scoring.withdraw.list', {}, tChief)).toEqual([]);
    // on record: the sheet kept as signed, its withdrawal with the reason, and the audit event
    const row = sqlite.prepare('SELECT status, total, signature FROM score_sheets WHERE id = ?').get(sheetId) as { status: string; total: number; signature: string };
    expect(row).toMatchObject({ status: 'withdrawn', total: 84 });
    expect(sqlite.prepare('SELECT chief_id AS chiefId, reason FROM score_sheet_withdrawals WHERE sheet_id = ?').get(sheetId)).toEqual({ chiefId: chief.staffId, reason: '考评员王某提交后因病替换，其评分表撤回' });
    const ev = sqlite.prepare("SELECT outcome, detail FROM audit_events WHERE command = 'scoring.sheet.withdraw' ORDER BY seq").all() as { outcome: string; detail: string }[];
    expect(ev.filter((e) => e.outcome === 'ok')).toHaveLength(1);
    expect(ev.filter((e) => e.outcome === 'refused').length).toBeGreaterThanOrEqual(1); // the wrong PIN at least
    expect(JSON.parse(ev.at(-1)!.detail)).toMatchObject({ sheetId, reason: '考评员王某提交后因病替换，其评分表撤回', signature: row.signature });

    // the database holds it: a withdrawn sheet never changes again, and no sheet is withdrawn without its record
    expect(() => sqlite.prepare("UPDATE score_sheets SET status = 'submitted' WHERE id = ?").run(sheetId)).toThrow(/locked/);
    expect(() => sqlite.prepare("UPDATE score_sheets SET status = 'withdrawn' WHERE id = ?").run(aSheet)).toThrow(/locked/);
    expect(() => sqlite.prepare('DELETE FROM score_sheet_withdrawals WHERE sheet_id = ?').run(sheetId)).toThrow(/append-only/);
    // a second withdrawal of the same sheet is refused
    const again = await c.call('scoring.sheet.withdraw', { sheetId, reason: '再次撤回', pin: STAFF_PIN }, tChief);
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.withdrawNotSubmitted' });
  });
});

function round3(a: number, b: number, d: number): number {
  return Math.round(((a + b + d) / 3) * 10) / 10;
}
