// Scoring in Chromium (S5, S9, G2–G4): three examiners on three sessions (three browser contexts) score
// one candidate; one disagrees widely; a reload mid-sheet loses nothing; the chief examiner reviews;
// a clerk imports a GBK theory file named in Chinese and confirms it; the results appear.
import iconv from 'iconv-lite';
import type { Browser, Page } from '@playwright/test';
import { scoringDayWith, STAFF_PIN } from '../support/scoring-seed';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

async function openAs(browser: Browser, url: string, staffNo: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }); // a tablet
  const page = await ctx.newPage();
  await signIn(page, url, staffNo, STAFF_PIN);
  return page;
}

test('three examiners score a candidate independently, one disagrees, the chief reviews, a GBK theory file is imported, results appear', async ({ browser, page, consoleApp, pageErrors }) => {
  test.setTimeout(120_000);
  const token = await consoleApp.setupSite();
  const sqlite = consoleApp.app.env.opened.sqlite;
  const day = await scoringDayWith({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined), sqlite }, token);
  const panel = day.panels[0]!;
  const candId = panel.candidateIds[0]!;
  const cand = sqlite.prepare('SELECT name, ticket_no AS ticket, doc_number AS doc FROM candidates WHERE id = ?').get(candId) as { name: string; ticket: string; doc: string };
  const [chief, ex1, ex2] = panel.members;
  expect(chief!.role).toBe('chief_examiner');
  const items = day.items.get(panel.subjectId)!;

  const pages: Page[] = [];
  for (const m of [ex1!, ex2!, chief!]) pages.push(await openAs(browser, consoleApp.url, m.staffNo));
  const [p1, p2, pc] = pages as [Page, Page, Page];

  // examiner 1: full marks on two items, then a reload mid-sheet
  await p1.getByRole('menuitem', { name: '评分' }).click();
  await p1.getByTestId(`cand-${cand.ticket}`).click();
  await expect(p1.getByTestId('sheet-candidate')).toContainText(cand.name);
  await p1.getByTestId('full-1').click();
  await p1.getByTestId('full-2').click();
  await expect(p1.getByTestId('sheet-total')).toContainText(`${(items[0]!.maxPoints + items[1]!.maxPoints).toFixed(1)}`);
  await expect(p1.getByText('草稿已保存')).toBeVisible();
  await expect(p1.getByTestId('sheet-submit')).toBeDisabled(); // blanks left
  await p1.reload();
  await expect(p1.getByTestId('sheet-total')).toContainText(`${(items[0]!.maxPoints + items[1]!.maxPoints).toFixed(1)}`);
  for (let i = 3; i <= items.length; i++) await p1.getByTestId(`full-${i}`).click();
  await expect(p1.getByTestId('sheet-total')).toContainText('100.0');
  await p1.screenshot({ path: 'test-results/screens/scoring-sheet.png', fullPage: true });
  await p1.getByTestId('sheet-submit').click();
  await p1.getByTestId('sheet-pin').fill(STAFF_PIN);
  await p1.getByRole('button', { name: '签名并锁定' }).click();
  await expect(p1.getByText('已签名锁定')).toBeVisible();
  await expect(p1.getByText('全组考评员都提交后')).toBeVisible(); // independence: nothing of the others yet

  // examiner 2 agrees (100); the chief disagrees widely: 0 on the 30-point quality item (70)
  for (const [p, zeroItem] of [
    [p2, 0],
    [pc, 3],
  ] as const) {
    await p.getByRole('menuitem', { name: '评分' }).click();
    await p.getByTestId(`cand-${cand.ticket}`).click();
    for (let i = 1; i <= items.length; i++) await p.getByTestId(i === zeroItem ? `zero-${i}` : `full-${i}`).click();
    await p.getByTestId('sheet-submit').click();
    await p.getByTestId('sheet-pin').fill(STAFF_PIN);
    await p.getByRole('button', { name: '签名并锁定' }).click();
    await expect(p.getByText('已签名锁定')).toBeVisible();
  }
  await expect(pc.getByTestId('sheet-total')).toContainText('70.0');
  // the panel is complete: now everyone sees the three totals
  await expect(pc.getByTestId('panel-sheets')).toContainText('100');
  await p1.reload();
  await expect(p1.getByTestId('panel-sheets').locator('tbody tr')).toHaveCount(3);

  // the chief examiner reviews the spread of 30
  await pc.getByRole('menuitem', { name: '考评组长复核' }).click();
  await expect(pc.getByTestId(`review-${cand.ticket}`)).toContainText('相差 30 分');
  await pc.getByTestId(`review-note-${cand.ticket}`).fill('已核对零件质量精度：本人判定超差有据，其他两位考评员未测量该尺寸；维持各自评分，成绩按平均分。');
  await pc.getByTestId(`review-save-${cand.ticket}`).click();
  await expect(pc.getByTestId(`review-${cand.ticket}`)).toContainText('已于');
  await pc.screenshot({ path: 'test-results/screens/scoring-review.png' });

  // a clerk imports the on-screen theory results: GBK, named in Chinese, one row that matches nobody
  const clerk = await openAs(browser, consoleApp.url, 'T019');
  await clerk.getByRole('menuitem', { name: '理论成绩' }).click();
  const theoryId = (sqlite.prepare("SELECT cs.subject_id AS s FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE cs.candidate_id = ? AND su.kind = 'theory'").get(candId) as { s: number }).s;
  const label = (sqlite.prepare('SELECT o.work_type_name AS w, o.name AS n, o.level AS l FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.id = ?').get(theoryId) as { w: string | null; n: string; l: number });
  const levelName = ['', '一级/高级技师', '二级/技师', '三级/高级工', '四级/中级工', '五级/初级工'][label.l]!; // P3: the level by its name
  await clerk.getByTestId('theory-subject').click();
  await clerk.locator('.ant-select-item-option', { hasText: `${label.w ?? label.n} ${levelName} 理论知识` }).click();
  const csv = ['准考证号,身份证号,姓名,成绩', `${cand.ticket},${cand.doc},${cand.name},86`, '2605219999,370402199001011234,查无此人,70'].join('\r\n');
  await clerk.locator('input[type=file]').setInputFiles({ name: '数控车工理论成绩（智能化考试系统导出）.csv', mimeType: 'text/csv', buffer: iconv.encode(csv, 'gbk') });
  await expect(clerk.getByTestId('theory-report')).toContainText('GBK');
  await expect(clerk.getByTestId('theory-report')).toContainText('匹配 1 行');
  await expect(clerk.getByTestId('theory-report')).toContainText('不匹配 1 行');
  await expect(clerk.getByTestId('theory-matched')).toContainText(cand.name);
  await clerk.screenshot({ path: 'test-results/screens/theory-import.png', fullPage: true });
  await clerk.getByTestId('theory-confirm').click();
  await expect(clerk.getByTestId('theory-report')).toContainText('已确认');

  // the site head sees the results: skill 90.0 (mean of 100, 100, 70), theory 86, passed
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '成绩', exact: true }).click();
  await expect(page.getByTestId(`outcome-${cand.ticket}`)).toHaveText('通过');
  const row = page.locator('tr', { has: page.getByTestId(`outcome-${cand.ticket}`) });
  await expect(row).toContainText('90.0');
  await expect(row).toContainText('86.0');
  await expect(page.getByTestId('histogram').locator('canvas')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/results.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});
