// S9 in Chromium: the seal ceremony with the site head's, chief examiners' and supervisor's
// PINs on one screen (a wrong PIN refused), the publication of the sealed version (the upload held
// until it ends, G5), then the sync: platform off (waiting), on (acknowledged, green), a rejection corrected by an amendment sealed with the same signatures and resent (green again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlan } from '../../scripts/plan/generate';
import { startPlatform, type RunningPlatform } from '../../scripts/platform/server';
import { scoreAllRaw, scoringDayWith, STAFF_PIN } from '../support/scoring-seed';
import { SITE_HEAD, expect, signIn, test } from './fixtures';


test('seal: three kinds of signature; publication of the sealed version holds the upload (G5); sync off → waiting, on → green; a rejection corrected by an amendment and resent', async ({ page, consoleApp, pageErrors }) => {
  test.slow(); // the whole day's ceremony, publication and sync, plus the English pass: more than the default minute on a shared machine
  const platformDir = mkdtempSync(join(tmpdir(), 'esc-e2e-platform-'));
  const probe = await startPlatform({ dataDir: platformDir });
  const { port, url: platformUrl } = probe;
  await probe.close();
  let platform: RunningPlatform | null = null;
  try {
    const token = await consoleApp.setupSite();
    const sqlite = consoleApp.app.env.opened.sqlite;
    const day = await scoringDayWith({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined), sqlite }, token);

    // English UI, before scoring: what stops the seal is worded from the readiness codes; the only
    // Chinese left is the data (occupation names)
    await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await expect(page.getByTestId('day-tasks')).toBeVisible();
    await page.evaluate(() => localStorage.setItem('esc.lang', 'en'));
    await page.goto(`${consoleApp.url}/#/seal`);
    await page.reload();
    await expect(page.getByTestId('seal-missing')).toContainText('Not ready to seal');
    await expect(page.getByTestId('seal-status')).toHaveText('Not sealed');
    let shown = `${await page.getByTestId('seal-missing').innerText()}\n${await page.getByTestId('seal-status').innerText()}`;
    for (const o of sqlite.prepare('SELECT DISTINCT name FROM occupations').all() as { name: string }[]) shown = shown.replaceAll(o.name, '');
    expect(shown).toMatch(/candidate\(s\) without a final (theory|skill) result/);
    expect(shown).not.toMatch(/[\u3400-\u9fff]/u);
    await page.screenshot({ path: 'test-results/screens/seal-missing-en.png', fullPage: true });
    await page.evaluate(() => {
      localStorage.removeItem('esc.lang');
      sessionStorage.clear();
    });
    await page.reload();

    scoreAllRaw(sqlite, day);
    const signers = (await consoleApp.call<{ signers: { role: string; staffNo: string }[] }>('seal.readiness', { batchId: day.batchId }, token)).signers;
    expect(new Set(signers.map((s) => s.role))).toEqual(new Set(['site_head', 'chief_examiner', 'supervisor']));
    const pinOf = (role: string) => (role === 'site_head' ? SITE_HEAD.pin : STAFF_PIN);
    const fill = async (wrongAt = -1) => {
      for (const [i, s] of signers.entries()) {
        await page.getByTestId(`signer-${i}-staffNo`).fill(s.staffNo);
        await page.getByTestId(`signer-${i}-pin`).fill(i === wrongAt ? '000000' : pinOf(s.role));
      }
    };

    await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    // the site head's home task leads to the seal page
    await page.getByTestId('day-tasks').getByText('成绩封存', { exact: true }).locator('xpath=ancestor::li[1]').getByRole('button').click();
    await expect(page.getByTestId('seal-ready')).toContainText('可以签名封存');
    await expect(page.getByTestId('seal-status')).toHaveText('未封存');
    await expect(page.getByTestId('seal-signatures')).toContainText('督导员');
    await expect(page.getByTestId('seal-signatures')).toContainText('考评组长');
    // a wrong PIN (the supervisor's): refused, nothing sealed
    await fill(signers.length - 1);
    await page.getByTestId('seal-submit').click();
    await expect(page.getByTestId('seal-error')).toContainText('PIN');
    expect((sqlite.prepare('SELECT COUNT(*) AS n FROM sealed_packages').get() as { n: number }).n).toBe(0);
    await page.screenshot({ path: 'test-results/screens/seal-signatures.png', fullPage: true });
    await fill();
    await page.getByTestId('seal-submit').click();
    await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 1 版）');
    await expect(page.getByTestId('seal-versions')).toContainText('封存');
    await expect(page.getByTestId('seal-versions')).toContainText('待公示期满（G5）'); // queued, held until its publication ends
    const v1 = (sqlite.prepare('SELECT hash FROM sealed_packages WHERE version = 1').get() as { hash: string }).hash;
    await page.screenshot({ path: 'test-results/screens/seal-sealed.png', fullPage: true });

    // G5: the sealed version is what goes on the publication; the upload waits for its end
    await page.getByTestId('seal-to-publication').click();
    await expect(page.getByTestId('pub-basis')).toContainText('封存第 1 版');
    const startInput = page.locator('input[data-testid=pub-start], [data-testid=pub-start] input').first();
    await startInput.click();
    await startInput.fill('2026-05-22');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pub-end')).toHaveText('公示截止：2026-05-28');
    await page.getByTestId('pub-open').click();
    await expect(page.getByText('公示期：2026-05-22 至 2026-05-28 · 封存第 1 版')).toBeVisible();
    await page.getByRole('menuitem', { name: '上报省平台' }).click();
    const row = page.locator(`[data-hash="${v1}"]`);
    await page.getByTestId('sync-url').fill(platformUrl);
    await page.getByTestId('sync-save').click();
    await expect(page.getByTestId('sync-message')).toContainText('平台设置已保存');
    await page.getByTestId('sync-all').click();
    await expect(row.getByTestId('sync-state')).toHaveText('待公示期满（G5）');
    await expect(row.getByTestId('sync-held')).toContainText('公示期至 2026-05-28 结束');
    await page.screenshot({ path: 'test-results/screens/sync-held.png', fullPage: true });

    // the period has run out with no objection; the platform is off: the package waits
    consoleApp.clock.set('2026-05-29T09:00:00+08:00');
    await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await page.getByRole('menuitem', { name: '上报省平台' }).click();
    await expect(row.getByTestId('sync-state')).toHaveText('等待发送');
    await expect(row).toHaveAttribute('data-held', '0');
    await page.getByTestId('sync-all').click();
    await expect(page.getByTestId('sync-network')).toHaveAttribute('data-state', 'offline');
    await expect(row).toHaveAttribute('data-state', 'waiting');

    // platform on: green on the verified receipt
    platform = await startPlatform({ dataDir: platformDir, port });
    await page.getByTestId('sync-all').click();
    await expect(row).toHaveAttribute('data-state', 'acknowledged');
    await expect(row.locator('.ant-tag-success')).toBeVisible();

    // the platform rejects a record; the console shows the reason
    const res = await fetch(`${platform.url}/admin/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hash: v1, reasons: [{ ref: (sqlite.prepare('SELECT ticket_no AS t FROM candidates WHERE id = ?').get(day.panels[0]!.candidateIds[0]) as { t: string }).t, message: '考评员签名页缺失，请补正后重报' }] }),
    });
    expect(res.status).toBe(200);
    await page.getByTestId('sync-all').click();
    await expect(row).toHaveAttribute('data-state', 'rejected');
    await expect(row.getByTestId('sync-detail')).toContainText('考评员签名页缺失');

    // the correction: an amendment opened with its reason, sealed with the same signatures
    await page.getByRole('menuitem', { name: '成绩封存' }).click();
    await page.getByTestId('seal-amend-open').click();
    await page.getByTestId('seal-amend-open-reason').fill('省平台退回：考评员签名页缺失，已补正');
    await page.getByRole('button', { name: '开启修订' }).last().click();
    await expect(page.getByTestId('seal-status')).toContainText('修订中');
    await page.getByTestId('seal-amend-reason').fill('省平台退回：考评员签名页缺失，已补正');
    await fill();
    await page.getByTestId('seal-submit').click();
    await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 2 版）');
    await expect(page.getByTestId('seal-versions')).toContainText('修订');
    await expect(page.getByTestId('seal-versions')).toContainText('省平台退回：考评员签名页缺失，已补正');
    const v2 = sqlite.prepare('SELECT hash, previous_hash AS prev FROM sealed_packages WHERE version = 2').get() as { hash: string; prev: string };
    expect(v2.prev).toBe(v1);

    // resent: green again; version 1 stays as the platform rejected it
    await page.getByTestId('seal-to-sync').click();
    const row2 = page.locator(`[data-hash="${v2.hash}"]`);
    await page.getByTestId('sync-all').click();
    await expect(row2).toHaveAttribute('data-state', 'acknowledged');
    await expect(row2.locator('.ant-tag-success')).toBeVisible();
    await expect(row).toHaveAttribute('data-state', 'rejected');
    expect(platform.store.prepare('SELECT version, kind FROM records ORDER BY id').all()).toEqual([
      { version: 1, kind: 'seal' },
      { version: 2, kind: 'amendment' },
    ]);
    await page.screenshot({ path: 'test-results/screens/seal-amended-synced.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  } finally {
    await platform?.close();
    rmSync(platformDir, { recursive: true, force: true });
  }
});

test('plan download: a plan code typed on the import page is fetched from the platform, checked and imported', async ({ page, consoleApp, pageErrors }) => {
  const platformDir = mkdtempSync(join(tmpdir(), 'esc-e2e-platform-'));
  const platform = await startPlatform({ dataDir: platformDir });
  try {
    const token = await consoleApp.setupSite();
    await consoleApp.call('sync.configure', { platformUrl: platform.url, expectedFingerprint: platform.fingerprint }, token);
    const pkg = structuredClone(generatePlan({ candidates: 40 }).pkg);
    const res = await fetch(`${platform.url}/admin/plans/${pkg.batch.planCode}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pkg) });
    expect(res.status).toBe(200);

    await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await expect(page.getByTestId('day-tasks')).toBeVisible();
    await page.goto(`${consoleApp.url}/#/plan/import`);
    await page.getByTestId('plan-download-code').fill('NO-SUCH-PLAN');
    await page.getByTestId('plan-download').click();
    await expect(page.getByTestId('plan-error')).toContainText('省平台上没有认定计划 NO-SUCH-PLAN');
    await page.getByTestId('plan-download-code').fill(pkg.batch.planCode);
    await page.getByTestId('plan-download').click();
    await expect(page.getByTestId('plan-report')).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/plan-download.png', fullPage: true });
    await page.getByTestId('plan-import').click();
    await expect(page.getByText('认定计划已导入（第 1 版）')).toBeVisible();
    expect((consoleApp.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(40);
    expect(pageErrors).toEqual([]);
  } finally {
    await platform.close();
    rmSync(platformDir, { recursive: true, force: true });
  }
});
