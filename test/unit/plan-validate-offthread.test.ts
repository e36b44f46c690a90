// The plan's validation runs on the import worker (ARCHITECTURE: long work off the event loop; E3:
// the door keeps answering while a large plan is imported): the worker validates all but the photos
// (P7, which depend on what the site holds) for the site's day, and the command's check adds the
// photo check. The problems read exactly as the main-thread validation's, in the same order.
// Given the database, the worker makes the whole check against the plan held (the re-import's
// diff, P9's sessions with sign-in started) on a read-only connection of its own; the import's
// transaction takes it only while nothing has been recorded since, else checks again.
import { describe, expect, it } from 'vitest';
import { serviceContext } from '../../electron/services/context';
import { appendAudit } from '../../electron/services/audit';
import { AppError } from '../../electron/services/errors';
import { applyPlan } from '../../electron/services/plan/apply';
import { checkPlan, checkStamp } from '../../electron/services/plan/check';
import { preparePlan, type PlanInput } from '../../electron/services/plan/digest';
import { importPlan } from '../../electron/services/plan/import';
import { siteToday } from '../../electron/services/runtime';
import { preparePlanOffThread } from '../../electron/workers/pool';
import { workerDatabase } from '../../electron/workers/protocol';
import { demoPackage, editWorkbook, photosZip, workbookFile } from '../support/plan-fixtures';
import { siteHead, testConsole, type TestConsole } from './helpers';

/** A plan with errors (P8 duplicate document, P7 duplicate ticket) and warnings, photos for some candidates only. */
async function brokenPlan(): Promise<PlanInput> {
  const pkg = demoPackage();
  const book = await editWorkbook(await workbookFile(pkg), [
    { sheet: '考生', row: 4, column: '证件号码', value: pkg.candidates[0]!.docNumber },
    { sheet: '考生', row: 7, column: '准考证号', value: pkg.candidates[1]!.ticketNo },
    { sheet: '考生', row: 9, column: '出生日期', value: '2031-01-01' },
  ]);
  const fewer = { ...pkg, candidates: pkg.candidates.slice(0, 100) };
  return { files: [book, await photosZip(fewer)] };
}

const keyOf = (p: { severity: string; rule: string; reason: string; at: unknown }) => `${p.severity}|${p.rule}|${p.reason}|${JSON.stringify(p.at)}`;

describe('plan validation on the import worker', () => {
  it('finds the same problems in the same order as the main thread, photos included (P7, P8)', async () => {
    const c = testConsole();
    const ctx = serviceContext(c.app.env.opened, { clock: c.clock });
    const input = await brokenPlan();
    const off = await preparePlanOffThread(input, siteToday(c.clock));
    expect(off.validated?.today).toBe(siteToday(c.clock));
    const here = checkPlan(ctx, await preparePlan(input));
    const there = checkPlan(ctx, off);
    expect(here.errors).toBeGreaterThanOrEqual(2);
    expect(here.problems.some((p) => p.reason === 'plan.photoMissing')).toBe(true);
    expect(there.problems.map(keyOf)).toEqual(here.problems.map(keyOf));
    expect(there.problems).toEqual(here.problems);
    expect({ ...there, problems: [] }).toEqual({ ...here, problems: [] });
  });

  it('a re-import without photos keeps the held ones: the photo warning follows what the site holds (P7)', async () => {
    const c = testConsole();
    const ctx = serviceContext(c.app.env.opened, { clock: c.clock });
    const pkg = demoPackage();
    await importPlan(ctx, { files: [await workbookFile(pkg), await photosZip(pkg)] });
    // validated before the worker could know a batch is held: the photo check is the command's
    const input = { files: [await workbookFile(pkg)] };
    const there = checkPlan(ctx, await preparePlanOffThread(input, siteToday(c.clock)));
    const here = checkPlan(ctx, await preparePlan(input));
    expect(there.problems.map((p) => p.reason)).toContain('plan.photosNoneKept');
    expect(there.problems).toEqual(here.problems);
  });

  it('the check uses the worker’s validation for that day only; past midnight it validates again', async () => {
    const c = testConsole();
    const ctx = serviceContext(c.app.env.opened, { clock: c.clock });
    const input = await brokenPlan();
    const off = await preparePlanOffThread(input, siteToday(c.clock));
    // a marker only the worker's result holds: seen while the day matches, gone once it moved on
    const marker = { ...off.validated!.parts.before[0]!, params: { marker: 'worker' } };
    const marked = { ...off, validated: { ...off.validated!, parts: { ...off.validated!.parts, before: [...off.validated!.parts.before, marker] } } };
    const isMarker = (p: { params?: unknown }) => (p.params as { marker?: string } | undefined)?.marker === 'worker';
    expect(checkPlan(ctx, marked).problems.filter(isMarker)).toHaveLength(1);
    c.clock.advance(24 * 3600_000);
    const next = checkPlan(ctx, marked);
    expect(next.problems.filter(isMarker)).toHaveLength(0);
    expect(next.problems).toEqual(checkPlan(ctx, await preparePlan(input)).problems);
  });
});

/** The demo plan imported through the command, and a copy with a phone changed for a 车工 candidate (who sits CG4-LL) and a photo changed. */
async function heldAndTouching(c: TestConsole) {
  const token = await siteHead(c);
  const pkg = demoPackage();
  const b64 = (f: { name: string; data: Buffer }) => ({ name: f.name, data: f.data.toString('base64') });
  await c.ok('plan.import', { files: [b64(await workbookFile(pkg)), b64(await photosZip(pkg))] }, token);
  const touching = structuredClone(pkg);
  touching.candidates[2]!.phone = '13911112222';
  const photos = await photosZip({ ...touching, candidates: [touching.candidates[3]!, ...touching.candidates.slice(0, 3), ...touching.candidates.slice(4)] });
  return { pkg, touching, input: { files: [await workbookFile(touching), photos] } };
}

const planVersion = (c: TestConsole) => (c.app.env.opened.sqlite.prepare('SELECT plan_version AS v FROM batches').get() as { v: number }).v;

describe('the plan check on the import worker', () => {
  it('checks against the plan held there: the same diff, problems and P9 sessions as the main thread, under the stamp of what it read', async () => {
    const c = testConsole();
    const ctx = serviceContext(c.app.env.opened, { clock: c.clock });
    const { touching, input } = await heldAndTouching(c);
    const prepared = await preparePlanOffThread(input, siteToday(c.clock), workerDatabase(c.app.env, c.clock));
    const early = prepared.early!;
    expect(early.stamp).toBe(checkStamp(ctx));
    const here = checkPlan(ctx, { ...prepared, early: undefined });
    expect(here.reimport!.diff.candidates.changed.map((x) => x.key)).toContain(touching.candidates[2]!.docNumber);
    expect(here.reimport!.diff.photos.changed.length).toBeGreaterThan(0);
    expect(early.check).toEqual(here);
    // the check is of a day too (the validation's dates): past midnight it stands for nothing
    c.clock.advance(24 * 3600_000);
    expect(checkStamp(ctx)).not.toBe(early.stamp);
  });

  it('a sign-in recorded after the worker checked: the import checks again and refuses to replace that session’s candidates, nothing written (P9)', async () => {
    const c = testConsole();
    const ctx = serviceContext(c.app.env.opened, { clock: c.clock });
    const { pkg, input } = await heldAndTouching(c);
    const prepared = await preparePlanOffThread(input, siteToday(c.clock), workerDatabase(c.app.env, c.clock));
    expect(prepared.early!.check.reimport!.blocked).toEqual([]); // nobody had signed in when it checked
    // then a candidate signs in for the 车工 theory session, recorded as every command records (its audit event)
    const sqlite = c.app.env.opened.sqlite;
    const session = sqlite.prepare("SELECT id FROM exam_sessions WHERE code = 'CG4-LL'").get() as { id: number };
    const cand = sqlite.prepare('SELECT id FROM candidates WHERE ticket_no = ?').get(pkg.candidates[0]!.ticketNo) as { id: number };
    const seat = sqlite.prepare('SELECT room_id AS roomId FROM candidate_subjects WHERE candidate_id = ? AND session_id = ?').get(cand.id, session.id) as { roomId: number };
    const head = sqlite.prepare("SELECT id FROM staff WHERE staff_no = 'H001'").get() as { id: number };
    sqlite.transaction(() => {
      sqlite
        .prepare("INSERT INTO checkins (session_id, room_id, candidate_id, status, at, proctor_id, device, method, no_photo_reason) VALUES (?, ?, ?, 'ok', ?, ?, 'vitest', 'ticket', 'test')")
        .run(session.id, seat.roomId, cand.id, '2026-05-21T08:40:00+08:00', head.id);
      appendAudit(sqlite, { at: c.clock.now().toISOString(), actorId: head.id, actorName: null, role: 'proctor', device: 'vitest', command: 'checkin.confirm', outcome: 'ok', payloadDigest: '', detail: {} });
    })();
    expect(checkStamp(ctx)).not.toBe(prepared.early!.stamp);
    let refused: unknown = null;
    try {
      sqlite.transaction(() => applyPlan(ctx, prepared, { confirm: true }))();
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'PLAN_LOCKED', params: { sessions: 'CG4-LL' } });
    expect(planVersion(c)).toBe(1);
    // the same files checked now (the stamp current): the worker sees the sign-in too, and the import is refused the same way
    const again = await preparePlanOffThread(input, siteToday(c.clock), workerDatabase(c.app.env, c.clock));
    expect(again.early!.check.reimport!.blocked).toEqual(['CG4-LL']);
  });
});
