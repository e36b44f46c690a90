// The sync page in English (G7), from the demo day's package acknowledged, sent back by the platform
// and corrected by an amendment that was acknowledged: what the console says about each package
// (states, holds, refusals, failures) is worded from codes; the only Chinese left is the data (the
// batch name, the platform's own reasons, the amendment's reason as typed).
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

test('English UI: the packages\' states and details are worded from codes, only the data stays Chinese', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const v1 = day.seal!.hash;
  const head = await consoleApp.setupSite();
  const on = await platform.start();
  const stateOf = async (hash: string) => (await consoleApp.call<{ packages: { hash: string; state: string }[] }>('sync.status', {}, head)).packages.find((p) => p.hash === hash)?.state;
  await consoleApp.call('sync.configure', { platformUrl: platform.url, expectedFingerprint: platform.fingerprint }, head);
  await consoleApp.call('sync.run', {}, head);
  await expect.poll(() => stateOf(v1)).toBe('acknowledged');
  const ticket = day.sessions.find((s) => s.kind !== 'theory')!.rooms[0]!.candidates[0]!.ticketNo;
  const rejected = '证件号码与姓名不符，请核对后重报';
  expect((await fetch(`${on.url}/admin/reject`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hash: v1, reasons: [{ ref: ticket, message: rejected }] }) })).status).toBe(200);
  await consoleApp.call('sync.run', {}, head);
  await expect.poll(() => stateOf(v1)).toBe('rejected');
  const reason = `平台退回：更正 ${ticket} 证件号码`;
  await consoleApp.call('seal.amend.open', { batchId: day.batchId, reason }, head);
  const v2 = await consoleApp.call<{ hash: string }>('seal.amend', { batchId: day.batchId, reason, signatures: await sealSignatures(consoleApp, day, head) }, head);
  await consoleApp.call('sync.run', {}, head);
  await expect.poll(() => stateOf(v2.hash)).toBe('acknowledged');

  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  await page.evaluate(() => localStorage.setItem('esc.lang', 'en'));
  await page.goto(`${consoleApp.url}/#/sync`);
  await page.reload();
  const row = page.locator(`[data-hash="${v1}"]`);
  const row2 = page.locator(`[data-hash="${v2.hash}"]`);
  await expect(row.getByTestId('sync-state')).toHaveText('Rejected');
  await expect(row2.getByTestId('sync-state')).toHaveText('Acknowledged');
  await expect(row.getByTestId('sync-detail')).toContainText(`${ticket}: ${rejected}`);
  const batchName = (consoleApp.app.env.opened.sqlite.prepare('SELECT name FROM batches WHERE id = ?').get(day.batchId) as { name: string }).name;
  let shown = [await page.getByTestId('sync-network').innerText(), await page.getByTestId('sync-summary').innerText(), await page.getByTestId('sync-packages').innerText()].join('\n');
  for (const d of [batchName, rejected, reason]) shown = shown.replaceAll(d, '');
  expect(shown).not.toMatch(/[\u3400-\u9fff]/u);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/screens/sync-en-1280.png', fullPage: true });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/sync-en-800.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
