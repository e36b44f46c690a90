// The plan import page downloads a plan from the provincial platform (P10): a code the platform
// does not know is refused in words; the right one is fetched, checked and imported.
import { generatePlan } from '../../scripts/plan/generate';
import { expectFieldError, expectNoFieldErrors } from '../support/forms-e2e';
import { platformSwitch, type PlatformSwitch } from '../support/stories';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

let platform: PlatformSwitch;
test.beforeEach(async () => {
  platform = await platformSwitch();
});
test.afterEach(async () => {
  await platform.dispose();
});

test('plan download: a plan code typed on the import page is fetched from the platform, checked and imported', async ({ page, consoleApp, pageErrors }) => {
  const on = await platform.start();
  const token = await consoleApp.setupSite();
  await consoleApp.call('sync.configure', { platformUrl: on.url, expectedFingerprint: on.fingerprint }, token);
  // the platform holds the plan (its own admin interface)
  const pkg = structuredClone(generatePlan({ candidates: 40 }).pkg);
  const res = await fetch(`${on.url}/admin/plans/${pkg.batch.planCode}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pkg) });
  expect(res.status).toBe(200);

  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await expect(page.getByTestId('day-tasks')).toBeVisible();
  await page.goto(`${consoleApp.url}/#/plan/import`);
  await page.getByTestId('plan-download-code').fill('NO-SUCH-PLAN');
  await page.getByTestId('plan-download').click();
  // a code the platform does not know is refused under the code, named by its label
  await expectFieldError(page, '认定计划编号', '省平台上没有认定计划 NO-SUCH-PLAN');
  await page.getByTestId('plan-download-code').fill(pkg.batch.planCode);
  await page.getByTestId('plan-download').click();
  await expect(page.getByTestId('plan-report')).toBeVisible();
  await expectNoFieldErrors(page);
  await page.screenshot({ path: 'test-results/screens/plan-download.png', fullPage: true });
  await page.getByTestId('plan-import').click();
  await expect(page.getByText('认定计划已导入（第 1 版）')).toBeVisible();
  expect((consoleApp.app.env.opened.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(40);
  expect(pageErrors).toEqual([]);
});
