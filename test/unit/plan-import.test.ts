// The plan import through the command registry on a real SQLite file: all-or-nothing, the
// re-import diff applied only on confirmation as one attributed audit event (P9), the sign-in
// guard, and a rare-character name surviving import → screen → export (P11).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE, DEMO_STAFF_PIN, loadDemo } from '../../electron/server/demo';
import { verifyChain } from '../../electron/services/audit';
import { makeResidentId } from '../../electron/domain/gb11643';
import { readPlanFiles } from '../../electron/services/plan/reader';
import { moveBatch } from '../../electron/services/batch';
import { serviceContext } from '../../electron/services/context';
import { sessionsWithSignIn } from '../../electron/services/plan/check';
import { importPlan } from '../../electron/services/plan/import';
import { HEAD, siteHead, testConsole, type TestConsole } from './helpers';
import { writeGate } from '../../electron/workers/write-gate';
import { facePhotos } from '../../scripts/plan/generate';
import { writeZip } from '../../electron/services/plan/zip';
import { demoPackage, editWorkbook, photosZip, workbookFile } from '../support/plan-fixtures';
import { addStaff } from '../support/enrol';

const b64 = (f: { name: string; data: Buffer }) => ({ name: f.name, data: f.data.toString('base64') });
const count = (c: TestConsole, table: string) => (c.app.env.opened.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

async function demoFiles() {
  const pkg = demoPackage();
  return { pkg, files: [b64(await workbookFile(pkg)), b64(await photosZip(pkg))] };
}

describe('plan.import', () => {
  it('imports the demo workbook with photos in one go, and the pages see it', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { files } = await demoFiles();
    const check = await c.ok<{ ok: boolean; errors: number; warnings: number; summary: { candidates: number; photos: number }; reimport: null }>('plan.check', { files }, token);
    expect(check).toMatchObject({ ok: true, errors: 0, warnings: 0, summary: { candidates: 120, photos: 120 }, reimport: null });
    expect(count(c, 'candidates')).toBe(0); // checking writes nothing

    const r = await c.ok<{ batchId: number; version: number; counts: Record<string, number> }>('plan.import', { files }, token);
    expect(r).toMatchObject({ version: 1, counts: { candidates: 120, rooms: 6, sessions: 6, staff: 20, photos: 120 } });
    expect(count(c, 'candidate_subjects')).toBe(240);
    expect(count(c, 'batch_staff_roles')).toBe(20);
    const o = await c.ok<{ counts: Record<string, number>; sessions: { code: string; rooms: { assigned: number; seats: number }[] }[]; batch: { orgName: string } }>('plan.overview', {}, token);
    expect(o.batch.orgName).toBe('枣庄市技师学院');
    expect(o.counts).toMatchObject({ candidates: 120, photos: 120, staff: 20 });
    expect(o.sessions.find((s) => s.code === 'CG4-LL')!.rooms).toEqual([
      expect.objectContaining({ assigned: 30, seats: 30 }),
      expect.objectContaining({ assigned: 30, seats: 30 }),
    ]);
    const ev = c.app.env.opened.sqlite.prepare("SELECT actor_name AS who, role, detail FROM audit_events WHERE command = 'plan.import'").all() as { who: string; role: string; detail: string }[];
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ who: '李𠀋明', role: 'site_head' });
    expect(JSON.parse(ev[0]!.detail).counts.candidates).toBe(120);
  });

  it('writes nothing while any error stands, and returns every problem with its row', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const pkg = demoPackage();
    const broken = await editWorkbook(await workbookFile(pkg), [
      { sheet: '考生', row: 4, column: '证件号码', value: pkg.candidates[0]!.docNumber },
      { sheet: '考生', row: 7, column: '准考证号', value: pkg.candidates[1]!.ticketNo },
    ]);
    const auditBefore = count(c, 'audit_events');
    const r = await c.call('plan.import', { files: [b64(broken)] }, token);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PLAN_INVALID');
    expect(r.error.reason).toBe('plan.invalid');
    expect(r.error.params).toMatchObject({ errors: expect.any(Number) });
    const problems = (r.error.details as { problems: { rule: string; at: { row: number; column: string }; severity: string; reason: string }[] }).problems;
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.at.row}:${p.at.column}:${p.rule}:${p.reason}`)).toEqual(
      expect.arrayContaining(['4:证件号码:P8:plan.docDuplicate', '7:准考证号:P7:plan.ticketDuplicate']),
    );
    expect(r.error.params!.errors).toBe(problems.filter((p) => p.severity === 'error').length);
    for (const t of ['batches', 'organisations', 'candidates', 'rooms', 'exam_sessions', 'staff_roles', 'plan_imports']) {
      expect(count(c, t), t).toBe(t === 'staff_roles' ? 1 : 0); // only the site head's own role
    }
    expect(count(c, 'audit_events')).toBe(auditBefore);
  });

  it('re-import: shows added, removed and changed candidates and staff; applies only on confirmation, as one attributed event (P9)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { pkg, files } = await demoFiles();
    await c.ok('plan.import', { files }, token);
    const sqlite = c.app.env.opened.sqlite;
    const idOf = (doc: string) => (sqlite.prepare('SELECT id FROM candidates WHERE doc_number = ?').get(doc) as { id: number } | undefined)?.id;
    const keptDoc = pkg.candidates[10]!.docNumber;
    const keptId = idOf(keptDoc);

    const next = structuredClone(pkg);
    const removed = next.candidates.splice(3, 1)[0]!; // 陈… leaves
    next.candidates[0]!.phone = '13900000000'; // a phone number corrected
    next.candidates[0]!.workUnit = '枣庄市技师学院数控系';
    const added = { ...structuredClone(next.candidates[1]!), name: '王𪚥新', ticketNo: '2605219999', docNumber: makeResidentId('370402', '20060101', 11), birthDate: '2006-01-01', gender: '男' as const };
    added.seats = [{ session: 'CG4-LL', room: '第2考场', seat: '31' }];
    next.rooms.find((r) => r.code === '第2考场')!.seats = 31;
    next.candidates.push(added);
    next.staff.find((s) => s.roles.includes('supervisor'))!.name = '周督导';
    next.staff.pop(); // a score clerk leaves
    const files2 = [b64(await workbookFile(next)), b64(await photosZip(next))];

    const check = await c.ok<{ ok: boolean; reimport: { diff: { candidates: { added: { name: string }[]; removed: { name: string }[]; changed: { name: string; fields: { field: string; after: string }[] }[] }; staff: { removed: unknown[]; changed: unknown[] }; rooms: { changed: unknown[] } } } }>(
      'plan.check',
      { files: files2 },
      token,
    );
    expect(check).toMatchObject({ ok: true });
    const d = check.reimport.diff;
    expect(d.candidates.added.map((a) => a.name)).toEqual(['王𪚥新']);
    expect(d.candidates.removed.map((a) => a.name)).toEqual([removed.name]);
    expect(d.candidates.changed).toEqual([
      expect.objectContaining({ name: next.candidates[0]!.name, fields: [expect.objectContaining({ field: 'phone', after: '13900000000' }), expect.objectContaining({ field: 'workUnit', after: '枣庄市技师学院数控系' })] }),
    ]);
    expect(d.staff.removed).toHaveLength(1);
    expect(d.staff.changed).toHaveLength(1);
    expect(d.rooms.changed).toHaveLength(1);

    const unconfirmed = await c.call('plan.import', { files: files2 }, token);
    expect(unconfirmed.ok).toBe(false);
    if (!unconfirmed.ok) expect(unconfirmed.error).toMatchObject({ code: 'PLAN_CONFIRM_REQUIRED', reason: 'plan.confirmRequired', params: { planCode: pkg.batch.planCode } });
    expect(idOf(removed.docNumber)).toBeDefined(); // nothing changed yet

    const r = await c.ok<{ version: number; reimport: boolean }>('plan.import', { files: files2, confirm: true }, token);
    expect(r).toMatchObject({ version: 2, reimport: true });
    expect(idOf(removed.docNumber)).toBeUndefined();
    expect(idOf(keptDoc)).toBe(keptId); // ids kept: what others recorded against them stays
    expect(count(c, 'candidates')).toBe(120);
    const events = sqlite.prepare("SELECT detail, actor_name AS who FROM audit_events WHERE command = 'plan.import' ORDER BY seq").all() as { detail: string; who: string }[];
    expect(events).toHaveLength(2);
    const detail = JSON.parse(events[1]!.detail);
    expect(events[1]!.who).toBe('李𠀋明');
    expect(detail.diff.counts.candidates).toEqual({ added: 1, removed: 1, changed: 1 });
    expect(detail.diff.candidates.changed[0].fields[0]).toMatchObject({ field: 'phone', after: '13900000000' });
    expect(verifyChain(sqlite).ok).toBe(true);
  });

  it('photos brought after the plan are a change: listed by candidate, stored on confirmation; a replaced photo is listed with its sizes; the same zip again changes nothing (P7)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { pkg, files } = await demoFiles();
    const [workbook, zip] = files as [{ name: string; data: string }, { name: string; data: string }];
    await c.ok('plan.import', { files: [workbook] }, token);
    const sqlite = c.app.env.opened.sqlite;
    const withPhoto = () => (sqlite.prepare('SELECT COUNT(*) AS n FROM candidates WHERE photo IS NOT NULL').get() as { n: number }).n;
    type Part = { added: { key: string; name: string }[]; removed: unknown[]; changed: { key: string; fields: { field: string; before: string; after: string }[] }[] };
    type Check = { ok: boolean; reimport: { unchanged: boolean; diff: { candidates: Part; photos: Part } } };

    const check = await c.ok<Check>('plan.check', { files: [workbook, zip] }, token);
    expect(check.reimport.unchanged).toBe(false);
    expect(check.reimport.diff.candidates).toEqual({ added: [], removed: [], changed: [] });
    expect(check.reimport.diff.photos.added).toHaveLength(120);
    expect(check.reimport.diff.photos.added[0]).toMatchObject({ key: pkg.candidates[0]!.docNumber, name: pkg.candidates[0]!.name });
    await c.ok('plan.import', { files: [workbook, zip], confirm: true }, token);
    expect(withPhoto()).toBe(120);
    const detail = JSON.parse((sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'plan.import' ORDER BY seq DESC LIMIT 1").get() as { detail: string }).detail);
    expect(detail.diff.counts.photos).toEqual({ added: 120, removed: 0, changed: 0 });

    // the same zip again: nothing to do
    expect((await c.ok<Check>('plan.check', { files: [workbook, zip] }, token)).reimport.unchanged).toBe(true);

    // one candidate's photo replaced (another face): listed with the sizes before and after
    const faces = facePhotos();
    const photos = await writeZip(pkg.candidates.map((x, i) => ({ name: `${x.ticketNo}.jpg`, data: faces[(i === 7 ? i + 1 : i) % faces.length]! })));
    const replaced = await c.ok<Check>('plan.check', { files: [workbook, b64({ name: 'photos.zip', data: photos })] }, token);
    expect(replaced.reimport.unchanged).toBe(false);
    expect(replaced.reimport.diff.photos.added).toEqual([]);
    expect(replaced.reimport.diff.photos.changed).toEqual([
      expect.objectContaining({ key: pkg.candidates[7]!.docNumber, fields: [{ field: 'photo', before: `${(faces[7 % faces.length]!.length / 1024).toFixed(1)} KB`, after: `${(faces[8 % faces.length]!.length / 1024).toFixed(1)} KB` }] }),
    ]);
  });

  it('the import is written on the import worker’s own connection: the one that serves the doors writes none of it, and a command sent while it writes waits for it (no busy database)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const other = (await c.ok<{ token: string }>('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
    const sqlite = c.app.env.opened.sqlite;
    const changes = () => (sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    const { files } = await demoFiles();
    await c.ok('plan.import', { files }, token);
    expect(count(c, 'candidates')).toBe(120);
    expect(count(c, 'candidate_subjects')).toBeGreaterThan(120);
    // this connection wrote none of the plan's rows (a few hundred), nor its audit event
    expect(changes() - before).toBe(0);
    expect(verifyChain(sqlite).ok).toBe(true);

    // while a worker writes (its gate held), a command waits; a query does not
    let signedOut = false;
    await writeGate(c.app.env.opened).exclusive(async () => {
      const out = c.ok('auth.signOut', {}, other).then(() => (signedOut = true));
      await c.ok('plan.batches', {}, token);
      expect(signedOut).toBe(false);
      void out;
    });
    await expect.poll(() => signedOut).toBe(true);
    expect((await c.call('plan.batches', {}, other)).ok).toBe(false); // signed out, once the gate opened
  });

  it('a re-import writes only what changed: one phone, two swapped tickets and one moved seat rewrite those rows alone, and the plan reads as imported (P7/P9)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { pkg, files } = await demoFiles();
    await c.ok('plan.import', { files }, token);
    const sqlite = c.app.env.opened.sqlite;
    const idOf = (doc: string) => (sqlite.prepare('SELECT id FROM candidates WHERE doc_number = ?').get(doc) as { id: number }).id;
    // what the re-import writes, seen by triggers in the file (the import writes on the import worker's connection)
    sqlite.exec(`CREATE TABLE test_touched (what TEXT, candidate INTEGER);
      CREATE TRIGGER test_touched_candidate AFTER UPDATE ON candidates BEGIN INSERT INTO test_touched VALUES ('row', old.id); END;
      CREATE TRIGGER test_touched_seat_out AFTER DELETE ON candidate_subjects BEGIN INSERT INTO test_touched VALUES ('seat', old.candidate_id); END;
      CREATE TRIGGER test_touched_seat_in AFTER INSERT ON candidate_subjects BEGIN INSERT INTO test_touched VALUES ('seat', new.candidate_id); END;`);
    const touched = (what: string) => (sqlite.prepare('SELECT DISTINCT candidate FROM test_touched WHERE what = ? ORDER BY candidate').all(what) as { candidate: number }[]).map((r) => r.candidate);

    // the same plan and photos again: nothing of the candidates is written
    await c.ok('plan.import', { files, confirm: true }, token);
    expect(touched('row')).toEqual([]);
    expect(touched('seat')).toEqual([]);

    const next = structuredClone(pkg);
    const [phone, a, b, moved] = [next.candidates[2]!, next.candidates[10]!, next.candidates[11]!, next.candidates[20]!];
    phone.phone = '13911112222';
    [a.ticketNo, b.ticketNo] = [b.ticketNo, a.ticketNo];
    moved.seats[0]!.seat = '99';
    await c.ok('plan.import', { files: [b64(await workbookFile(next))], confirm: true }, token);
    expect(touched('row')).toEqual([idOf(phone.docNumber), idOf(a.docNumber), idOf(b.docNumber)].sort((x, y) => x - y));
    expect(touched('seat')).toEqual([idOf(moved.docNumber)]);
    // and the held plan is the new one: every candidate's columns and seats as the workbook says
    const row = (doc: string) => sqlite.prepare('SELECT ticket_no AS ticket, phone FROM candidates WHERE doc_number = ?').get(doc) as { ticket: string; phone: string | null };
    expect(row(phone.docNumber).phone).toBe('13911112222');
    expect([row(a.docNumber).ticket, row(b.docNumber).ticket]).toEqual([pkg.candidates[11]!.ticketNo, pkg.candidates[10]!.ticketNo]);
    const seats = (doc: string) => (sqlite.prepare('SELECT seat FROM candidate_subjects WHERE candidate_id = ? AND seat IS NOT NULL ORDER BY seat').all(idOf(doc)) as { seat: string }[]).map((r) => r.seat);
    expect(seats(moved.docNumber)).toContain('99');
    const tickets = sqlite.prepare("SELECT COUNT(*) AS n FROM candidates WHERE ticket_no LIKE '~%'").get() as { n: number };
    expect(tickets.n).toBe(0); // no ticket left parked
    expect(count(c, 'candidate_subjects')).toBe(next.candidates.reduce((n, x) => n + x.subjects.length, 0));
  });

  it('refuses to replace candidates of a session whose sign-in has started (the checkins hook)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { pkg, files } = await demoFiles();
    await c.ok('plan.import', { files }, token);
    const sqlite = c.app.env.opened.sqlite;
    const batchId = (sqlite.prepare('SELECT id FROM batches').get() as { id: number }).id;
    expect(sessionsWithSignIn(sqlite, batchId).size).toBe(0); // nobody signed in: nothing locked
    // one candidate signed in at the door (the checkins table) for the 车工 theory session
    const session = sqlite.prepare("SELECT id FROM exam_sessions WHERE code = 'CG4-LL'").get() as { id: number };
    const cand = sqlite.prepare('SELECT id FROM candidates WHERE ticket_no = ?').get(pkg.candidates[0]!.ticketNo) as { id: number };
    const seat = sqlite.prepare('SELECT room_id AS roomId FROM candidate_subjects WHERE candidate_id = ? AND session_id = ?').get(cand.id, session.id) as { roomId: number };
    const head = sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'H001'").get() as { id: number };
    sqlite
      .prepare("INSERT INTO checkins (session_id, room_id, candidate_id, status, at, proctor_id, device, method, no_photo_reason) VALUES (?, ?, ?, 'ok', ?, ?, 'vitest', 'ticket', 'test')")
      .run(session.id, seat.roomId, cand.id, '2026-05-21T08:40:00+08:00', head.id);
    expect([...sessionsWithSignIn(sqlite, batchId)]).toEqual(['CG4-LL']);

    const touching = structuredClone(pkg);
    touching.candidates[2]!.phone = '13911112222'; // a 车工 candidate: sits CG4-LL
    const r = await c.call('plan.import', { files: [b64(await workbookFile(touching))], confirm: true }, token);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'PLAN_LOCKED', reason: 'plan.sessionsLocked', params: { sessions: 'CG4-LL' }, details: { blocked: ['CG4-LL'] } });
    }
    // a change away from the started session still goes through
    const elsewhere = structuredClone(pkg);
    elsewhere.candidates[100]!.phone = '13911112222'; // an 电工 candidate
    await c.ok('plan.import', { files: [b64(await workbookFile(elsewhere))], confirm: true }, token);
    expect((sqlite.prepare('SELECT phone FROM candidates WHERE doc_number = ?').get(elsewhere.candidates[100]!.docNumber) as { phone: string }).phone).toBe('13911112222');
    // a new registered photo is a change to the candidate too: refused for the started session, nothing written (P9)
    const faces = facePhotos();
    const photoOf = (doc: string) => (sqlite.prepare('SELECT photo FROM candidates WHERE doc_number = ?').get(doc) as { photo: Buffer }).photo;
    const before = photoOf(pkg.candidates[2]!.docNumber);
    const swapped = await writeZip(elsewhere.candidates.map((x, i) => ({ name: `${x.ticketNo}.jpg`, data: faces[(i === 2 ? i + 1 : i) % faces.length]! })));
    const photo = await c.call('plan.import', { files: [b64(await workbookFile(elsewhere)), b64({ name: 'photos.zip', data: swapped })], confirm: true }, token);
    expect(photo.ok).toBe(false);
    if (!photo.ok) expect(photo.error).toMatchObject({ code: 'PLAN_LOCKED', params: { sessions: 'CG4-LL' } });
    expect(photoOf(pkg.candidates[2]!.docNumber).equals(before)).toBe(true);
  });

  it('a re-import is accepted only while the batch is draft: sealed and amending batches refuse it (S9), nothing written', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { pkg, files } = await demoFiles();
    await c.ok('plan.import', { files }, token);
    const sqlite = c.app.env.opened.sqlite;
    const batchId = (sqlite.prepare('SELECT id FROM batches').get() as { id: number }).id;
    const next = structuredClone(pkg);
    next.candidates[0]!.phone = '13900000009';
    const files2 = [b64(await workbookFile(next))];
    const ctx = serviceContext(c.app.env.opened, { clock: c.clock });
    for (const status of ['sealed', 'amending'] as const) {
      moveBatch(ctx, batchId, status);
      const check = await c.ok<{ reimport: { status: string } }>('plan.check', { files: files2 }, token);
      expect(check.reimport.status).toBe(status); // the page says why it cannot import
      const r = await c.call('plan.import', { files: files2, confirm: true }, token);
      expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', reason: 'batch.wrongStatus', params: { status: `@batch.status.${status}`, batchId } });
      expect((sqlite.prepare('SELECT plan_version AS v FROM batches').get() as { v: number }).v).toBe(1);
      expect((sqlite.prepare('SELECT phone FROM candidates WHERE doc_number = ?').get(pkg.candidates[0]!.docNumber) as { phone: string | null }).phone).toBe(pkg.candidates[0]!.phone ?? null);
    }
  });

  it('a rare-character name survives import → screen (search, detail) → export (P11)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const { pkg, files } = await demoFiles();
    await c.ok('plan.import', { files }, token);
    const rare = pkg.candidates.find((x) => x.name === '王𪚥')!;
    const found = await c.ok<{ total: number; rows: { id: number; name: string; docMasked: string }[] }>('plan.candidates', { q: '𪚥' }, token);
    expect(found.total).toBe(1);
    expect(found.rows[0]!.name).toBe('王𪚥');
    expect(found.rows[0]!.docMasked).toBe(`${rare.docNumber.slice(0, 4)}**********${rare.docNumber.slice(-4)}`);
    const byTail = await c.ok<{ rows: { name: string }[] }>('plan.candidates', { q: rare.docNumber.slice(-6) }, token);
    expect(byTail.rows.map((r) => r.name)).toContain('王𪚥');
    const detail = await c.ok<{ name: string; photo: string }>('plan.candidate', { id: found.rows[0]!.id }, token);
    expect(detail.name).toBe('王𪚥');
    expect(detail.photo).toMatch(/^data:image\/jpeg;base64,\/9j\//);

    const exported = await c.ok<{ data: string; photos: { data: string } }>('plan.export', { photos: true }, token);
    const back = await readPlanFiles([
      { name: 'export.xlsx', data: Buffer.from(exported.data, 'base64') },
      { name: 'photos.zip', data: Buffer.from(exported.photos.data, 'base64') },
    ]);
    expect(back.problems).toEqual([]);
    expect(back.pkg!.candidates.map((x) => x.name)).toEqual(pkg.candidates.map((x) => x.name));
    expect(back.photos.size).toBe(120);
    // and the exported workbook re-imports as "unchanged"
    const again = await c.ok<{ reimport: { unchanged: boolean } }>('plan.check', { files: [{ name: 'e.xlsx', data: exported.data }] }, token);
    expect(again.reimport.unchanged).toBe(true);
  });

  it('the template is the same workbook, empty, and reads as such', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const t = await c.ok<{ fileName: string; data: string }>('plan.template', {}, token);
    const read = await readPlanFiles([{ name: t.fileName, data: Buffer.from(t.data, 'base64') }]);
    expect(read.problems.map((p) => p.at.column)).toEqual(['认定计划名称', '计划编号', '认定日期', '机构名称', '机构编码', '机构类型']);
    expect(read.problems.every((p) => p.reason === 'plan.batchFieldMissing')).toBe(true);
    expect(read.pkg!.candidates).toEqual([]);
  });

  it('only the site head (or admin) imports; a proctor is refused', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    await addStaff(c, token, { staffNo: 'P1', name: '监考甲', roles: ['proctor'] }, '135790');
    const p = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'P1', pin: '135790' })).token;
    const r = await c.call('plan.import', { package: demoPackage() }, p);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });

  it('importPlan (the service) takes a package object directly, photos inside, with its audit event', async () => {
    const c = testConsole();
    await siteHead(c);
    const pkg = demoPackage();
    pkg.candidates[0]!.photo = facePhotos()[0]!.toString('base64');
    const r = await importPlan(serviceContext(c.app.env.opened, { clock: c.clock, device: 'test' }), { pkg });
    expect(r.counts).toMatchObject({ candidates: 120, photos: 1 });
    const ev = c.app.env.opened.sqlite.prepare("SELECT device FROM audit_events WHERE command = 'plan.import'").get() as { device: string };
    expect(ev.device).toBe('test');
    expect(verifyChain(c.app.env.opened.sqlite).ok).toBe(true);
  });

  it('reads a folder on the PC (the desktop shell) and the JSON form of the demo plan', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const pkg = demoPackage();
    const dir = join(c.dataDir, 'incoming');
    mkdirSync(join(dir, '照片'), { recursive: true });
    writeFileSync(join(dir, '认定计划.xlsx'), (await workbookFile(pkg)).data);
    facePhotos().forEach((f, i) => writeFileSync(join(dir, '照片', `${pkg.candidates[i]!.ticketNo}.jpg`), f));
    const check = await c.ok<{ ok: boolean; summary: { candidates: number; photos: number }; warnings: number }>('plan.check', { path: dir }, token);
    expect(check).toMatchObject({ ok: true, summary: { candidates: 120, photos: 12 }, warnings: 108 }); // 108 photos missing (P7)
    const json = readFileSync(new URL('../../resources/demo-plan/demo-plan.json', import.meta.url));
    const viaJson = await c.ok<{ ok: boolean; problems: { rule: string }[] }>('plan.check', { files: [{ name: 'demo-plan.json', data: json.toString('base64') }] }, token);
    expect(viaJson.ok).toBe(true);
    expect(viaJson.problems.map((p) => p.rule)).toEqual(['P7']); // no photos sent
  });

  it('--demo: an empty console gets the demo site and plan once; a second start leaves them be', async () => {
    const c = testConsole();
    const first = await loadDemo(c.app);
    // the site, its recovery code (shown once: the browser shell asks for it at its next start), the plan, the staff's PIN
    expect(first).toEqual([
      expect.stringContaining('H001'),
      expect.stringMatching(/^恢复码（只显示这一次，请抄写保管）\/ recovery code \(shown once, write it down\): ([0-9A-Z]{4}-){5}[0-9A-Z]{4}$/),
      expect.stringContaining('120 名考生'),
      expect.stringContaining(DEMO_STAFF_PIN),
    ]);
    expect(await loadDemo(c.app)).toEqual([expect.stringContaining('已有认定计划')]);
    expect(count(c, 'candidates')).toBe(120);
    const ev = c.app.env.opened.sqlite.prepare("SELECT actor_name AS who, device FROM audit_events WHERE command = 'plan.import'").all();
    expect(ev).toEqual([{ who: DEMO_SITE.headName, device: 'cli --demo' }]);
    const token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: DEMO_SITE.staffNo, pin: DEMO_SITE.pin })).token;
    expect((await c.ok<{ counts: { photos: number } }>('plan.overview', {}, token)).counts.photos).toBe(120);
    // S1: every demo staff member chose the demo PIN with their enrolment code (audited commands, no PIN set for them)
    const enrolled = c.app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'auth.enrol' AND outcome = 'ok'").get() as { n: number };
    expect(enrolled.n).toBe(count(c, 'staff') - 1);
    await c.ok('auth.signIn', { staffNo: 'T001', pin: DEMO_STAFF_PIN });
  });

  it('a path on the PC is refused over HTTP (a LAN browser may not read the office PC)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const r = await c.app.call({ method: 'plan.check', input: { path: '/etc' }, token, device: 'http:10.0.0.5' });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});
