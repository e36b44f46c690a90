// Scoring: standards (G3), sheets with independence and signatures (S5, S9), the panel
// rule (S5), the chief's review, theory import (G2) and double entry (G4), results (G1).
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, test } from 'vitest';
import { panelScore, round1 } from '../../electron/services/scoring/panel';
import { checkStandard, sampleStandard } from '../../electron/services/scoring/standards';
import { entriesFor, scoringDay, signInAs, STAFF_PIN, type ScoringDay } from '../support/scoring-seed';
import { testConsole, type TestConsole } from './helpers';

interface Result {
  candidateId: number;
  name: string;
  outcome: string;
  subjects: { subjectId: number; kind: string; score: number | null; status: string; passed: boolean; hold: { code: string; params: Record<string, string | number> } | null; ruling: string | null; flagged: boolean }[];
  rulings: { decision: string; reason: string }[];
}

async function scoreBy(c: TestConsole, day: ScoringDay, panelIdx: number, candidateId: number, totals: number[]) {
  const p = day.panels[panelIdx]!;
  const items = day.items.get(p.subjectId)!;
  for (const [k, total] of totals.entries()) {
    const m = p.members[k]!;
    const t = await signInAs(c, m.staffNo, m.role);
    await c.ok('scoring.sheet.submit', { candidateId, subjectId: p.subjectId, entries: entriesFor(items, total), pin: STAFF_PIN }, t);
  }
}

async function resultOf(c: TestConsole, day: ScoringDay, candidateId: number): Promise<Result> {
  return (await c.ok<Result[]>('results.list', { batchId: day.batchId }, day.token)).find((r) => r.candidateId === candidateId)!;
}

describe('S5 panel rule', () => {
  test('S5: 2 sheets or 4 sheets give no subject score; 3 give the mean rounded to one decimal', () => {
    expect(panelScore([70, 72])).toMatchObject({ ok: false, reason: 'too_few' });
    expect(panelScore([70, 72, 74, 76])).toMatchObject({ ok: false, reason: 'even' });
    expect(panelScore([70, 72, 75])).toMatchObject({ ok: true, score: 72.3 });
    expect(panelScore([70, 72, 74, 76, 78])).toMatchObject({ ok: true, score: 74 });
    expect(round1(72.25)).toBe(72.3);
    expect(round1((59.9 + 60 + 59.95) / 3)).toBe(60);
  });

  test('S5: with 2 examiners submitted the candidate has no skill score; a 4th sheet (even) is refused too', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const cand = p.candidateIds[0]!;
    await scoreBy(c, day, 0, cand, [80, 82]);
    let r = await resultOf(c, day, cand);
    const skill = () => r.subjects.find((s) => s.subjectId === p.subjectId)!;
    expect(skill()).toMatchObject({ score: null, status: 'pending', hold: { code: 'panelTooFew', params: { sheets: 2 } } });
    expect(r.outcome).toBe('pending');

    const third = p.members[2]!;
    await c.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(day.items.get(p.subjectId)!, 84), pin: STAFF_PIN }, await signInAs(c, third.staffNo, third.role));
    r = await resultOf(c, day, cand);
    expect(skill()).toMatchObject({ score: 82, status: 'scored' });

    // a fourth sheet (e.g. from an examiner swapped in after the draw) makes the count even: no score
    const other = day.panels.find((x) => x.sessionId !== p.sessionId)!.members[0]!;
    c.app.env.opened.sqlite
      .prepare("INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature) VALUES (?, ?, ?, ?, ?, 'submitted', '[]', 81, 'x', 'x', 'x')")
      .run(cand, p.subjectId, p.sessionId, p.roomId, other.staffId);
    r = await resultOf(c, day, cand);
    expect(skill()).toMatchObject({ score: null, status: 'pending', hold: { code: 'panelEven', params: { sheets: 4 } } });
  });
});

describe('score sheets', () => {
  test('G3: a standard must sum to 100 and hold 安全文明生产', () => {
    expect(checkStandard(sampleStandard())).toEqual([]);
    expect(checkStandard(sampleStandard().slice(0, 4))).toEqual([
      { reason: 'sum', params: { total: 90 } },
      { reason: 'noSafety', params: { item: '安全文明生产' } },
    ]);
    expect(checkStandard([{ name: '操作', maxPoints: 100 }])).toEqual([{ reason: 'noSafety', params: { item: '安全文明生产' } }]);
    expect(checkStandard([{ name: 'A', maxPoints: 50.25 }, { name: 'A', maxPoints: 49.75, safety: true }])).toEqual([
      { reason: 'sum', params: { total: 100.1 } },
      { reason: 'decimal', params: { item: 'A' } },
      { reason: 'decimal', params: { item: 'A' } },
      { reason: 'duplicate', params: { item: 'A' } },
    ]);
  });

  test('S5 independence: an examiner sees no other sheet until the whole panel has submitted; blanks, wrong PIN and outsiders refused; a submitted sheet is locked (S9)', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const cand = p.candidateIds[1]!;
    const items = day.items.get(p.subjectId)!;
    const [a, b, chief] = [p.members[1]!, p.members[2]!, p.members[0]!];
    expect(chief.role).toBe('chief_examiner');
    const ta = await signInAs(c, a.staffNo, a.role);
    const tb = await signInAs(c, b.staffNo, b.role);
    const tc = await signInAs(c, chief.staffNo, chief.role);

    // the examiner's list holds their panel's candidates
    const mine = await c.ok<{ candidateId: number }[]>('scoring.my.candidates', {}, ta);
    expect(mine.map((m) => m.candidateId)).toEqual(expect.arrayContaining(p.candidateIds));

    // a draft survives (server-side) with blanks; submitting with a blank is refused
    const partial = entriesFor(items, 70).map((e, i) => (i === 1 ? { ...e, points: null } : e));
    await c.ok('scoring.sheet.save', { candidateId: cand, subjectId: p.subjectId, entries: partial }, ta);
    const draft = await c.ok<{ mine: { status: string; entries: { points: number | null }[] } }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, ta);
    expect(draft.mine.status).toBe('draft');
    expect(draft.mine.entries[1]!.points).toBeNull();
    const blank = await c.call('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: partial, pin: STAFF_PIN }, ta);
    expect(blank.ok ? null : blank.error).toMatchObject({ code: 'BAD_INPUT', reason: 'scoring.itemBlank', params: { itemId: items[1]!.id } });
    // points above an item's maximum are refused
    const over = entriesFor(items, 70).map((e, i) => (i === 0 ? { ...e, points: items[0]!.maxPoints + 1 } : e));
    const overRefused = await c.call('scoring.sheet.save', { candidateId: cand, subjectId: p.subjectId, entries: over }, ta);
    expect(overRefused.ok ? null : overRefused.error).toMatchObject({ code: 'BAD_INPUT', reason: 'scoring.pointsRange', params: { max: items[0]!.maxPoints } });
    // 缺项 is a deliberate choice that counts 0
    const withMissing = entriesFor(items, 70).map((e, i) => (i === 3 ? { ...e, points: null, missing: true } : e));
    const wrongPin = await c.call('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: withMissing, pin: '000000' }, ta);
    expect(wrongPin.ok ? '' : wrongPin.error.code).toBe('PIN_WRONG');
    const sub = await c.ok<{ total: number }>('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: withMissing, pin: STAFF_PIN }, ta);
    expect(sub.total).toBe(round1(withMissing.reduce((s, e) => s + (e.points ?? 0), 0)));

    // locked: the author cannot change it, nor can anyone through the database
    expect((await c.call('scoring.sheet.save', { candidateId: cand, subjectId: p.subjectId, entries: partial }, ta)).ok).toBe(false);
    expect(() => c.app.env.opened.sqlite.prepare('UPDATE score_sheets SET total = 99 WHERE candidate_id = ? AND examiner_id = ?').run(cand, a.staffId)).toThrow(/locked/);

    // b has not submitted: neither b nor the chief sees a's sheet
    for (const t of [tb, tc]) {
      const v = await c.ok<{ others: unknown[]; complete: boolean }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, t);
      expect(v.complete).toBe(false);
      expect(v.others).toEqual([]);
    }
    // examiners, the chief included, cannot read results either (a mean would leak the others' totals)
    const peek = await c.call('results.list', { batchId: day.batchId }, tc);
    expect(peek.ok ? '' : peek.error.code).toBe('FORBIDDEN');
    await c.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 72), pin: STAFF_PIN }, tb);
    expect((await c.ok<{ others: unknown[] }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, tb)).others).toEqual([]);
    await c.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 74), pin: STAFF_PIN }, tc);
    const done = await c.ok<{ others: { examinerName: string }[]; complete: boolean }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, ta);
    expect(done.complete).toBe(true);
    expect(done.others).toHaveLength(2);

    // an examiner of another panel may not score this candidate
    const outsider = day.panels.find((x) => x.sessionId !== p.sessionId && !x.members.some((m) => p.members.some((q) => q.staffId === m.staffId)))!.members[1]!;
    const to = await signInAs(c, outsider.staffNo, outsider.role);
    const refused = await c.call('scoring.sheet.save', { candidateId: cand, subjectId: p.subjectId, entries: partial }, to);
    expect(refused.ok ? '' : refused.error.code).toBe('FORBIDDEN');
  });

  test('S4/S5: a spread over the threshold waits for the chief examiner, who records a note; the sheets stay as submitted', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const cand = p.candidateIds[2]!;
    await scoreBy(c, day, 0, cand, [80, 82, 58]);
    let r = await resultOf(c, day, cand);
    const skill = () => r.subjects.find((s) => s.subjectId === p.subjectId)!;
    expect(skill()).toMatchObject({ status: 'review', flagged: true, score: 73.3 });
    const chief = p.members.find((m) => m.role === 'chief_examiner')!;
    const tc = await signInAs(c, chief.staffNo, chief.role);
    const flags = await c.ok<{ candidateId: number; spread: number }[]>('scoring.review.list', {}, tc);
    expect(flags).toEqual([expect.objectContaining({ candidateId: cand, spread: 24 })]);
    // an ordinary examiner may not review
    const ex = p.members.find((m) => m.role === 'examiner')!;
    expect((await c.call('scoring.review.record', { candidateId: cand, subjectId: p.subjectId, note: 'x' }, await signInAs(c, ex.staffNo, ex.role))).ok).toBe(false);
    const before = c.app.env.opened.sqlite.prepare('SELECT total, signature FROM score_sheets WHERE candidate_id = ? ORDER BY id').all(cand);
    await c.ok('scoring.review.record', { candidateId: cand, subjectId: p.subjectId, note: '第三名考评员对质量精度项判定有依据，维持各自评分。' }, tc);
    expect(c.app.env.opened.sqlite.prepare('SELECT total, signature FROM score_sheets WHERE candidate_id = ? ORDER BY id').all(cand)).toEqual(before);
    r = await resultOf(c, day, cand);
    expect(skill()).toMatchObject({ status: 'scored', score: 73.3, passed: true });
  });
});

describe('theory and results', () => {
  test('G1: theory 95 and skill 55 is not a pass (every subject must pass, not the total)', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const cand = p.candidateIds[3]!;
    const theory = c.app.env.opened.sqlite.prepare("SELECT cs.subject_id AS s FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND su.kind = 'theory'").get(cand) as { s: number };
    const clerks = c.app.env.opened.sqlite.prepare("SELECT s.staff_no AS no FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'score_clerk' ORDER BY s.staff_no").all() as { no: string }[];
    for (const k of clerks) await c.ok('theory.paper.enter', { candidateId: cand, subjectId: theory.s, score: 95 }, await signInAs(c, k.no, 'score_clerk'));
    await scoreBy(c, day, 0, cand, [55, 55, 55]);
    const r = await resultOf(c, day, cand);
    expect(r.subjects.map((s) => [s.kind, s.score, s.passed])).toEqual([
      ['theory', 95, true],
      ['skill', 55, false],
    ]);
    expect(r.outcome).toBe('failed');
  });

  test('G4: two clerks enter; the same clerk twice is refused; a mismatch blocks the result until the paper is checked, every step recorded', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const p = day.panels[0]!;
    const cand = p.candidateIds[4]!;
    const sqlite = c.app.env.opened.sqlite;
    const theory = (sqlite.prepare("SELECT cs.subject_id AS s FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND su.kind = 'theory'").get(cand) as { s: number }).s;
    const [k1, k2] = (sqlite.prepare("SELECT s.staff_no AS no FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'score_clerk' ORDER BY s.staff_no").all() as { no: string }[]).map((x) => x.no);
    const t1 = await signInAs(c, k1!, 'score_clerk');
    const t2 = await signInAs(c, k2!, 'score_clerk');
    await scoreBy(c, day, 0, cand, [70, 70, 70]);
    expect(await c.ok<{ state: string }>('theory.paper.enter', { candidateId: cand, subjectId: theory, score: 76 }, t1)).toMatchObject({ state: 'waiting' });
    const again = await c.call('theory.paper.enter', { candidateId: cand, subjectId: theory, score: 76 }, t1);
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.secondClerk' });
    expect(await c.ok<{ state: string }>('theory.paper.enter', { candidateId: cand, subjectId: theory, score: 67 }, t2)).toMatchObject({ state: 'mismatch' });
    let r = await resultOf(c, day, cand);
    expect(r.subjects[0]).toMatchObject({ kind: 'theory', score: null, status: 'pending' });
    expect(r.subjects[0]!.hold).toEqual({ code: 'paperMismatch', params: {} });
    expect(r.outcome).toBe('pending');
    // side by side
    const state = await c.ok<{ candidateId: number; first: number; second: number; firstClerk: string; secondClerk: string }[]>('theory.paper.state', { subjectId: theory }, day.token);
    expect(state.find((s) => s.candidateId === cand)).toMatchObject({ first: 76, second: 67 });
    // opening the publication is refused while anything is pending
    expect((await c.call('results.publication.open', { batchId: day.batchId, startDate: '2026-05-25' }, day.token)).ok).toBe(false);
    await c.ok('theory.paper.settle', { candidateId: cand, subjectId: theory, score: 76, note: '调阅试卷核对，卷面合计 76 分，第二次录入误将 76 录为 67。' }, day.token);
    r = await resultOf(c, day, cand);
    expect(r.subjects[0]).toMatchObject({ score: 76, status: 'scored', passed: true });
    expect(r.outcome).toBe('passed');
    const trail = sqlite.prepare("SELECT command, outcome FROM audit_events WHERE command LIKE 'theory.paper.%' ORDER BY seq").all() as { command: string; outcome: string }[];
    expect(trail.map((t) => t.command)).toEqual(['theory.paper.enter', 'theory.paper.enter', 'theory.paper.settle']);
  });

  test('G2: a GBK CSV named in Chinese imports; unmatched and duplicate rows are listed; nothing counts until a marker confirms', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    const subjectId = day.theorySubjects[0]!;
    const cands = sqlite
      .prepare('SELECT c.id, c.name, c.ticket_no AS t, c.doc_number AS d FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ? ORDER BY c.ticket_no')
      .all(subjectId) as { id: number; name: string; t: string; d: string }[];
    const lines = ['准考证号,身份证号,姓名,成绩'];
    cands.slice(0, 10).forEach((x, i) => lines.push(`${x.t},${x.d},${x.name},${60 + i}`));
    lines.push(`${cands[10]!.t},${cands[11]!.d},${cands[10]!.name},88`); // ID of someone else
    lines.push(`9999999999,110101199001011237,查无此人,70`);
    lines.push(`${cands[12]!.t},${cands[12]!.d},${cands[12]!.name},81`);
    lines.push(`${cands[12]!.t},${cands[12]!.d},${cands[12]!.name},18`); // duplicate
    const gbk = iconv.encode(lines.join('\r\n'), 'gbk');
    const clerk = await signInAs(c, 'T019', 'score_clerk');
    const r = await c.ok<{ importId: number; encoding: string; report: { matched: number; unmatched: { line: number; problem: string }[]; duplicates: { line: number }[] } }>(
      'theory.import',
      { subjectId, file: { name: '数控车工理论成绩（智能化考试系统）.csv', data: gbk.toString('base64') } },
      clerk,
    );
    expect(r.encoding).toBe('gbk');
    expect(r.report.matched).toBe(10);
    expect(r.report.unmatched.map((u) => u.line)).toEqual([12, 13]);
    expect(r.report.duplicates.map((u) => u.line).sort()).toEqual([14, 15]);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM theory_scores').get()).toEqual({ n: 0 });
    const detail = await c.ok<{ report: { matched: { name: string }[] } }>('theory.import.get', { importId: r.importId }, clerk);
    expect(detail.report.matched[0]!.name).toBe(cands[0]!.name); // the GBK name survived
    await c.ok('theory.import.confirm', { importId: r.importId }, clerk);
    expect(sqlite.prepare('SELECT score FROM theory_scores WHERE candidate_id = ?').get(cands[3]!.id)).toEqual({ score: 63 });
    expect((await c.call('theory.import.confirm', { importId: r.importId }, clerk)).ok).toBe(false);
  });

  test('G2: an xlsx result file imports the same way', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const subjectId = day.theorySubjects[1]!;
    const cands = c.app.env.opened.sqlite
      .prepare('SELECT c.ticket_no AS t, c.doc_number AS d, c.name FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ?')
      .all(subjectId) as { t: string; d: string; name: string }[];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('成绩');
    ws.addRow(['电工理论考试成绩']);
    ws.addRow(['序号', '姓名', '准考证号', '证件号码', '总分']);
    cands.forEach((x, i) => ws.addRow([i + 1, x.name, x.t, x.d, 75]));
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await c.ok<{ report: { matched: number; unmatched: unknown[] } }>('theory.import', { subjectId, file: { name: '电工.xlsx', data } }, day.token);
    expect(r.report).toMatchObject({ matched: cands.length, unmatched: [] });
  });

  test('rulings (E6): a void subject and a void result apply with their reasons; superseded rulings do not', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    const p = day.panels[0]!;
    const [c1, c2, c3] = p.candidateIds;
    for (const x of [c1!, c2!, c3!]) await scoreBy(c, day, 0, x, [80, 80, 80]);
    // the supervisor's rulings as the incidents desk writes them (its tables and triggers)
    const head = (sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'H001'").get() as { id: number }).id;
    const room = sqlite.prepare('SELECT room_id AS r, session_id AS s, b.id AS b FROM candidate_subjects cs JOIN candidates b2 ON b2.id = cs.candidate_id JOIN batches b ON b.id = b2.batch_id WHERE cs.candidate_id = ? AND cs.subject_id = ?');
    const incident = (cand: number) => {
      const at = room.get(cand, p.subjectId) as { r: number; s: number; b: number };
      return Number(
        sqlite
          .prepare(
            `INSERT INTO incidents (batch_id, session_id, room_id, subject_type, candidate_id, kind, occurred_at, description, recorded_at, recorded_by, device, status)
             VALUES (?, ?, ?, 'candidate', ?, 'crib_notes', '2026-05-21T13:30:00+08:00', '—', '2026-05-21T13:31:00+08:00', ?, 'vitest', 'ruled')`,
          )
          .run(at.b, at.s, at.r, cand, head).lastInsertRowid,
      );
    };
    const ins = sqlite.prepare(
      `INSERT INTO incident_rulings (id, incident_id, candidate_id, subject_id, decision, reason, decided_at, decided_by, device, supersedes, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'vitest', ?, 'sig')`,
    );
    ins.run(1, incident(c1!), c1, p.subjectId, 'subject_void', '携带电子设备，该科目成绩无效', '2026-05-21T14:00:00+08:00', head, null);
    ins.run(2, incident(c2!), c2, null, 'result_void', '替考，本次认定成绩无效', '2026-05-21T14:00:00+08:00', head, null);
    const third = incident(c3!);
    ins.run(3, third, c3, null, 'result_void', '误判', '2026-05-21T14:00:00+08:00', head, null);
    ins.run(4, third, c3, null, 'warning', '复核后改为警告', '2026-05-21T15:00:00+08:00', head, 3);
    sqlite.prepare('UPDATE incident_rulings SET superseded_by = 4 WHERE id = 3').run();
    const r1 = await resultOf(c, day, c1!);
    expect(r1.subjects.find((s) => s.subjectId === p.subjectId)).toMatchObject({ status: 'void', ruling: '携带电子设备，该科目成绩无效', hold: null, passed: false });
    const r2 = await resultOf(c, day, c2!);
    expect(r2.outcome).toBe('void');
    expect(r2.rulings[0]!.reason).toMatch(/替考/);
    const r3 = await resultOf(c, day, c3!);
    expect(r3.subjects.find((s) => s.subjectId === p.subjectId)).toMatchObject({ status: 'scored', score: 80 });
    expect(r3.rulings).toEqual([]);
  });

  test('absences (E4): a candidate the door marked absent is 缺考 in that subject; absent from everything is 缺考 overall, from one subject is not a pass (G1)', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    // nobody marked absent: nobody is
    const p = day.panels[0]!;
    const [a, b] = p.candidateIds;
    expect((await resultOf(c, day, a!)).subjects.every((s) => s.status !== 'absent')).toBe(true);
    // the door's absence marks at the cut-off (checkin_absences)
    const head = (sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'H001'").get() as { id: number }).id;
    const seats = (id: number) => sqlite.prepare('SELECT session_id AS s, room_id AS r FROM candidate_subjects WHERE candidate_id = ?').all(id) as { s: number; r: number }[];
    // b's sheets were signed before the mark (after it, none can be: scoring-withdraw.test.ts); the absence still decides
    await scoreBy(c, day, 0, b!, [90, 90, 90]);
    const absent = sqlite.prepare("INSERT INTO checkin_absences (session_id, room_id, candidate_id, marked_at, marked_by, device) VALUES (?, ?, ?, '2026-05-21T09:30:00+08:00', ?, 'vitest')");
    for (const x of seats(a!)) absent.run(x.s, x.r, a, head);
    for (const x of seats(b!).filter((x) => x.s === p.sessionId)) absent.run(x.s, x.r, b, head);
    // (E4: an absent candidate gets no score sheet; the refusal has its own test)
    sqlite
      .prepare("INSERT INTO theory_scores (candidate_id, subject_id, score, source, confirmed_at) SELECT candidate_id, subject_id, 88, 'paper', 'x' FROM candidate_subjects cs WHERE candidate_id = ? AND subject_id <> ?")
      .run(b, p.subjectId);
    const ra = await resultOf(c, day, a!);
    expect(ra.subjects.map((s) => s.status)).toEqual(['absent', 'absent']);
    expect(ra.outcome).toBe('absent');
    const rb = await resultOf(c, day, b!);
    expect(rb.subjects.find((s) => s.subjectId === p.subjectId)).toMatchObject({ status: 'absent', score: null, hold: null });
    expect(rb.subjects.find((s) => s.kind === 'theory')).toMatchObject({ score: 88, passed: true });
    expect(rb.outcome).toBe('failed');
  });
});
