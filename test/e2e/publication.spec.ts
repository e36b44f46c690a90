// The 公示 follows the seal (G5, S9), from the demo day with every score in: the standards page shows
// the day's standard; before the seal the publication page says what to do and offers no date;
// once sealed, it names the sealed version it will show.
import { sealSignatures } from '../support/stories';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'scored' });

test('publication: nothing to publish before the seal; once sealed the basis is the sealed version', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  await signIn(page, consoleApp.url, day.site.staffNo, day.site.pin);
  // the standards page: the sample standard the day set, summing to 100 with the safety item
  await page.getByRole('menuitem', { name: '评分标准' }).click();
  await expect(page.getByText('配分合计：100 分')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/standards.png' });
  // before the seal the page says what to do and offers no date to start
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('pub-basis')).toContainText('成绩尚未封存');
  await expect(page.getByTestId('pub-to-seal')).toBeVisible();
  await expect(page.getByTestId('pub-start')).toHaveCount(0);
  // English UI: the refusal is worded from its code by the page; the service sends no Chinese
  await page.evaluate(() => localStorage.setItem('esc.lang', 'en'));
  await page.reload();
  await expect(page.getByTestId('pub-basis')).toContainText('Results are not sealed yet');
  expect(await page.getByTestId('pub-basis').innerText()).not.toMatch(/[\u3400-\u9fff]/);
  await page.screenshot({ path: 'test-results/screens/publication-en.png' });
  await page.evaluate(() => localStorage.setItem('esc.lang', 'zh-CN'));
  await page.reload();
  await expect(page.getByTestId('pub-basis')).toContainText('成绩尚未封存');
  // sealed (the ceremony is seal-ceremony.spec's): the basis names version 1 and its hash
  const head = await consoleApp.setupSite();
  const sealed = await consoleApp.call<{ hash: string }>('seal.seal', { batchId: day.batchId, signatures: await sealSignatures(consoleApp, day, head) }, head);
  // away and back (the page asks again as it opens): the standards page shown first, or two quick
  // clicks make one route change and the publication page never leaves
  await page.getByRole('menuitem', { name: '评分标准' }).click();
  await expect(page.getByText('配分合计：100 分')).toBeVisible();
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('pub-basis')).toContainText(`公示依据：封存第 1 版（哈希 ${sealed.hash.slice(0, 12)}…），120 名考生`);
  await expect(page.getByTestId('pub-start')).toBeVisible();
  expect(pageErrors).toEqual([]);
});
