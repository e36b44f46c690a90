// The seal ceremony (S9, G5, G7, A1): readiness, three kinds of PIN signature, the frozen
// batch (triggers), and a raw edit under a sealed package caught by verify and by the sync engine.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { describeError } from '../../renderer/src/i18n';
import { uploadGate } from '../../electron/services/publication/gate';
import { runnerFor } from '../../electron/services/sync/runner';
import { scoreAllRaw, scoringDay, sealSignatures, signInAs, STAFF_PIN, type ScoringDay } from '../support/scoring-seed';
import { recordCount, testPlatform } from '../support/sync-platform';
import { testConsole, type TestConsole } from './helpers';

const HEAD_PIN = '246810';


type Issue = { reason: string; params?: Record<string, string | number> };
type Readiness = { ready: boolean; missing: Issue[]; candidates: number; signers: { role: string; staffNo: string | null }[] };

function signaturesFor(c: TestConsole, day: ScoringDay) {
  return sealSignatures(c, day.batchId, day.token);
}

/** A supervisor's warning on the first candidate, as the incidents desk would leave it (ruled). */
function ruledIncident(c: TestConsole, day: ScoringDay, decision: 'warning' | 'subject_void' = 'warning'): { incidentId: number; rulingId: number } {
  const sqlite = c.app.env.opened.sqlite;
  const p = day.panels[0]!;
  const sup = sqlite.prepare("SELECT staff_id AS id FROM staff_roles WHERE role = 'supervisor' LIMIT 1").get() as { id: number };
  const inc = sqlite
    .prepare(
      `INSERT INTO incidents (batch_id, session_id, room_id, subject_type, candidate_id, kind, occurred_at, description, recorded_at, recorded_by, device, source, status)
       VALUES (?, ?, ?, 'candidate', ?, 'talking', 'x', '考试中交谈', 'x', ?, 'vitest', 'manual', 'ruled')`,
    )
    .run(day.batchId, p.sessionId, p.roomId, p.candidateIds[0], sup.id);
  const ruling = sqlite
    .prepare("INSERT INTO incident_rulings (incident_id, candidate_id, subject_id, decision, reason, decided_at, decided_by, device, signature) VALUES (?, ?, ?, ?, ?, 'x', ?, 'vitest', 'x')")
    .run(inc.lastInsertRowid, p.candidateIds[0], decision === 'subject_void' ? p.subjectId : null, decision, decision === 'warning' ? '口头警告' : '夹带资料，该科目成绩无效', sup.id);
  return { incidentId: Number(inc.lastInsertRowid), rulingId: Number(ruling.lastInsertRowid) };
}

describe('seal ceremony', () => {
  test('S9/G5: sealing is refused while scoring is incomplete, theory unconfirmed or an incident unruled, naming what is missing', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    const r = await c.ok<Readiness>('seal.readiness', { batchId: day.batchId }, day.token);
    expect(r.ready).toBe(false);
    // codes with their figures, worded by the seal page (seal.issue.*)
    expect(r.missing).toEqual(
      expect.arrayContaining([
        { reason: 'subjectPending', params: expect.objectContaining({ n: expect.any(Number), kind: '@seal.subjectKind.skill', tickets: expect.stringMatching(/^\S+, \S+, \S+, …$/) }) },
        { reason: 'subjectPending', params: expect.objectContaining({ kind: '@seal.subjectKind.theory' }) },
      ]),
    );
    const sigs = await signaturesFor(c, day);
    const refused = await c.call('seal.seal', { batchId: day.batchId, signatures: sigs }, day.token);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatchObject({ code: 'SEAL_NOT_READY', reason: 'seal.notReady', params: { n: r.missing.length } });
      expect(refused.error.details).toEqual(r.missing);
    }
    // scores complete, but an incident not yet ruled still blocks
    scoreAllRaw(c.app.env.opened.sqlite, day);
    const incId = ruledIncident(c, day).incidentId;
    sqlite.exec('DROP TRIGGER IF EXISTS incidents_no_update');
    sqlite.prepare("UPDATE incidents SET status = 'open' WHERE id = ?").run(incId);
    const r2 = await c.ok<Readiness>('seal.readiness', { batchId: day.batchId }, day.token);
    expect(r2.missing).toEqual([{ reason: 'incidentsUnruled', params: { n: 1, ids: `#${incId}` } }]);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM sealed_packages').get()).toEqual({ n: 0 });
  });

  test('S9: three kinds of signature on one call; a wrong PIN is refused and audited; sealed → raw UPDATEs of sheets, theory scores and rulings are refused', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    scoreAllRaw(c.app.env.opened.sqlite, day);
    ruledIncident(c, day);
    const r = await c.ok<Readiness>('seal.readiness', { batchId: day.batchId }, day.token);
    expect(r).toMatchObject({ ready: true, missing: [], candidates: 120 });
    expect(r.signers.map((s) => s.role)).toEqual(expect.arrayContaining(['site_head', 'chief_examiner', 'supervisor']));
    const sigs = await signaturesFor(c, day);

    // one signer missing: refused, nothing sealed
    const few = await c.call('seal.seal', { batchId: day.batchId, signatures: sigs.filter((_, i) => i !== sigs.length - 1) }, day.token);
    expect(few.ok ? null : few.error).toMatchObject({ code: 'BAD_INPUT', reason: 'seal.signaturesMissing', params: { siteHead: 0, chiefs: 0, supervisor: 1 } });
    // a wrong PIN: refused, counted and audited
    const wrong = sigs.map((s, i) => (i === sigs.length - 1 ? { ...s, pin: '000000' } : s));
    const bad = await c.call('seal.seal', { batchId: day.batchId, signatures: wrong }, day.token);
    expect(bad.ok ? '' : bad.error.code).toBe('PIN_WRONG');
    expect(sqlite.prepare("SELECT outcome FROM audit_events WHERE command = 'seal.seal' ORDER BY seq DESC LIMIT 1").get()).toEqual({ outcome: expect.stringMatching(/refused|error/) });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM sealed_packages').get()).toEqual({ n: 0 });

    const sealed = await c.ok<{ version: number; kind: string; hash: string; candidates: number; outboxState: string; signedBy: { role: string }[] }>(
      'seal.seal',
      { batchId: day.batchId, signatures: sigs },
      day.token,
    );
    expect(sealed).toMatchObject({ version: 1, kind: 'seal', candidates: 120, outboxState: 'waiting' });
    expect(new Set(sealed.signedBy.map((s) => s.role))).toEqual(new Set(['site_head', 'chief_examiner', 'supervisor']));
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'sealed' });
    const body = JSON.parse((sqlite.prepare('SELECT body FROM sealed_packages WHERE hash = ?').get(sealed.hash) as { body: string }).body) as {
      content: Record<string, unknown> & { results: unknown[]; rulings: unknown[]; auditHead: { seq: number } };
    };
    expect(Object.keys(body.content)).toEqual(expect.arrayContaining(['plan', 'results', 'scoreSheets', 'theoryScores', 'theoryImports', 'incidents', 'rulings', 'checkins', 'draw', 'auditHead', 'signatures']));
    expect(body.content.results).toHaveLength(120);
    expect(body.content.rulings).toHaveLength(1);
    expect(body.content.auditHead.seq).toBeGreaterThan(0);
    // a second seal is refused: corrections are amendments
    expect((await c.call('seal.seal', { batchId: day.batchId, signatures: sigs }, day.token)).ok).toBe(false);

    // the database refuses changes to the sealed batch (even ones the earlier locks allowed)
    const sheet = sqlite.prepare("SELECT id FROM score_sheets WHERE status = 'submitted' LIMIT 1").get() as { id: number };
    sqlite.exec('DROP TRIGGER score_sheets_submitted_no_update'); // the sheet lock once submitted (S5): the seal's own trigger must refuse alone
    expect(() => sqlite.prepare('UPDATE score_sheets SET total = 99 WHERE id = ?').run(sheet.id)).toThrow(/sealed/);
    expect(() => sqlite.prepare('UPDATE theory_scores SET score = 99 WHERE rowid = (SELECT MIN(rowid) FROM theory_scores)').run()).toThrow(/sealed/);
    expect(() => sqlite.prepare('UPDATE incident_rulings SET superseded_by = id').run()).toThrow(/sealed/);
    expect(() => sqlite.prepare('DELETE FROM theory_scores').run()).toThrow(/sealed/);
    expect(() => sqlite.prepare("UPDATE batches SET status = 'scored' WHERE id = ?").run(day.batchId)).toThrow(/amendment/);
    // through the commands a change is refused in words, and nothing is written
    const clerkNo = (sqlite.prepare("SELECT s.staff_no AS n FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'score_clerk' LIMIT 1").get() as { n: string }).n;
    const clerk = await signInAs(c, clerkNo, 'score_clerk');
    const who = sqlite.prepare('SELECT c.ticket_no AS t, c.doc_number AS d, c.name AS n FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ? LIMIT 1').get(day.theorySubjects[0]) as { t: string; d: string; n: string };
    const csv = `准考证号,身份证号,姓名,成绩\r\n${who.t},${who.d},${who.n},99`;
    // a sealed batch takes no theory import at all (not even staged): refused in words by the trigger
    const staged = await c.call('theory.import', { subjectId: day.theorySubjects[0], file: { name: '补录.csv', data: Buffer.from(csv).toString('base64') } }, clerk);
    expect(staged.ok ? null : staged.error).toMatchObject({ code: 'CONFLICT', reason: 'seal.frozen' });
    expect(staged.ok ? '' : describeError('zh-CN', staged.error)).toMatch(/已封存.*开启修订/);
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM theory_imports WHERE file_name = '补录.csv'").get()).toEqual({ n: 0 });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM theory_scores WHERE score = 99').get()).toEqual({ n: 0 });
  });

  test('A1: with the trigger dropped and a score edited, npm run verify fails naming the difference, and sync refuses to send', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    scoreAllRaw(c.app.env.opened.sqlite, day);
    const sealed = await c.ok<{ hash: string }>('seal.seal', { batchId: day.batchId, signatures: await signaturesFor(c, day) }, day.token);
    expect((await c.ok<{ ok: boolean }>('seal.verify', {}, day.token)).ok).toBe(true);
    const run = promisify(execFile);
    const cli = async () =>
      run('npx', ['tsx', 'scripts/verify.ts', '--data', c.dataDir]).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    expect((await cli()).code).toBe(0);
    // G5: the package goes out only after its publication; published here, the period run out
    await c.ok('sync.configure', { platformUrl: p.url, expectedFingerprint: p.fingerprint }, day.token);
    await c.ok('sync.run', {}, day.token);
    await new Promise((r) => setImmediate(r));
    await runnerFor(c.app.env).idle();
    const held = await c.ok<{ packages: { hash: string; state: string; holds: Issue[] }[] }>('sync.status', {}, day.token);
    expect(held.packages.find((x) => x.hash === sealed.hash)).toMatchObject({ state: 'waiting', holds: [{ reason: 'notPublished', params: {} }] });
    expect(recordCount(p)).toBe(0);
    c.clock.set('2026-05-25T09:00:00+08:00');
    day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: HEAD_PIN })).token;
    await c.ok('results.publication.open', { batchId: day.batchId, startDate: '2026-05-25' }, day.token);
    c.clock.set('2026-06-01T09:00:00+08:00');
    day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: HEAD_PIN })).token;

    // someone with the database file drops the locks and raises one examiner's total
    sqlite.exec('DROP TRIGGER score_sheets_sealed_no_update; DROP TRIGGER score_sheets_submitted_no_update');
    const p0 = day.panels[0]!;
    sqlite.prepare('UPDATE score_sheets SET total = 100 WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ?').run(p0.candidateIds[0], p0.subjectId, p0.members[0]!.staffId);
    const ticket = (sqlite.prepare('SELECT ticket_no AS t FROM candidates WHERE id = ?').get(p0.candidateIds[0]) as { t: string }).t;

    const bad = await cli();
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(new RegExp(`sealed data changed: batch #${day.batchId} v1 .*数据库与封存包不符：results\\[\\d+\\]\\.(outcome|subjects\\[\\d+\\]\\.\\w+)（准考证号 ${ticket}）.* / The database differs from the sealed package: results\\[\\d+\\]`));
    const v = await c.ok<{ ok: boolean; drift: { drift: { path: string } }[] }>('seal.verify', {}, day.token);
    expect(v.ok).toBe(false);
    expect(v.drift[0]!.drift.path).toMatch(/^results\[/);

    // the package bytes are intact, yet the engine refuses to send them
    await c.ok('sync.run', {}, day.token);
    await new Promise((r) => setImmediate(r));
    await runnerFor(c.app.env).idle();
    const s = await c.ok<{ packages: { hash: string; state: string; refusals: Issue[] }[] }>('sync.status', {}, day.token);
    const row = s.packages.find((x) => x.hash === sealed.hash)!;
    expect(row.state).toBe('blocked');
    expect(row.refusals).toEqual([{ reason: 'contentDrift', params: expect.objectContaining({ path: expect.stringMatching(/^results\[\d+\]/), ticket }) }]);
    expect(recordCount(p)).toBe(0);
    expect(sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'sync.refused'").get()).toEqual({ n: 1 });
  }, 90_000);

  test('G7: an upheld objection opens an amendment; the correction is sealed as version 2 naming version 1, with the same signatures; nothing overwritten', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    const sqlite = c.app.env.opened.sqlite;
    scoreAllRaw(c.app.env.opened.sqlite, day);
    const { incidentId, rulingId } = ruledIncident(c, day, 'subject_void');
    const sigs = await signaturesFor(c, day);
    const v1 = await c.ok<{ hash: string; version: number }>('seal.seal', { batchId: day.batchId, signatures: sigs }, day.token);
    const v1Body = (sqlite.prepare('SELECT body FROM sealed_packages WHERE hash = ?').get(v1.hash) as { body: string }).body;
    const cand = day.panels[0]!.candidateIds[0]!;
    const before = await c.ok<{ candidateId: number; outcome: string }[]>('results.list', { batchId: day.batchId }, day.token);
    expect(before.find((r) => r.candidateId === cand)!.outcome).not.toBe('passed');

    // nothing to amend until a correction is opened; a rejected objection does not open one
    expect((await c.call('seal.amend', { batchId: day.batchId, reason: '更正成绩', signatures: sigs }, day.token)).ok).toBe(false);
    c.clock.set('2026-05-25T09:00:00+08:00');
    day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: HEAD_PIN })).token;
    const pub = await c.ok<{ id: number }>('results.publication.open', { batchId: day.batchId, startDate: '2026-05-25' }, day.token);
    const obj = await c.ok<{ id: number }>('results.objection.record', { publicationId: pub.id, candidateId: cand, raisedBy: '考生本人', content: '未夹带资料，对成绩无效有异议' }, day.token);
    await c.ok('results.objection.investigate', { objectionId: obj.id, investigation: '调阅监控录像：所谓资料为准考证背面的考场规则。' }, day.token);
    const early = await c.call('seal.amend.open', { batchId: day.batchId, reason: '异议成立', objectionId: obj.id }, day.token);
    expect(early.ok ? null : early.error).toMatchObject({ code: 'CONFLICT', reason: 'seal.objectionNotUpheld', params: { objectionId: obj.id } });
    await c.ok('results.objection.resolve', { objectionId: obj.id, decision: '异议成立：撤销成绩无效的处理，恢复该科目成绩。', outcome: 'upheld' }, day.token);
    await c.ok('seal.amend.open', { batchId: day.batchId, reason: `异议 #${obj.id} 成立，撤销成绩无效处理`, objectionId: obj.id }, day.token);
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'amending' });
    // the lifecycle step is in the command's audit event (batch.ts moveBatch)
    const opened = sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'seal.amend.open' AND outcome = 'ok'").get() as { detail: string };
    expect(JSON.parse(opened.detail)).toMatchObject({ batchStatus: { batchId: day.batchId, before: 'sealed', after: 'amending' } });

    // the correction through the supervisor's own command (allowed while amending)
    const supNo = (await c.ok<Readiness>('seal.readiness', { batchId: day.batchId }, day.token)).signers.find((s) => s.role === 'supervisor')!.staffNo!;
    const supToken = await signInAs(c, supNo, 'supervisor');
    await c.ok('incidents.supersede', { incidentId, rulingId, decision: 'warning', reason: '经复查不构成夹带，改为口头警告', pin: STAFF_PIN }, supToken);

    const v2 = await c.ok<{ hash: string; version: number; kind: string; previousHash: string }>(
      'seal.amend',
      { batchId: day.batchId, reason: `异议 #${obj.id} 成立，撤销成绩无效处理`, signatures: sigs },
      day.token,
    );
    expect(v2).toMatchObject({ version: 2, kind: 'amendment', previousHash: v1.hash });
    const body2 = JSON.parse((sqlite.prepare('SELECT body FROM sealed_packages WHERE hash = ?').get(v2.hash) as { body: string }).body) as {
      reason: string;
      content: { results: { candidateId: number; subjects: { status: string }[] }[]; signatures: { role: string }[] };
    };
    expect(body2.reason).toMatch(/异议 #\d+ 成立/);
    expect(body2.content.results.find((r) => r.candidateId === cand)!.subjects.every((s) => s.status !== 'void')).toBe(true);
    expect(new Set(body2.content.signatures.map((s) => s.role))).toEqual(new Set(['site_head', 'chief_examiner', 'supervisor']));
    // version 1 untouched, both queued, the chain verifies, the batch frozen again
    expect((sqlite.prepare('SELECT body FROM sealed_packages WHERE hash = ?').get(v1.hash) as { body: string }).body).toBe(v1Body);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 2 });
    const v = await c.ok<{ ok: boolean; count: number }>('seal.verify', {}, day.token);
    expect(v).toMatchObject({ ok: true, count: 2 });
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'sealed' });
    expect(() => sqlite.prepare('DELETE FROM theory_scores').run()).toThrow(/sealed/);
    const amendEvents = sqlite.prepare("SELECT command FROM audit_events WHERE command LIKE 'seal.%' AND outcome = 'ok' ORDER BY seq").all() as { command: string }[];
    expect(amendEvents.map((e) => e.command)).toEqual(['seal.seal', 'seal.amend.open', 'seal.amend']);

    // G5: version 2 changes a published line (no re-examination involved): it waits for a supplementary
    // publication of that candidate, taken from version 2, before anything goes to the platform
    c.clock.set('2026-06-01T09:00:00+08:00');
    day.token = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: HEAD_PIN })).token;
    expect(uploadGate({ sqlite, clock: c.clock }, day.batchId).holds).toEqual([{ code: 'changedUnpublished', params: { version: 2, n: 1 } }]);
    const sup = await c.ok<{ candidateIds: number[]; version: number; endDate: string }>('results.publication.supplement', { batchId: day.batchId, startDate: '2026-06-01' }, day.token);
    expect(sup).toMatchObject({ candidateIds: [cand], version: 2, endDate: '2026-06-05' });
    expect(uploadGate({ sqlite, clock: { now: () => new Date('2026-06-08T12:00:00+08:00') } }, day.batchId)).toMatchObject({ clear: true, holds: [] });
  }, 60_000);
});
