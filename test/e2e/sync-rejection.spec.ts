// A platform rejection corrected (G7, S9), from the demo day's package acknowledged by the platform:
// the platform sends it back with a reason, the sync page shows it, the site head opens an amendment
// with its reason, seals it with the same signatures as version 2 naming version 1, and resends it;
// version 1 stays as the platform rejected it.
import { platformSwitch, sealSignatures, type PlatformSwitch } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'ended' });

let platform: PlatformSwitch;
test.beforeEach(async () => {
  platform = await platformSwitch();
});
test.afterEach(async () => {
  await platform.dispose();
});

test('a rejection shows its reason; the amendment is sealed with the same signatures, resent and acknowledged; version 1 stays rejected', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  const v1 = day.seal!.hash;
  const head = await consoleApp.setupSite();
  // the package sent and acknowledged, then sent back by the platform with a reason
  const on = await platform.start();
  await consoleApp.call('sync.configure', { platformUrl: platform.url, expectedFingerprint: platform.fingerprint }, head);
  await consoleApp.call('sync.run', {}, head);
  await expect.poll(async () => (await consoleApp.call<{ packages: { hash: string; state: string }[] }>('sync.status', {}, head)).packages.find((p) => p.hash === v1)?.state).toBe('acknowledged');
  const ticket = day.sessions.find((s) => s.kind !== 'theory')!.rooms[0]!.candidates[0]!.ticketNo;
  const res = await fetch(`${on.url}/admin/reject`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hash: v1, reasons: [{ ref: ticket, message: '考评员签名页缺失，请补正后重报' }] }),
  });
  expect(res.status).toBe(200);

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.getByRole('menuitem', { name: '上报省平台' }).click();
  const row = page.locator(`[data-hash="${v1}"]`);
  await page.getByTestId('sync-all').click();
  await expect(row).toHaveAttribute('data-state', 'rejected');
  await expect(row.getByTestId('sync-state')).toHaveText('平台退回');
  await expect(row.getByTestId('sync-detail')).toContainText(`${ticket}：考评员签名页缺失，请补正后重报`);
  await expect(page.getByTestId('sync-receipts')).toContainText('退回通知');
  await page.screenshot({ path: 'test-results/screens/sync-rejected.png', fullPage: true });

  // the correction: an amendment opened with its reason, sealed with the same signatures
  const reason = '省平台退回：考评员签名页缺失，已补正';
  const signers = await sealSignatures(consoleApp, day, head);
  await page.getByRole('menuitem', { name: '成绩封存' }).click();
  await page.getByTestId('seal-amend-open').click();
  await page.getByTestId('seal-amend-open-reason').fill(reason);
  await page.getByRole('button', { name: '开启修订' }).last().click();
  await expect(page.getByTestId('seal-status')).toContainText('修订中');
  await page.getByTestId('seal-amend-reason').fill(reason);
  for (const [i, s] of signers.entries()) {
    await page.getByTestId(`signer-${i}-staffNo`).fill(s.staffNo);
    await page.getByTestId(`signer-${i}-pin`).fill(s.pin);
  }
  await page.getByTestId('seal-submit').click();
  await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 2 版）');
  await expect(page.getByTestId('seal-versions')).toContainText('修订');
  await expect(page.getByTestId('seal-versions')).toContainText(reason);
  const v2 = sqlite.prepare('SELECT hash, previous_hash AS prev FROM sealed_packages WHERE version = 2').get() as { hash: string; prev: string };
  expect(v2.prev).toBe(v1);

  // resent with one click: green again; version 1 stays as the platform rejected it
  await page.getByTestId('seal-to-sync').click();
  const row2 = page.locator(`[data-hash="${v2.hash}"]`);
  await expect(row2.getByTestId('sync-state')).toHaveText('等待发送');
  await expect(row2).toContainText('第 2 版（修订）');
  await expect(row2.getByTestId('sync-detail')).toContainText(`修订原因：${reason}`);
  await page.getByTestId('sync-all').click();
  await expect(row2).toHaveAttribute('data-state', 'acknowledged');
  await expect(row2.locator('.ant-tag-success')).toBeVisible();
  await expect(row).toHaveAttribute('data-state', 'rejected');
  expect(on.store.prepare('SELECT version, kind FROM records ORDER BY id').all()).toEqual([
    { version: 1, kind: 'seal' },
    { version: 2, kind: 'amendment' },
  ]);
  await page.screenshot({ path: 'test-results/screens/seal-amended-synced.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
