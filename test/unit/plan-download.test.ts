// Plan download from the provincial platform (P5) against the reference platform on
// 127.0.0.1: the same validation and re-import confirmation as a file import.
import { describe, expect, test } from 'vitest';
import { admin, testPlatform } from '../support/sync-platform';
import { demoPackage } from '../support/plan-fixtures';
import { describeError } from '../../renderer/src/i18n';
import { siteHead, testConsole } from './helpers';

describe('plan download', () => {
  test('P5: a plan put on the platform is downloaded, checked and imported; a changed re-download needs confirmation; unknown codes and a platform that is off get coded errors, worded in Chinese and English', async () => {
    const p = await testPlatform();
    const c = testConsole();
    const token = await siteHead(c);
    const sqlite = c.app.env.opened.sqlite;
    const pkg = demoPackage();
    const code = pkg.batch.planCode;
    pkg.candidates[0]!.name = '王𪚥明'; // P11: a rare character survives the trip
    // not configured yet
    const none = await c.call('plan.download.check', { planCode: code }, token);
    expect(none.ok ? '' : none.error.code).toBe('SYNC_NOT_CONFIGURED');
    await c.ok('sync.configure', { platformUrl: p.url, expectedFingerprint: p.fingerprint }, token);
    expect((await admin(p, 'PUT', `/admin/plans/${code}`, pkg)).status).toBe(200);

    const missing = await c.call('plan.download.check', { planCode: 'PLAN-NOPE' }, token);
    if (missing.ok) throw new Error('an unknown plan code was downloaded');
    expect(missing.error).toMatchObject({ code: 'NOT_FOUND', reason: 'plan.downloadNotFound', params: { planCode: 'PLAN-NOPE' } });
    expect(describeError('zh-CN', missing.error)).toMatch(/省平台上没有认定计划 PLAN-NOPE/);
    expect(describeError('en', missing.error)).toBe('The platform has no plan PLAN-NOPE; check the plan code.');
    const bad = await c.call('plan.download.check', { planCode: '../admin' }, token);
    expect(bad.ok ? '' : bad.error.code).toBe('BAD_INPUT');

    const check = await c.ok<{ ok: boolean; reimport: unknown; planCode: string }>('plan.download.check', { planCode: code }, token);
    expect(check).toMatchObject({ ok: true, reimport: null, planCode: code });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get()).toEqual({ n: 0 }); // a check writes nothing
    const r = await c.ok<{ version: number }>('plan.download', { planCode: code }, token);
    expect(r.version).toBe(1);
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get()).toEqual({ n: 120 });
    expect(sqlite.prepare('SELECT name FROM candidates WHERE doc_number = ?').get(pkg.candidates[0]!.docNumber)).toEqual({ name: '王𪚥明' });
    const ev = sqlite.prepare("SELECT detail FROM audit_events WHERE command = 'plan.download' AND outcome = 'ok'").get() as { detail: string };
    expect(JSON.parse(ev.detail)).toMatchObject({ source: 'platform', planCode: code });

    // the platform's plan changes: a re-download shows the diff and needs confirmation
    pkg.candidates[1]!.phone = '13900000000';
    await admin(p, 'PUT', `/admin/plans/${code}`, pkg);
    const re = await c.ok<{ reimport: { diff: { candidates: { changed: unknown[] } } } }>('plan.download.check', { planCode: code }, token);
    expect(re.reimport.diff.candidates.changed).toHaveLength(1);
    const unconfirmed = await c.call('plan.download', { planCode: code }, token);
    expect(unconfirmed.ok ? '' : unconfirmed.error.code).toBe('PLAN_CONFIRM_REQUIRED');
    expect((await c.ok<{ version: number }>('plan.download', { planCode: code, confirm: true }, token)).version).toBe(2);

    // an invalid plan on the platform is refused whole, like a bad file
    const broken = demoPackage();
    broken.candidates[2]!.docNumber = '370402199001011235';
    await admin(p, 'PUT', `/admin/plans/${broken.batch.planCode}-X`, { ...broken, batch: { ...broken.batch, planCode: `${broken.batch.planCode}-X` } });
    const before = sqlite.prepare('SELECT COUNT(*) AS n FROM batches').get();
    const invalid = await c.call('plan.download', { planCode: `${broken.batch.planCode}-X` }, token);
    if (invalid.ok) throw new Error('an invalid plan was imported');
    expect(invalid.error).toMatchObject({ code: 'PLAN_INVALID', reason: 'plan.invalid', params: { errors: 1 } });
    const problems = (invalid.error.details as { problems: { rule: string; at: { sheet: string; row: number; column: string }; reason: string; params: Record<string, string> }[] }).problems;
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'P8', at: { sheet: 'candidates', row: 3, column: 'docNumber' }, reason: 'plan.idNumber', params: expect.objectContaining({ docNumber: '370402199001011235' }) }));
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM batches').get()).toEqual(before);

    // the platform switched off: a clear Chinese error, nothing written
    await p.close();
    const off = await c.call('plan.download.check', { planCode: code }, token);
    if (off.ok) throw new Error('a platform that is off answered');
    expect(off.error).toMatchObject({ code: 'PLATFORM_ERROR', reason: 'plan.downloadFailed', params: { planCode: code } });
    expect(describeError('zh-CN', off.error)).toMatch(/无法从省平台下载认定计划/);
  }, 60_000);
});
