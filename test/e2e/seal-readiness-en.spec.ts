// What stops the seal, in English (S9), from the demo day after its doors (no sheet yet): the
// readiness is worded from its codes; the only Chinese left is the data (occupation names).
import { expect, signIn, test } from './fixtures';

test.use({ day: 'doors' });

test('English UI, before scoring: what stops the seal is worded from the readiness codes', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
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
  expect(pageErrors).toEqual([]);
});
