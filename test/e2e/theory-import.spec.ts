// Theory results from the on-screen exam system (G2), from the demo day after its doors: a score clerk
// imports a GBK file named in Chinese with one row that matches nobody, sees the report and confirms.
import { pickOption } from '../support/antd-e2e';
import iconv from 'iconv-lite';
import { expect, signIn, test } from './fixtures';

test.use({ day: 'doors' });

test('a clerk imports a GBK theory file named in Chinese: one row matched, one not; confirmed', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const theory = day.sessions.find((s) => s.kind === 'theory')!;
  const cand = theory.rooms[0]!.candidates[5]!;
  const sqlite = consoleApp.app.env.opened.sqlite;
  // a read: how the subject is named in the list (P3: the level by its name)
  const label = sqlite.prepare('SELECT o.work_type_name AS w, o.name AS n, o.level AS l FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.id = ?').get(theory.subjectId) as { w: string | null; n: string; l: number };
  const levelName = ['', '一级/高级技师', '二级/技师', '三级/高级工', '四级/中级工', '五级/初级工'][label.l]!;

  await signIn(page, consoleApp.url, day.clerks[0]!.staffNo, day.staffPin);
  await page.getByRole('menuitem', { name: '理论成绩' }).click();
  const subject = `${label.w ?? label.n} ${levelName} 理论知识`;
  await pickOption(page.getByTestId('theory-subject'), page.locator('.ant-select-item-option', { hasText: subject }), subject);
  const csv = ['准考证号,身份证号,姓名,成绩', `${cand.ticketNo},${cand.docNumber},${cand.name},86`, '2605219999,370402199001011234,查无此人,70'].join('\r\n');
  await page.locator('input[type=file]').setInputFiles({ name: '数控车工理论成绩（智能化考试系统导出）.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
  await expect(page.getByTestId('theory-report')).toContainText('GBK');
  await expect(page.getByTestId('theory-report')).toContainText('匹配 1 行');
  await expect(page.getByTestId('theory-report')).toContainText('不匹配 1 行');
  await expect(page.getByTestId('theory-matched')).toContainText(cand.name);
  await page.screenshot({ path: 'test-results/screens/theory-import.png', fullPage: true });
  await page.getByTestId('theory-confirm').click();
  await expect(page.getByTestId('theory-report')).toContainText('已确认');
  expect((sqlite.prepare('SELECT score FROM theory_scores WHERE candidate_id = ? AND subject_id = ?').get(cand.id, theory.subjectId) as { score: number }).score).toBe(86);
  expect(pageErrors).toEqual([]);
});
