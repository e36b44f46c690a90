// The card-reader profile form (E3), against the reader simulator on 127.0.0.1: the buttons wait for
// the address and the number's path (save also for the name); a reader that does not answer is
// refused under 服务地址, an answer without a valid number under 证件号码字段路径, a name in use
// under 名称, each named by its label; a good test and a good save leave no error.
import { simBmp, simProfile, startCardReaderSim, type CardReaderSim } from '../../scripts/cardreader/sim';
import { idNumber } from '../support/draw-seed';
import { expectFieldError, expectNoFieldErrors, fieldItem } from '../support/forms-e2e';
import { openAs } from '../support/home-e2e';
import { expect, test } from './fixtures';

let sim: CardReaderSim | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

test('读卡器设置: refusals under 服务地址, 证件号码字段路径 and 名称 by their labels; a good test and save clear them', async ({ page, consoleApp, pageErrors }) => {
  const head = await consoleApp.setupSite();
  sim = await startCardReaderSim({ card: { name: '张三', sex: '1', born: '20040110', number: idNumber('370402', '2004-01-10', 101), photo: simBmp() } });
  const good = simProfile(sim.url);
  await consoleApp.call('cardreader.profile.save', { name: '一号门读卡器', profile: good }, head);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, consoleApp.url, head, '/card-readers');
  await page.getByTestId('cardreader-add').click();
  const dialog = page.getByRole('dialog', { name: '新增读卡器' });
  const testButton = dialog.getByTestId('cardreader-test');
  const save = dialog.getByTestId('cardreader-save');
  await expect(testButton).toBeDisabled();
  await expect(save).toBeDisabled();
  await dialog.getByTestId('cardreader-name').fill('一号门读卡器');
  await dialog.getByTestId('cardreader-url').fill('http://127.0.0.1:9/api/readcard'); // nothing answers there
  await expect(testButton).toBeDisabled();
  await dialog.getByTestId('cardreader-path-number').fill('resultContent.idNo'); // not where this reader puts it
  await expect(testButton).toBeEnabled();
  await expect(save).toBeEnabled();

  await testButton.click();
  await expectFieldError(dialog, '服务地址', '连接不上读卡服务');
  await expect(dialog.getByText(/url：|profile\./)).toHaveCount(0);
  await dialog.getByTestId('cardreader-url').fill(good.url);
  await expectNoFieldErrors(dialog);
  await testButton.click();
  await expectFieldError(dialog, '证件号码字段路径', '没有有效的证件号码');
  await page.screenshot({ path: 'test-results/screens/form-error-cardreader-1280x800.png' });
  await page.setViewportSize({ width: 800, height: 1280 });
  await fieldItem(dialog, '证件号码字段路径').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/form-error-cardreader-800x1280.png' });
  await dialog.getByTestId('cardreader-path-number').fill(good.fields.number);
  await testButton.click();
  await expect(dialog.getByTestId('cardreader-tested')).toContainText('读到证件：居民身份证');
  await expectNoFieldErrors(dialog);

  await save.click();
  await expectFieldError(dialog, '名称', '一号门读卡器');
  await dialog.getByTestId('cardreader-name').fill('二号门读卡器');
  await save.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: '二号门读卡器' })).toBeVisible();
  await page.getByTestId('cardreader-add').click();
  await expectNoFieldErrors(page.getByRole('dialog', { name: '新增读卡器' }));
  expect(pageErrors).toEqual([]);
});
