// G5: a changed result goes through the same rules again. An upheld objection names the
// subject; the panel scores a new round (S5, independence, S9 locks) or two clerks enter a corrected
// theory score (G4); the changed result is published again for five working days (G5) before a
// 确认单 includes it. Real SQLite, real commands, real PIN signatures.
import ExcelJS from 'exceljs';
import { describeError } from '../../renderer/src/i18n';
import { describe, expect, test } from 'vitest';
import type { Sqlite } from '../../db';
import { uploadGate } from '../../electron/services/publication/gate';
import { ManualClock } from '../../electron/services/runtime';
import { changedSince } from '../../electron/services/results/rescore';
import { entriesFor, scoreAllRaw, scoringDay, sealAmendment, sealDay, signInAs, STAFF_PIN, type ScoringDay } from '../support/scoring-seed';
import { testConsole, type TestConsole } from './helpers';

interface Result {
  candidateId: number;
  ticketNo: string;
  outcome: string;
  subjects: { subjectId: number; kind: string; score: number | null; status: string; hold: { code: string; params: Record<string, string | number> } | null }[];
}

/** The G5 gate as the sync engine asks for it, on the site's day `today` (noon, Beijing time). */
const gateOn = (sqlite: Sqlite, batchId: number, today: string) => uploadGate({ sqlite, clock: new ManualClock(`${today}T12:00:00+08:00`) }, batchId);


async function head(c: TestConsole, day: ScoringDay, at: string) {
  c.clock.set(at);
  day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
}

async function resultOf(c: TestConsole, day: ScoringDay, candidateId: number): Promise<Result> {
  return (await c.ok<Result[]>('results.list', { batchId: day.batchId }, day.token)).find((r) => r.candidateId === candidateId)!;
}

/** Seals (S9: the sealed version is published), publishes on 2026-09-30 (ends 10-12 over National Day), records and investigates an objection about `cand`. */
async function publishWithObjection(c: TestConsole, day: ScoringDay, cand: number) {
  await head(c, day, '2026-09-29T09:00:00+08:00');
  const sealed = await sealDay(c, day);
  const pub = await c.ok<{ id: number; endDate: string }>('results.publication.open', { batchId: day.batchId, startDate: '2026-09-30' }, day.token);
  const obj = await c.ok<{ id: number }>('results.objection.record', { publicationId: pub.id, candidateId: cand, raisedBy: '考生本人', content: '操作技能成绩有误' }, day.token);
  await c.ok('results.objection.investigate', { objectionId: obj.id, investigation: '调阅录像，考评员漏评一项。' }, day.token);
  return { pub, obj, sealed };
}

describe('G5: a changed result goes through the same rules again', () => {
  test('S5/G5: objection upheld on a skill subject → the panel re-scores as round 2 (round 1 locked, independence, odd ≥ 3) → supplementary publication → 确认单', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    scoreAllRaw(c.app.env.opened.sqlite, day, () => 55);
    const sqlite = c.app.env.opened.sqlite;
    const p = day.panels[0]!;
    const cand = p.candidateIds[0]!;
    const other = p.candidateIds[1]!;
    expect((await resultOf(c, day, cand)).outcome).toBe('failed'); // skill 55 (G1)
    const { pub, obj, sealed } = await publishWithObjection(c, day, cand);

    // a rejected objection re-examines nothing
    const bad = await c.call('results.objection.resolve', { objectionId: obj.id, decision: '维持', outcome: 'rejected', subjectId: p.subjectId }, day.token);
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'BAD_INPUT', reason: 'publication.rescoreOnlyUpheld' });
    const up = await c.ok<{ rescore: { round: number; scoreBefore: number }; amendment: { status: string } | null }>(
      'results.objection.resolve',
      { objectionId: obj.id, decision: '异议成立，由考评组重新评分。', outcome: 'upheld', subjectId: p.subjectId },
      day.token,
    );
    expect(up.rescore).toMatchObject({ round: 2, scoreBefore: 55 });
    // G7: the published results were sealed; the decision opens the batch for an amendment
    expect(up.amendment).toMatchObject({ status: 'amending' });
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'amending' });
    // the result waits for the new round; round 1's sheets stay, locked (S9)
    const waiting = (await resultOf(c, day, cand)).subjects.find((s) => s.subjectId === p.subjectId)!;
    expect(waiting).toMatchObject({ status: 'pending', score: null });
    expect(waiting.hold).toMatchObject({ code: 'panelRescoring', params: { round: 2 } });
    expect(() => sqlite.prepare('UPDATE score_sheets SET total = 99 WHERE candidate_id = ? AND round = 1').run(cand)).toThrow(/locked/);

    const items = day.items.get(p.subjectId)!;
    const [a, b, ch] = p.members;
    const ta = await signInAs(c, a!.staffNo, a!.role);
    const mine = await c.ok<{ round: number; mine: unknown; others: unknown[] }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, ta);
    expect(mine).toMatchObject({ round: 2, mine: null, others: [] }); // a fresh sheet in round 2
    await c.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 70), pin: STAFF_PIN }, ta);
    // independence in the new round: a sees nothing of the others until the panel has submitted
    const tb = await signInAs(c, b!.staffNo, b!.role);
    await c.ok('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 72), pin: STAFF_PIN }, tb);
    expect((await c.ok<{ others: unknown[] }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, ta)).others).toEqual([]);
    // S5: two sheets of round 2 give no score (round 1's three do not count any more)
    expect((await resultOf(c, day, cand)).subjects.find((s) => s.subjectId === p.subjectId)!.score).toBeNull();
    const tc = await signInAs(c, ch!.staffNo, ch!.role);
    const last = await c.ok<{ round: number; rescored: { scoreAfter: number }[] }>('scoring.sheet.submit', { candidateId: cand, subjectId: p.subjectId, entries: entriesFor(items, 74), pin: STAFF_PIN }, tc);
    expect(last.round).toBe(2);
    expect(last.rescored).toEqual([expect.objectContaining({ scoreAfter: 72 })]);
    expect((await c.ok<{ others: unknown[] }>('scoring.sheet.get', { candidateId: cand, subjectId: p.subjectId }, ta)).others).toHaveLength(2);
    const changed = await resultOf(c, day, cand);
    expect(changed.subjects.find((s) => s.subjectId === p.subjectId)).toMatchObject({ status: 'scored', score: 72 });
    expect(changed.outcome).toBe('passed');
    // both rounds on record: 3 locked sheets each
    expect(sqlite.prepare("SELECT round, COUNT(*) AS n FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND status = 'submitted' GROUP BY round").all(cand, p.subjectId)).toEqual([
      { round: 1, n: 3 },
      { round: 2, n: 3 },
    ]);
    expect(changedSince(sqlite, day.batchId, '2026-01-01T00:00:00Z')).toEqual([expect.objectContaining({ candidateId: cand, scoreBefore: 55, scoreAfter: 72, republishedIn: null })]);

    // the record (printable page and xlsx) keeps both rounds with the examiners' names; IDs masked on paper
    const paper = await c.ok<{ candidates: { candidateId: number; docMasked: string; rounds: { round: number; superseded: boolean; sheets: { examiner: string; total: number }[] }[]; scoreText: string }[] }>(
      'results.print.sheets',
      { batchId: day.batchId, subjectId: p.subjectId },
      day.token,
    );
    const rec = paper.candidates.find((x) => x.candidateId === cand)!;
    expect(rec.docMasked).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    expect(rec.rounds.map((r) => [r.round, r.superseded, r.sheets.map((x) => x.total)])).toEqual([
      [1, true, [55, 55, 55]],
      [2, false, [70, 72, 74]],
    ]);
    const names = (sqlite.prepare(`SELECT name FROM staff WHERE id IN (${p.members.map((m) => m.staffId).join(',')})`).all() as { name: string }[]).map((r) => r.name).sort();
    expect(rec.rounds[1]!.sheets.map((x) => x.examiner).sort()).toEqual(names);
    expect(rec.scoreText).toBe('72.0');
    const summary = await c.ok<{ columns: string[]; rows: string[][] }>('results.print.summary', { batchId: day.batchId }, day.token);
    const row = summary.rows.find((r) => r.includes(changed.ticketNo))!;
    expect(row.join('|')).toMatch(/\|3704\*{10}\d{3}[\dX]\|/);
    expect(row).toContain('四级/中级工');
    const x = await c.ok<{ data: string }>('results.forms.xlsx', { batchId: day.batchId, form: 'sheets', subjectId: p.subjectId }, day.token);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.data, 'base64') as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((cell) => text.push(String(cell.value))));
    expect(text.some((t) => t.endsWith('评分记录表（第 1 轮，已由后一轮取代，存档）'))).toBe(true);
    expect(text.some((t) => t.endsWith('评分记录表（第 2 轮）'))).toBe(true);

    // G5: after the main period the 确认单 leaves the changed candidate out
    await head(c, day, '2026-10-13T09:00:00+08:00');
    const mainConf = await c.ok<{ names: string[] }[]>('results.confirmation', { publicationId: pub.id }, day.token);
    const candName = (sqlite.prepare('SELECT name FROM candidates WHERE id = ?').get(cand) as { name: string }).name;
    expect(mainConf.flatMap((g) => g.names)).not.toContain(candName);
    // the changed result is published again from the amended sealed version, not from the live tables
    const unsealed = await c.call('results.publication.supplement', { batchId: day.batchId, startDate: '2026-10-13' }, day.token);
    expect(unsealed.ok ? null : unsealed.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.amending' });
    expect(gateOn(sqlite, day.batchId, '2026-10-13').holds).toEqual(expect.arrayContaining([{ code: 'amending', params: {} }, { code: 'republishPending', params: { n: 1 } }]));
    const v2 = await sealAmendment(c, day, '异议成立：操作技能第 2 轮重新评分');
    expect(v2).toMatchObject({ version: 2, previousHash: sealed.hash });
    const sup = await c.ok<{ id: number; endDate: string; count: number; candidateIds: number[]; version: number }>(
      'results.publication.supplement',
      { batchId: day.batchId, startDate: '2026-10-13' },
      day.token,
    );
    expect(sup).toMatchObject({ endDate: '2026-10-19', count: 1, candidateIds: [cand], version: 2 });
    const supRow = (await c.ok<{ id: number; snapshot: { candidateId: number; subjects: { result: string }[]; passed: string }[] }[]>('results.publication.list', { batchId: day.batchId }, day.token)).find(
      (x) => x.id === sup.id,
    )!;
    expect(supRow.snapshot).toEqual([expect.objectContaining({ candidateId: cand, passed: '是', subjects: expect.arrayContaining([expect.objectContaining({ result: '72.0（合格）' })]) })]);
    expect(gateOn(sqlite, day.batchId, '2026-10-19').holds).toEqual([{ code: 'supplementRunning', params: { end: '2026-10-19' } }]);
    const again = await c.call('results.publication.supplement', { batchId: day.batchId, startDate: '2026-10-13' }, day.token);
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.nothingChanged' });
    const early = await c.call('results.confirmation', { publicationId: sup.id }, day.token);
    expect(early.ok ? null : early.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.confirmAfterEnd', params: { endDate: '2026-10-19' } });
    await head(c, day, '2026-10-20T09:00:00+08:00');
    const supConf = await c.ok<{ names: string[] }[]>('results.confirmation', { publicationId: sup.id }, day.token);
    expect(supConf.flatMap((g) => g.names)).toEqual([candName]);
    // G5: both periods over, nothing open: versions 1 and 2 may go to the platform
    expect(gateOn(sqlite, day.batchId, '2026-10-20')).toEqual({ clear: true, holds: [] });
    expect(changedSince(sqlite, day.batchId, '2026-01-01T00:00:00Z')[0]!.republishedIn).toBe(sup.id);
    expect(other).toBeGreaterThan(0);
    // every step is in the audit trail
    const audit = sqlite
      .prepare("SELECT command, detail FROM audit_events WHERE outcome = 'ok' AND command IN ('results.objection.resolve','scoring.sheet.submit','results.publication.supplement') ORDER BY seq")
      .all() as { command: string; detail: string }[];
    expect(audit.filter((x) => x.command === 'scoring.sheet.submit').map((x) => (JSON.parse(x.detail) as { round: number }).round)).toEqual([2, 2, 2]);
    expect(audit.map((x) => x.command)).toEqual(expect.arrayContaining(['results.objection.resolve', 'results.publication.supplement']));
  });

  test('G4: a theory correction is entered by two clerks; a mismatch blocks until settled from the paper; the entries are append-only', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    scoreAllRaw(c.app.env.opened.sqlite, day, () => 55);
    const sqlite = c.app.env.opened.sqlite;
    const theory = sqlite.prepare('SELECT cs.candidate_id AS c, cs.subject_id AS s FROM candidate_subjects cs WHERE cs.subject_id = ? LIMIT 1').get(day.theorySubjects[0]!) as { c: number; s: number };
    const { obj } = await publishWithObjection(c, day, theory.c);
    const up = await c.ok<{ rescore: { rescoreId: number; round: number | null; scoreBefore: number } }>(
      'results.objection.resolve',
      { objectionId: obj.id, decision: '理论试卷漏计一题，更正成绩。', outcome: 'upheld', subjectId: theory.s },
      day.token,
    );
    expect(up.rescore).toMatchObject({ round: null, scoreBefore: 80 });
    const twice = await c.call('results.objection.resolve', { objectionId: obj.id, decision: '再次', outcome: 'upheld', subjectId: theory.s }, day.token);
    expect(twice.ok ? null : twice.error).toMatchObject({ code: 'CONFLICT', reason: 'publication.objectionResolved' });
    expect((await resultOf(c, day, theory.c)).subjects.find((s) => s.subjectId === theory.s)).toMatchObject({ status: 'pending', score: null });

    const [k1, k2] = (sqlite.prepare("SELECT s.staff_no AS no FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'score_clerk' ORDER BY s.staff_no").all() as { no: string }[]).map((x) => x.no);
    const t1 = await signInAs(c, k1!, 'score_clerk');
    const t2 = await signInAs(c, k2!, 'score_clerk');
    const id = up.rescore.rescoreId;
    expect(await c.ok('results.rescore.enter', { rescoreId: id, score: 85 }, t1)).toMatchObject({ pass: 1, state: 'waiting' });
    const same = await c.call('results.rescore.enter', { rescoreId: id, score: 85 }, t1);
    expect(same.ok ? null : same.error).toMatchObject({ code: 'CONFLICT', reason: 'scoring.secondClerk' });
    expect(await c.ok('results.rescore.enter', { rescoreId: id, score: 86 }, t2)).toMatchObject({ pass: 2, state: 'mismatch' });
    // the mismatch blocks: still pending, the old 80 no longer stands
    expect((await resultOf(c, day, theory.c)).subjects.find((s) => s.subjectId === theory.s)).toMatchObject({ status: 'pending', score: null });
    await c.ok('results.rescore.settle', { rescoreId: id, score: 85, note: '核对试卷：第 12 题得分 5 分，合计 85 分。' }, t1);
    expect((await resultOf(c, day, theory.c)).subjects.find((s) => s.subjectId === theory.s)).toMatchObject({ status: 'scored', score: 85 });
    const list = await c.ok<{ status: string; scoreBefore: number; scoreAfter: number; entries: { pass: number; score: number }[] }[]>('results.rescore.list', { batchId: day.batchId }, day.token);
    expect(list[0]).toMatchObject({ status: 'done', scoreBefore: 80, scoreAfter: 85 });
    expect(list[0]!.entries.map((e) => [e.pass, e.score])).toEqual([
      [1, 85],
      [2, 86],
      [3, 85],
    ]);
    expect(() => sqlite.prepare('UPDATE rescore_entries SET score = 99').run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM rescore_entries').run()).toThrow(/append-only/);
  });

  test('G2: after publication (sealed) a re-import is refused; once an objection is upheld (amendment) the re-confirmed import completes that correction and no other', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    scoreAllRaw(c.app.env.opened.sqlite, day, () => 55);
    const sqlite = c.app.env.opened.sqlite;
    const subjectId = day.theorySubjects[0]!;
    const row = sqlite
      .prepare('SELECT c.id, c.ticket_no AS t, c.doc_number AS d, c.name FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ? ORDER BY c.ticket_no LIMIT 1')
      .get(subjectId) as { id: number; t: string; d: string; name: string };
    const { obj } = await publishWithObjection(c, day, row.id);
    const clerk = await signInAs(c, 'T019', 'score_clerk');
    const file = { name: '理论成绩（更正）.csv', data: Buffer.from(['准考证号,身份证号,姓名,成绩', `${row.t},${row.d},${row.name},88`].join('\r\n')).toString('base64') };
    // the published batch is sealed: a new import is refused at once, in words, and nothing is staged
    const imports = () => sqlite.prepare('SELECT COUNT(*) AS n FROM theory_imports').get();
    const before = imports();
    const refused = await c.call('theory.import', { subjectId, file }, clerk);
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', reason: 'seal.frozen' });
    expect(refused.ok ? '' : describeError('zh-CN', refused.error)).toMatch(/已封存.*开启修订/);
    expect(imports()).toEqual(before);
    expect((sqlite.prepare('SELECT score FROM theory_scores WHERE candidate_id = ? AND subject_id = ?').get(row.id, subjectId) as { score: number }).score).toBe(80);
    await c.ok('results.objection.resolve', { objectionId: obj.id, decision: '理论成绩导入有误，重新导入。', outcome: 'upheld', subjectId }, day.token);
    // open for this candidate's correction only: a file that would also change someone else's published score is refused
    const two = sqlite
      .prepare('SELECT c.ticket_no AS t, c.doc_number AS d, c.name FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ? ORDER BY c.ticket_no LIMIT 1 OFFSET 1')
      .get(subjectId) as { t: string; d: string; name: string };
    const wider = { name: '理论成绩（更正2）.csv', data: Buffer.from(['准考证号,身份证号,姓名,成绩', `${row.t},${row.d},${row.name},88`, `${two.t},${two.d},${two.name},90`].join('\r\n')).toString('base64') };
    const staged = await c.ok<{ importId: number }>('theory.import', { subjectId, file: wider }, clerk);
    const notYours = await c.call('theory.import.confirm', { importId: staged.importId }, clerk);
    expect(notYours.ok ? null : notYours.error).toMatchObject({ code: 'CONFLICT', reason: 'results.publishedTheory', params: { count: 1, names: two.name } });
    const again = await c.ok<{ importId: number }>('theory.import', { subjectId, file }, clerk);
    const ok = await c.ok<{ rescored: number[] }>('theory.import.confirm', { importId: again.importId }, clerk);
    expect(ok.rescored).toHaveLength(1);
    expect((await resultOf(c, day, row.id)).subjects.find((s) => s.subjectId === subjectId)).toMatchObject({ status: 'scored', score: 88 });
  });
});
