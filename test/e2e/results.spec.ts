// Publication in Chromium (G5): nothing to publish before the seal (S9: the sealed
// version is published); a start date the calendar cannot cover is refused until the site loads the
// next year's schedule; the period over National Day ends on 10-12; an objection is
// recorded, investigated and decided; after the period the 确认单 appears.
import { scoringDayWith, sealDay, sealSignatures, STAFF_PIN } from '../support/scoring-seed';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

test('publication: uncovered year refused then loaded, National Day period, objection decided, confirmation', async ({ page, consoleApp, pageErrors }) => {
  test.setTimeout(90_000);
  const token = await consoleApp.setupSite();
  const sqlite = consoleApp.app.env.opened.sqlite;
  const day = await scoringDayWith({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined), sqlite }, token);
  // every sheet and theory score written straight to the tables (the signed path is in scoring.spec.ts)
  const ins = sqlite.prepare(
    "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature) VALUES (?, ?, ?, ?, ?, 'submitted', '[]', ?, 'x', 'x', 'x')",
  );
  for (const p of day.panels) for (const m of p.members) for (const [i, c] of p.candidateIds.entries()) ins.run(c, p.subjectId, p.sessionId, p.roomId, m.staffId, 55 + (i % 4) * 10);
  sqlite.exec("INSERT INTO theory_scores (candidate_id, subject_id, score, source, confirmed_at) SELECT cs.candidate_id, cs.subject_id, 78, 'paper', 'x' FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE su.kind = 'theory'");

  consoleApp.clock.set('2026-09-29T09:00:00+08:00');
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  // the standards page: the sample standard the seed set, summing to 100 with the safety item
  await page.getByRole('menuitem', { name: '评分标准' }).click();
  await expect(page.getByText('配分合计：100 分')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/standards.png' });
  // S9: before the seal the page says what to do and offers no date to start
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
  const headToken = (await consoleApp.call<{ token: string }>('auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin })).token;
  const sealed = await sealDay({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined) }, { ...day, token: headToken });
  await page.getByRole('menuitem', { name: '评分标准' }).click();
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('pub-basis')).toContainText(`公示依据：封存第 1 版（哈希 ${sealed.hash.slice(0, 12)}…），120 名考生`);
  const pick = async (date: string) => {
    const input = page.locator('input[data-testid=pub-start], [data-testid=pub-start] input').first();
    await input.click();
    await input.fill(date);
    await page.keyboard.press('Enter');
  };
  await pick('2026-12-28');
  await expect(page.getByTestId('pub-error')).toContainText('工作日历未包含 2027 年的节假日安排');
  await expect(page.getByTestId('pub-open')).toBeDisabled();
  // the site loads the 2027 schedule as a file
  const schedule = { year: 2027, holidays: ['2027-01-01'], workdays: [], source: '国务院办公厅关于2027年部分节假日安排的通知' };
  await page.locator('input[type=file]').setInputFiles({ name: '2027年放假安排.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(schedule)) });
  await expect(page.getByText('已载入 2027 年放假安排')).toBeVisible();
  await pick('2026-12-29');
  await pick('2026-12-28');
  await expect(page.getByTestId('pub-end')).toHaveText('公示截止：2027-01-04');

  // the period over National Day
  await pick('2026-09-30');
  await expect(page.getByTestId('pub-end')).toHaveText('公示截止：2026-10-12');
  await page.getByTestId('pub-open').click();
  await expect(page.getByText('公示期：2026-09-30 至 2026-10-12 · 封存第 1 版')).toBeVisible();
  await expect(page.getByTestId('pub-list')).toContainText('3704**********');
  const someone = (sqlite.prepare('SELECT name FROM candidates ORDER BY ticket_no LIMIT 1').get() as { name: string }).name;
  await page.locator('.ant-select', { hasText: '涉及考生' }).click();
  await page.keyboard.type(someone);
  await page.locator('.ant-select-item-option', { hasText: someone }).first().click();
  await page.getByPlaceholder('异议人').fill('考生本人');
  await page.getByPlaceholder('异议内容').fill('认为操作技能成绩偏低');
  await page.getByRole('button', { name: '登记异议' }).click();
  await page.getByPlaceholder('调查情况').fill('调阅三份评分记录表及现场录像，评分有据。');
  await page.getByRole('button', { name: '记录调查' }).click();
  await page.getByPlaceholder('处理决定').fill('经调查评分无误，维持原成绩，已书面答复。');
  await page.getByText('异议不成立').click();
  await page.getByRole('button', { name: '作出决定' }).click();
  await expect(page.getByText(/经调查评分无误.*李𠀋明/)).toBeVisible();

  // the period ends; the confirmation sheet
  consoleApp.clock.set('2026-10-13T09:00:00+08:00'); // the session of 09-29 has expired: sign in again
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('confirmation-sentence').first()).toContainText(/以上共 \d+ 名人员，通过 .+ 职业 .+ 等级职业技能等级认定，经公示无异议。/);
  await page.screenshot({ path: 'test-results/screens/publication.png', fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('G4 on screen: two clerks enter a paper score, the mismatch shows side by side and blocks until the site head settles it by the paper', async ({ browser, page, consoleApp, pageErrors }) => {
  test.setTimeout(90_000);
  const token = await consoleApp.setupSite();
  const sqlite = consoleApp.app.env.opened.sqlite;
  const day = await scoringDayWith({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined), sqlite }, token);
  const theoryId = day.theorySubjects[0]!;
  const cand = sqlite.prepare('SELECT c.name, c.ticket_no AS ticket FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ? ORDER BY c.ticket_no LIMIT 1').get(theoryId) as { name: string; ticket: string };

  for (const [clerkNo, score] of [
    ['T019', '76'],
    ['T020', '67'],
  ] as const) {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const p = await ctx.newPage();
    await signIn(p, consoleApp.url, clerkNo, '135790');
    await p.getByRole('menuitem', { name: '理论成绩' }).click();
    await p.getByRole('tab', { name: /双人登分/ }).click();
    await p.getByTestId('paper-ticket').fill(cand.ticket);
    await p.getByTestId('paper-score').fill(score);
    await p.getByTestId('paper-enter').click();
    await expect(p.getByText(score === '76' ? '已录入，等待另一名登分人员复核录入' : '两次录入不一致，须核对试卷')).toBeVisible();
    await ctx.close();
  }
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '理论成绩' }).click();
  await page.getByRole('tab', { name: /双人登分/ }).click();
  await expect(page.getByText('1 名考生两次录入不一致')).toBeVisible();
  const row = page.locator('tr', { has: page.getByTestId(`settle-${cand.ticket}`) });
  await expect(row).toContainText('76（尹凯）');
  await expect(row).toContainText('67（武慧慧）');
  await page.screenshot({ path: 'test-results/screens/theory-double-entry.png' });
  await row.getByPlaceholder('试卷成绩').fill('76');
  await row.getByPlaceholder('核对情况').fill('调阅试卷，卷面合计 76 分');
  await row.getByRole('button', { name: '按试卷确认' }).click();
  await expect(page.getByText(/核对试卷：76 分（李𠀋明：调阅试卷，卷面合计 76 分）/)).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('G5: an objection upheld → the panel re-scores as round 2 → the changed result appears and goes to a supplementary publication', async ({ browser, page, consoleApp, pageErrors }) => {
  test.setTimeout(120_000);
  const token = await consoleApp.setupSite();
  const sqlite = consoleApp.app.env.opened.sqlite;
  const day = await scoringDayWith({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined), sqlite }, token);
  const ins = sqlite.prepare(
    "INSERT INTO score_sheets (candidate_id, subject_id, session_id, room_id, examiner_id, status, entries, total, updated_at, submitted_at, signature) VALUES (?, ?, ?, ?, ?, 'submitted', '[]', 55, 'x', 'x', 'x')",
  );
  for (const p of day.panels) for (const m of p.members) for (const c of p.candidateIds) ins.run(c, p.subjectId, p.sessionId, p.roomId, m.staffId);
  sqlite.exec("INSERT INTO theory_scores (candidate_id, subject_id, score, source, confirmed_at) SELECT cs.candidate_id, cs.subject_id, 78, 'paper', 'x' FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE su.kind = 'theory'");
  const panel = day.panels[0]!;
  const candId = panel.candidateIds[0]!;
  const cand = sqlite.prepare('SELECT name, ticket_no AS ticket FROM candidates WHERE id = ?').get(candId) as { name: string; ticket: string };
  const items = day.items.get(panel.subjectId)!;

  consoleApp.clock.set('2026-09-29T09:00:00+08:00');
  const head = (await consoleApp.call<{ token: string }>('auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin })).token;
  const caller = { ok: <T,>(m: string, i?: unknown, t?: string | null) => consoleApp.call<T>(m, i, t ?? undefined) };
  await sealDay(caller, { ...day, token: head });
  const pub = await consoleApp.call<{ id: number }>('results.publication.open', { batchId: day.batchId, startDate: '2026-09-30' }, head);
  const obj = await consoleApp.call<{ id: number }>('results.objection.record', { publicationId: pub.id, candidateId: candId, raisedBy: '考生本人', content: '认为操作技能漏评一项' }, head);
  await consoleApp.call('results.objection.investigate', { objectionId: obj.id, investigation: '调阅现场录像，确有一项未评。' }, head);

  // the site head upholds it and names the skill subject to score again
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await page.getByPlaceholder('处理决定').fill('异议成立，由原考评组重新评分。');
  await page.getByText('异议成立', { exact: true }).click();
  await page.getByTestId('rescore-subject').click();
  await page.locator('.ant-select-item-option', { hasText: '操作技能' }).first().click();
  await page.getByRole('button', { name: '作出决定' }).click();
  await expect(page.getByTestId('rescore-card')).toContainText('评定中');
  await expect(page.getByTestId('rescore-card')).toContainText('第 2 轮评分');

  // the panel scores round 2 on their own sign-in, each signing with the PIN
  for (const m of panel.members) {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const p = await ctx.newPage();
    await signIn(p, consoleApp.url, m.staffNo, STAFF_PIN);
    await p.getByRole('menuitem', { name: '评分', exact: true }).click();
    await p.getByTestId(`cand-${cand.ticket}`).click();
    await expect(p.getByTestId('sheet-round')).toHaveText('第 2 轮评分（异议复评）');
    for (let i = 1; i <= items.length; i++) await p.getByTestId(i === 1 ? `zero-${i}` : `full-${i}`).click();
    await p.getByTestId('sheet-submit').click();
    await p.getByTestId('sheet-pin').fill(STAFF_PIN);
    await p.getByRole('button', { name: '签名并锁定' }).click();
    await expect(p.getByText('已签名锁定')).toBeVisible();
    await ctx.close();
  }
  const skill = (100 - items[0]!.maxPoints).toFixed(1);

  // the changed result appears
  await page.getByRole('menuitem', { name: '成绩', exact: true }).click();
  await expect(page.getByTestId(`outcome-${cand.ticket}`)).toHaveText('通过');
  // after the main period: the changed result goes to a supplementary publication of its own
  consoleApp.clock.set('2026-10-13T09:00:00+08:00');
  await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
  await page.getByRole('menuitem', { name: '结果公示' }).click();
  await expect(page.getByTestId('rescore-card')).toContainText('已评定，待补充公示');
  await expect(page.getByTestId('rescore-card')).toContainText(skill);
  // G7: the upheld objection reopened the sealed batch; the amended version is sealed first
  await expect(page.getByTestId('rescore-seal-first')).toContainText('正在修订');
  await expect(page.getByTestId('supplement-open')).toHaveCount(0);
  const signers = await sealSignatures(caller, day.batchId, (await consoleApp.call<{ token: string }>('auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin })).token);
  await page.getByTestId('rescore-seal-first').getByRole('button').click();
  await expect(page.getByTestId('seal-status')).toContainText('修订中');
  await page.getByTestId('seal-amend-reason').fill(`异议成立：${cand.name} 操作技能第 2 轮重新评分`);
  for (const [i, sg] of signers.entries()) {
    await page.getByTestId(`signer-${i}-staffNo`).fill(sg.staffNo);
    await page.getByTestId(`signer-${i}-pin`).fill(sg.pin);
  }
  await page.getByTestId('seal-submit').click();
  await expect(page.getByTestId('seal-status')).toHaveText('已封存（第 2 版）');
  await page.getByTestId('seal-to-publication').click();
  const input = page.locator('input[data-testid=supplement-start], [data-testid=supplement-start] input').first();
  await input.click();
  await input.fill('2026-10-13');
  await page.keyboard.press('Enter');
  await page.getByTestId('supplement-open').click();
  await expect(page.getByText('补充公示 · 公示期：2026-10-13 至 2026-10-19 · 封存第 2 版')).toBeVisible();
  await expect(page.getByTestId('pub-list')).toContainText(cand.name);
  await expect(page.getByTestId('pub-list')).toContainText(`${skill}（合格）`);
  await expect(page.getByTestId('rescore-card')).toContainText('已补充公示');
  await page.screenshot({ path: 'test-results/screens/supplement.png', fullPage: true });

  // the printable 成绩汇总表: masked ID numbers, levels by name, the changed result
  await page.getByRole('menuitem', { name: '成绩', exact: true }).click();
  await page.getByTestId('print-summary-link').click();
  const summary = page.getByTestId('print-summary');
  await expect(summary).toContainText('技能等级认定考生成绩汇总表');
  await expect(summary.locator('tr', { hasText: cand.ticket })).toContainText(/3704\*{10}\d{3}[\dX]/);
  await expect(summary.locator('tr', { hasText: cand.ticket })).toContainText('四级/中级工');
  await expect(summary.locator('tr', { hasText: cand.ticket })).toContainText(skill);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/screens/print-summary.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  // the printable 评分记录表: both rounds with the examiners' names, round 1 marked superseded
  await page.evaluate((id) => (window.location.hash = `/results/print/sheets/${id}`), panel.subjectId);
  const sheet = page.getByTestId(`print-sheet-${cand.ticket}`);
  await expect(sheet).toContainText('第 1 轮评分（已由后一轮取代，存档）');
  await expect(sheet).toContainText('第 2 轮评分（异议复评）');
  const names = (sqlite.prepare(`SELECT name FROM staff WHERE id IN (${panel.members.map((m) => m.staffId).join(',')})`).all() as { name: string }[]).map((r) => r.name);
  for (const n of names) await expect(sheet.getByTestId('examiner-name').filter({ hasText: n })).toHaveCount(2);
  await expect(sheet).toContainText(`科目成绩（考评员总分平均，保留一位小数）：${skill}`);
  await page.emulateMedia({ media: 'print' });
  await sheet.screenshot({ path: 'test-results/screens/print-sheets.png' });
  expect(pageErrors).toEqual([]);
});
