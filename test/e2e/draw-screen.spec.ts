// The draw on the projector (S2, S8), from the draw's small plan drawn: the seed on screen is the
// recorded one, every room revealed, the supervisor's PIN confirms (a wrong one refused), and a
// re-run from the recorded inputs and seed gives the same result.
import { drawnOverHttp } from '../support/draw-e2e';
import { expectFieldError } from '../support/forms-e2e';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

test('the projector: the recorded seed, every room revealed; the supervisor confirms with the PIN; verify says same', async ({ page, consoleApp, pageErrors }) => {
  const { seed, theory } = await drawnOverHttp(consoleApp);
  const { sqlite } = consoleApp.app.env.opened;
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '抽签' }).click();
  expect(theory.rooms).toHaveLength(3);
  // the projector: the seed, the rooms revealed one by one, the supervisor's PIN
  await page.getByTestId('draw-screen-1').click();
  const seedShown = (await page.getByTestId('screen-seed').textContent())!.replace(/\s/g, '');
  const recorded = (sqlite.prepare('SELECT seed FROM draws WHERE id = 1').get() as { seed: string }).seed;
  expect(seedShown).toBe(recorded);
  await expect(page.getByTestId('screen-room-revealed')).toHaveCount(5);
  await expect(page.getByTestId('screen-room-hidden')).toHaveCount(0);
  await page.getByTestId('screen-confirm').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('督导员工号').fill(seed.staffNo(seed.supervisorIds[0]!));
  await dialog.getByLabel('督导员 PIN').fill('000000');
  await dialog.getByRole('button', { name: /督导确认/ }).click();
  await expectFieldError(dialog, '督导员 PIN', '工号或 PIN 不正确');
  await dialog.getByLabel('督导员 PIN').fill('135790');
  await dialog.getByRole('button', { name: /督导确认/ }).click();
  await expect(page.getByTestId('screen-status')).toContainText('督导已确认');
  await page.getByTestId('screen-verify').click();
  await expect(page.getByTestId('screen-verify-result')).toHaveText('复核一致：用记录的输入和种子重新运行，结果完全相同。');
  await page.screenshot({ path: 'test-results/screens/draw-screen.png' });

  // verify from the draw page too
  await page.getByRole('button', { name: /返\s*回/ }).click();
  await page.getByTestId('draw-verify-1').click();
  await expect(page.getByTestId('draw-verify-result')).toContainText('复核一致');
  expect(pageErrors).toEqual([]);
});
