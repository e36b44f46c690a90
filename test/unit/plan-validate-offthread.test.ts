// The plan's validation runs on the import worker (ARCHITECTURE: long work off the event loop; E3:
// the door keeps answering while a large plan is imported): the worker validates all but the photos
// (P7, which depend on what the site holds) for the site's day, and the command's check adds the
// photo check. The problems read exactly as the main-thread validation's, in the same order.
import { describe, expect, it } from 'vitest';
import { serviceContext } from '../../electron/services/context';
import { checkPlan } from '../../electron/services/plan/check';
import { preparePlan, type PlanInput } from '../../electron/services/plan/digest';
import { importPlan } from '../../electron/services/plan/import';
import { siteToday } from '../../electron/services/runtime';
import { preparePlanOffThread } from '../../electron/workers/pool';
import { demoPackage, editWorkbook, photosZip, workbookFile } from '../support/plan-fixtures';
import { testConsole } from './helpers';

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
