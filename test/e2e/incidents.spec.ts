// The incidents desk in Chromium on the real demo plan and draw, with the fake camera: a proctor
// records an incident with a photo from the door screen and the second proctor signs with PIN (E6);
// the supervisor rules on the desk (S8); the report shows it, is signed, and its xlsx converts
// with LibreOffice (003 附件10); a bag with a broken seal raises an incident (E2); the dashboard.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PIN, seedIncidents } from '../support/incidents-seed';
import { expect, test } from './fixtures';

async function signInAs(page: Page, url: string, staffNo: string, roleLabel: string) {
  await page.goto(url);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByLabel('PIN').fill(PIN);
  await page.getByLabel('角色').click();
  await page.locator('.ant-select-item-option').getByText(roleLabel, { exact: true }).click();
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
  await expect(page.getByTestId('whoami')).toBeVisible();
}

async function pick(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('proctor records with a photo, the second signs with PIN, the supervisor rules, the report shows it and its xlsx converts', async ({ page, consoleApp }) => {
  test.setTimeout(120_000);
  const head = await consoleApp.setupSite();
  const seed = await seedIncidents({ ok: (m, i, t) => consoleApp.call(m, i, t ?? undefined) }, consoleApp.app.env.opened.sqlite, head);
  const startsAt = (consoleApp.app.env.opened.sqlite.prepare('SELECT starts_at AS s FROM exam_sessions WHERE id = ?').get(seed.sessionId) as { s: string }).s;
  consoleApp.clock.set(new Date(new Date(startsAt).getTime() + 45 * 60_000));
  // R4: the room's recording, registered by the site head
  await consoleApp.call('monitoring.add', { sessionId: seed.sessionId, roomId: seed.roomId, channel: 'NVR-1 通道03', fileName: 'kc01_0900-1030.mp4', startsAt, endsAt: new Date(new Date(startsAt).getTime() + 90 * 60_000).toISOString() }, head);
  const who = seed.candidates[0]!;

  // the proctor at the door screen
  await signInAs(page, consoleApp.url, seed.proctorA.staffNo, '监考人员');
  await page.goto(`${consoleApp.url}/#/door/room/${seed.sessionId}/${seed.roomId}`);
  await expect(page.getByTestId('door-screen')).toBeVisible();
  await page.getByTestId('door-incident').click();
  await expect(page.getByTestId('incident-form')).toBeVisible();
  await pick(page, 'incident-candidate', who.name);
  await page.getByTestId('incident-kind').getByText('夹带', { exact: true }).click();
  await page.getByTestId('incident-description').fill('开考后 45 分钟发现该考生桌面压有写满公式的纸条');
  await page.getByTestId('incident-witnesses').fill('邻座考生');
  await expect.poll(() => page.getByTestId('incident-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('incident-take-photo').click();
  await expect(page.getByTestId('incident-photos').locator('img')).toHaveCount(1);
  await expect(page.getByTestId('incident-second')).toContainText(seed.proctorB.name);
  await page.getByTestId('incident-second-pin').fill(PIN);
  await page.screenshot({ path: 'test-results/screens/incident-form.png' });
  await page.getByTestId('incident-submit').click();
  await expect(page.getByText(/违纪记录已保存/)).toBeVisible();
  const inc = consoleApp.app.env.opened.sqlite.prepare('SELECT i.id, i.status, i.second_signer_id AS second, length(p.bytes) AS size, hex(substr(p.bytes,1,3)) AS magic FROM incidents i JOIN incident_photos p ON p.incident_id = i.id').get() as {
    id: number;
    status: string;
    second: number;
    size: number;
    magic: string;
  };
  expect(inc).toMatchObject({ status: 'open', second: seed.proctorB.staffId, magic: 'FFD8FF' });
  expect(inc.size).toBeGreaterThan(1000);

  // the room view: a bag with a broken seal raises an incident (E2)
  await page.goto(`${consoleApp.url}/#/incidents/room/${seed.sessionId}/${seed.roomId}`);
  await expect(page.getByTestId('room-incidents')).toContainText('夹带');
  await expect(page.getByTestId(`recording-${inc.id}`)).toContainText('kc01_0900-1030.mp4');
  await page.getByTestId('event-bag').click();
  await page.getByTestId('bag-seal').click();
  await page.getByTestId('bag-form-ok').click();
  await expect(page.getByText(/试卷袋核对不符，已自动生成违纪记录/)).toBeVisible();
  await expect(page.getByTestId('room-incidents')).toContainText('试卷袋异常');
  // E7: a computer freezes, minutes lost and what was done
  await page.getByTestId('event-failure').click();
  await page.getByTestId('failure-equipment').fill('12 号考试机死机');
  await page.getByTestId('failure-minutes').fill('6');
  await page.getByTestId('failure-action').fill('换备用机，补足 6 分钟');
  await page.getByTestId('failure-form-ok').click();
  await expect(page.getByTestId('room-events')).toContainText('12 号考试机死机');
  await page.screenshot({ path: 'test-results/screens/incident-room.png' });

  // the supervisor's desk: rule with reasons and PIN
  await page.evaluate(() => localStorage.clear());
  await page.evaluate(() => sessionStorage.clear());
  await signInAs(page, consoleApp.url, seed.supervisor.staffNo, '督导员');
  await page.goto(`${consoleApp.url}/#/incidents/cases`);
  await expect(page.getByTestId('case-incidents')).toContainText(who.name);
  await page.screenshot({ path: 'test-results/screens/incident-cases.png' });
  await page.getByTestId(`rule-${inc.id}`).click();
  await expect(page.getByTestId('ruling-dialog')).toContainText('kc01_0900-1030.mp4');
  await page.getByTestId('ruling-decision').getByText('该科目成绩无效', { exact: true }).click();
  await page.getByTestId('ruling-reason').fill('夹带属实，依《技能人才评价违纪违规行为处理工作指引》该科目成绩无效');
  await page.getByTestId('ruling-pin').fill(PIN);
  await page.screenshot({ path: 'test-results/screens/incident-ruling.png' });
  await page.getByTestId('ruling-submit').click();
  await expect(page.getByText('处理决定已签署')).toBeVisible();
  const ruling = consoleApp.app.env.opened.sqlite.prepare('SELECT candidate_id, decision, superseded_by FROM incident_rulings WHERE incident_id = ?').get(inc.id);
  expect(ruling).toEqual({ candidate_id: who.id, decision: 'subject_void', superseded_by: null });
  // a change of mind is a new ruling that supersedes; the first stays, marked
  await page.getByText('全部', { exact: true }).click();
  await page.getByTestId(`rule-${inc.id}`).click();
  await page.getByTestId('ruling-change').click();
  await page.getByTestId('ruling-decision').getByText('警告', { exact: true }).click();
  await page.getByTestId('ruling-reason').fill('复核录像：纸条未被使用，改为警告');
  await page.getByTestId('ruling-pin').fill(PIN);
  await page.getByTestId('ruling-submit').click();
  await expect(page.getByText('处理决定已签署').first()).toBeVisible();
  await page.getByTestId(`rule-${inc.id}`).click();
  await expect(page.getByTestId('ruling-history')).toContainText('已被');
  await expect(page.getByTestId('ruling-history')).toContainText('当前有效');
  await page.screenshot({ path: 'test-results/screens/incident-ruling-history.png' });
  await page.keyboard.press('Escape');
  const rulings = consoleApp.app.env.opened.sqlite.prepare('SELECT id, decision, superseded_by AS s FROM incident_rulings WHERE incident_id = ? ORDER BY id').all(inc.id) as { id: number; decision: string; s: number | null }[];
  expect(rulings.map((r) => [r.decision, r.s])).toEqual([
    ['subject_void', rulings[1]!.id],
    ['warning', null],
  ]);

  // the report shows it, prefilled; sign; export; print
  await page.goto(`${consoleApp.url}/#/incidents/report`);
  await expect(page.getByTestId('report-incident').first()).toContainText('警告（复核录像');
  await expect(page.getByTestId('report-opinion')).toContainText('记录违纪 2 起');
  await page.getByTestId('report-unit').fill('枣庄市职业技能鉴定中心');
  await page.getByTestId('report-pin').fill(PIN);
  await page.getByTestId('report-sign').click();
  await expect(page.getByTestId('report-signed')).toContainText(seed.supervisor.name);
  await page.screenshot({ path: 'test-results/screens/incident-report.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByTestId('report-xlsx').click();
  const dir = mkdtempSync(join(tmpdir(), 'esc-report-'));
  const xlsx = join(dir, 'report.xlsx');
  await (await download).saveAs(xlsx);
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 90_000 });
  expect(existsSync(join(dir, 'report.pdf'))).toBe(true);
  expect(statSync(join(dir, 'report.pdf')).size).toBeGreaterThan(5000);
  await page.getByTestId('report-print').click();
  await expect(page.getByTestId('report-sheet')).toContainText('☑部分有问题');
  await page.screenshot({ path: 'test-results/screens/incident-report-print.png', fullPage: true });

  // the dashboard shows the room's open bag incident
  await page.goto(`${consoleApp.url}/#/incidents/dashboard`);
  await expect(page.getByTestId(`dash-open-${seed.sessionId}-${seed.roomId}`)).toHaveText('1');
  await page.screenshot({ path: 'test-results/screens/incident-dashboard.png' });

  // in English, the kinds and decisions the services send as codes are worded without Chinese
  await page.evaluate(() => localStorage.setItem('esc.lang', 'en'));
  await page.goto(`${consoleApp.url}/#/incidents/cases`);
  await page.reload();
  await page.getByText('All', { exact: true }).click();
  await expect(page.getByTestId('case-incidents')).toContainText('Crib notes');
  await expect(page.getByTestId('case-incidents')).toContainText('Paper bag problem');
  await expect(page.getByTestId('case-incidents')).toContainText('Warning');
  const tags = await page.getByTestId('case-incidents').locator('.ant-tag').allInnerTexts();
  expect(tags.length).toBeGreaterThan(3);
  expect(tags.filter((t) => /[\u3400-\u9fff]/.test(t))).toEqual([]);
  await page.getByTestId(`rule-${inc.id}`).click();
  await expect(page.getByTestId('ruling-history')).toContainText('Subject result void');
  await page.screenshot({ path: 'test-results/screens/incident-cases-en.png' });
});
