// The door's flows in Chromium (E3, E4, E6, S2, S8), each as a proctor meets it: a green verdict is
// not dropped by the next scan; an incomplete entry is a hint and the refused counter counts people;
// a confirm whose answer was lost is retried as the same sign-in; a duplicate alarm closed as a
// false alarm; 本场已结束 records nothing; absentees with the second proctor's PIN; the supervisor's
// review of a doubtful admission with the photos side by side. Screenshots at both tablet sizes.
import type { Page } from '@playwright/test';
import { PROCTOR_A, PROCTOR_B, SUPERVISOR, photo } from '../support/door-seed';
import { cameraLive, openDoor, scan, seedDoorPlan, sql } from '../support/door-e2e';
import { expect, signIn, test } from './fixtures';

/** The screen as a portrait and a landscape tablet see it (800×1280, 1280×800), then back to the suite's size. */
async function shots(page: Page, name: string): Promise<void> {
  for (const vp of [
    { width: 800, height: 1280 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(vp);
    // no horizontal scroll: name what sticks out when something does
    // no horizontal scroll once the layout has followed the new size: name what sticks out when something does
    const wider = () =>
      page.evaluate(() => {
        // an open dialog locks the page's scroll: then the dialog itself must fit the screen
        const dialog = [...document.querySelectorAll<HTMLElement>('.ant-modal')].find((d) => d.offsetParent !== null || d.getClientRects().length > 0);
        if (dialog) {
          const r = dialog.getBoundingClientRect();
          return r.left >= 0 && r.right <= window.innerWidth ? [] : [`dialog ${Math.round(r.left)}–${Math.round(r.right)} of ${window.innerWidth}`];
        }
        const w = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= w) return [];
        return [...document.querySelectorAll<HTMLElement>('body *')].filter((e) => e.getBoundingClientRect().right > w + 1).slice(-5).map((e) => `${e.tagName}.${e.className}`.slice(0, 120));
      });
    await expect.poll(wider, { message: `${vp.width}×${vp.height}` }).toEqual([]);
    await page.screenshot({ path: `test-results/screens/door-flow-${name}-${vp.width}x${vp.height}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('a green verdict is not dropped by the next scan: the screen says so; confirm or dismiss with one tap, then the held code is looked up', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:41:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await cameraLive(page);
  const [a, b, c] = seed.room1Candidates;
  await scan(page, a!.ticketNo);
  await expect(page.getByTestId('verdict-name')).toHaveText(a!.name);
  // the next candidate's ticket arrives before the proctor confirmed the first
  await scan(page, b!.ticketNo);
  await expect(page.getByTestId('pending-notice')).toContainText(`${a!.name} 尚未确认签到`);
  await expect(page.getByTestId('pending-notice')).toContainText(b!.ticketNo);
  await expect(page.getByTestId('verdict-name')).toHaveText(a!.name);
  await shots(page, 'pending');
  await page.getByTestId('pending-confirm').click();
  await expect(page.getByText(`${a!.name} 已签到，座号 1`)).toBeVisible();
  // the held ticket is looked up at once
  await expect(page.getByTestId('verdict-name')).toHaveText(b!.name);
  await expect(page.getByTestId('pending-notice')).toHaveCount(0);
  await expect(page.getByTestId('count-signedIn')).toContainText('1');

  // again, and this time the waiting candidate is dismissed
  await scan(page, c!.ticketNo);
  await expect(page.getByTestId('pending-notice')).toContainText(`${b!.name} 尚未确认签到`);
  await page.getByTestId('pending-dismiss').click();
  await expect(page.getByText(`已放弃 ${b!.name}（未签到）`)).toBeVisible();
  await expect(page.getByTestId('verdict-name')).toHaveText(c!.name);
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  expect(sql(consoleApp, 'SELECT COUNT(*) AS n FROM checkins WHERE candidate_id = ?', b!.id)).toEqual({ n: 0 });
});

test('an incomplete entry is a hint while typing and after Enter, never a refusal; the refused counter counts people', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:41:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await scan(page, '26052100');
  await expect(page.getByTestId('entry-hint')).toContainText('号码不完整：已输入 8 位（准考证号 11 位，身份证号 18 位）');
  await expect(page.getByTestId('entry-hint')).toContainText('不记为拒绝入场');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', '');
  await shots(page, 'hint');
  await scan(page, '77777');
  await expect(page.getByTestId('entry-hint')).toContainText('没有尾号为 77777 的考生');
  await expect(page.getByTestId('count-refused')).toContainText('0');

  // the same person at the wrong door twice is one person refused; a complete number not in the plan is another
  const elsewhere = seed.room2Candidates[0]!;
  await scan(page, elsewhere.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'wrong_room');
  await expect(page.getByTestId('entry-hint')).toHaveCount(0);
  await expect(page.getByTestId('count-refused')).toContainText('1');
  await page.getByTestId('next').click();
  await scan(page, elsewhere.ticketNo);
  await expect(page.getByTestId('verdict-banner')).toContainText('已记录拒绝入场');
  await expect(page.getByTestId('count-refused')).toContainText('1');
  await scan(page, '26052199999');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'not_in_plan');
  await expect(page.getByTestId('count-refused')).toContainText('2');
  expect(sql(consoleApp, 'SELECT COUNT(*) AS n FROM checkin_refusals')).toEqual({ n: 3 });
});

test('a confirm whose answer was lost is retried as the same sign-in, never an alarm', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:41:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await cameraLive(page);
  // the first confirm reaches the console, but its answer is lost on the Wi-Fi
  let lose = true;
  await page.route('**/api/checkin.confirm', async (route) => {
    if (!lose) return route.continue();
    lose = false;
    await route.fetch();
    await route.abort('connectionreset');
  });
  const who = seed.room1Candidates[0]!;
  await scan(page, who.ticketNo);
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('door-error')).toContainText('网络中断，未收到签到结果：请再点一次「确认签到」');
  await expect(page.getByTestId('verdict-name')).toHaveText(who.name);
  await shots(page, 'confirm-lost');
  await page.getByTestId('confirm').click();
  await expect(page.getByText(`${who.name} 已签到（重试确认，仍是同一次签到），座号 1`)).toBeVisible();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  await expect(page.getByTestId('door-alerts')).toHaveCount(0);
  expect(sql(consoleApp, 'SELECT COUNT(*) AS n FROM checkins WHERE candidate_id = ? AND confirm_key IS NOT NULL', who.id)).toEqual({ n: 1 });
  expect(sql(consoleApp, 'SELECT COUNT(*) AS n FROM checkin_alerts')).toEqual({ n: 0 });
});

test('a duplicate alarm is closed as a false alarm (double read) with a note, and no incident is made', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:41:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await cameraLive(page);
  const who = seed.room1Candidates[0]!;
  await scan(page, who.ticketNo);
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  // the scanner reads the same card again
  await scan(page, who.ticketNo);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'already_here');
  const alertId = Number(sql(consoleApp, 'SELECT id FROM checkin_alerts').id);
  await page.getByTestId(`close-alert-${alertId}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('close-alert-submit')).toBeDisabled();
  await dialog.getByText('重复读卡（同一次签到读了两次）').click();
  await expect(dialog.getByTestId('close-alert-submit')).toBeDisabled();
  await dialog.getByLabel('说明').fill('扫码枪连读两次，本人已在座位上');
  await shots(page, 'false-alarm');
  await dialog.getByTestId('close-alert-submit').click();
  await expect(page.getByText('告警已作为误报关闭')).toBeVisible();
  await expect(page.getByTestId(`door-alert-${alertId}`)).toContainText('已作为误报关闭（重复读卡');
  await expect(page.getByTestId(`close-alert-${alertId}`)).toHaveCount(0);
  expect(sql(consoleApp, 'SELECT status, closed_reason, closed_note FROM checkin_alerts WHERE id = ?', alertId)).toEqual({ status: 'dismissed', closed_reason: 'double_read', closed_note: '扫码枪连读两次，本人已在座位上' });
  expect(sql(consoleApp, 'SELECT COUNT(*) AS n FROM incidents')).toEqual({ n: 0 });
});

test('a session that has ended says 本场已结束 and records nothing', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T10:31:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await expect(page.getByTestId('door-over')).toContainText('本场已结束');
  await expect(page.getByTestId('door-over')).toContainText('考试已于 10:30 结束');
  await expect(page.getByTestId('absent-open')).toHaveCount(0);
  await scan(page, seed.room1Candidates[0]!.ticketNo);
  await expect(page.getByTestId('door-error')).toContainText('本场已结束，未做任何记录。');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', '');
  await scan(page, seed.room2Candidates[0]!.ticketNo);
  await expect(page.getByTestId('count-refused')).toContainText('0');
  await shots(page, 'over');
  expect(sql(consoleApp, 'SELECT (SELECT COUNT(*) FROM checkins) + (SELECT COUNT(*) FROM checkin_refusals) + (SELECT COUNT(*) FROM checkin_alerts) AS n')).toEqual({ n: 0 });
});

test('absentees are marked with the second proctor’s staff number and PIN, as the dialog says', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T09:31:00+08:00');
  const seed = await openDoor(page, consoleApp);
  await page.getByTestId('absent-open').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('absent-intro')).toContainText('由第二监考人员输入本人工号和 PIN 确认');
  await expect(dialog.getByTestId('absent-list')).toContainText(seed.room1Candidates[0]!.name);
  await expect(dialog.getByTestId('absent-submit')).toBeDisabled();
  await dialog.getByLabel('第二监考人员工号').fill(PROCTOR_B.staffNo);
  await dialog.getByLabel('第二监考人员 PIN').fill('000000');
  await dialog.getByTestId('absent-submit').click();
  await expect(dialog.getByTestId('absent-error')).toContainText('PIN 不正确');
  await expect(page.getByTestId('count-absent')).toContainText('0');
  await dialog.getByLabel('第二监考人员 PIN').fill(PROCTOR_B.pin);
  await shots(page, 'absent-pin');
  await dialog.getByTestId('absent-submit').click();
  await expect(page.getByText('已标记 6 人缺考')).toBeVisible();
  await expect(page.getByTestId('count-absent')).toContainText('6');
  expect(sql(consoleApp, 'SELECT COUNT(*) AS n FROM checkin_absences WHERE second_proctor_id = ?', seed.proctorB)).toEqual({ n: 6 });
});

test('the doubtful-identity review shows the registered, door and card photos side by side with an outcome to choose', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await seedDoorPlan(consoleApp);
  const who = seed.room1Candidates[3]!;
  const proctor = await consoleApp.signIn(PROCTOR_A.staffNo, PROCTOR_A.pin);
  await consoleApp.call(
    'checkin.confirm',
    {
      sessionId: seed.theorySessionId,
      roomId: seed.room1.id,
      candidateId: who.id,
      method: 'ticket',
      scanned: who.ticketNo,
      photo: { jpegBase64: photo(2).toString('base64'), width: 144, height: 192 },
      doubtful: { reason: '人像与照片差异较大', secondStaffNo: PROCTOR_B.staffNo, secondPin: PROCTOR_B.pin },
    },
    proctor,
  );
  const checkinId = Number(sql(consoleApp, 'SELECT id FROM checkins WHERE candidate_id = ?', who.id).id);
  await signIn(page, consoleApp.url, SUPERVISOR.staffNo, SUPERVISOR.pin);
  await page.getByRole('menuitem', { name: '存疑考生与告警' }).click();
  await page.getByTestId(`review-${checkinId}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('review-photo-registered').locator('img')).toBeVisible();
  await expect(dialog.getByTestId('review-photo-door').locator('img')).toBeVisible();
  await expect(dialog.getByTestId('review-photo-card')).toContainText('读卡器尚未提供照片');
  // side by side: the three photos on one row. The tops are read in one frame, and again until the
  // dialog's opening animation has settled: three separate reads could land on three frames of it.
  await expect
    .poll(() =>
      dialog.getByTestId('review-photos').evaluate((row) => {
        const tops = ['registered', 'door', 'card'].map((k) => row.querySelector(`[data-testid="review-photo-${k}"]`)!.getBoundingClientRect().top);
        return new Set(tops.map((y) => Math.round(y))).size;
      }),
    )
    .toBe(1);
  await expect(dialog.getByTestId('review-submit')).toBeDisabled();
  await dialog.getByText('确认本人').click();
  await dialog.getByLabel('核查说明').fill('核对户籍信息与在校学籍，确为本人');
  await shots(page, 'review');
  await dialog.getByTestId('review-submit').click();
  await expect(page.getByTestId('doubtful-cases')).toContainText('确认本人：核对户籍信息与在校学籍，确为本人');
  expect(sql(consoleApp, 'SELECT review_outcome, review_note FROM checkins WHERE id = ?', checkinId)).toEqual({ review_outcome: 'confirmed', review_note: '核对户籍信息与在校学籍，确为本人' });
});
