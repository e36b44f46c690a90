// The home says what comes next, from the data, on the morning the draw is confirmed (the demo day
// at 'drawn'): the site head is told to set the 评分标准 before scoring, a proctor is sent to the
// door of the room drawn for them with how many are still out, the supervisor waits for the first
// start. The menu groups pages by the phases of the day and shows each role only its own; rule ids
// stand in tooltips, not in titles.
import { openAs, overflowsSideways, SHOT_SIZES } from '../support/home-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'drawn' });

test('drawn: the site head is told to set the 评分标准 before scoring; the menu by phase (G3)', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const { url } = consoleApp;
  const skillSubjects = (consoleApp.app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM subjects WHERE kind <> 'theory'").get() as { n: number }).n;

  // the site head: the standards come first (the draw is done), with how many subjects lack one
  const head = await consoleApp.signIn(day.site.staffNo, day.site.pin);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openAs(page, url, head);
  const first = page.getByTestId('next-first');
  await expect(first).toHaveAttribute('data-code', 'standards.set');
  await expect(first).toContainText(`设置评分标准：${skillSubjects} 个技能/评审科目尚无评分标准`);
  await expect(page.getByTestId('next-doors.next')).toContainText(`09:00 ${day.sessions[0]!.name}开考`);
  // the rule is in the tooltip, not in the words
  await expect(first).not.toContainText('G3');
  await first.getByRole('img').hover();
  await expect(page.getByRole('tooltip')).toContainText('（G3）');
  // every phase has a page for the head; the labels carry no rule ids
  for (const [phase, label] of [['prep', '准备'], ['exam', '考试'], ['results', '评分与结果'], ['seal', '封存与上报'], ['system', '系统']] as const) {
    await expect(page.getByTestId(`nav-phase-${phase}`)).toHaveText(label);
  }
  await expect(page.locator('.ant-menu')).not.toContainText(/[EGS]\d/);
  for (const size of SHOT_SIZES) {
    await page.setViewportSize(size);
    await expect(first).toBeVisible();
    expect(await overflowsSideways(page), `home at ${size.width}×${size.height}`).toBe(false);
    await page.screenshot({ path: `test-results/screens/home-head-drawn-${size.width}x${size.height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('next-go').click();
  await expect(page).toHaveURL(/#\/scoring\/standards$/);
  expect(pageErrors).toEqual([]);
});

test('drawn: a proctor is sent to the door drawn for them; the supervisor waits for the first start (S2, E4)', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const { url } = consoleApp;
  const first = page.getByTestId('next-first');
  await page.setViewportSize({ width: 1280, height: 800 });

  // a proctor: the door of the morning's first room, everyone still out, entry closing at 09:30 (E4)
  const session = day.sessions[0]!;
  const room = session.rooms[0]!;
  const proctor = room.proctors[0]!;
  const pt = await consoleApp.signIn(proctor.staffNo, day.staffPin, 'proctor');
  await openAs(page, url, pt);
  await expect(first).toHaveAttribute('data-code', 'door.signIn');
  await expect(first).toContainText(`09:00 ${session.name} · ${room.code}：门口签到，${room.candidates.length} 人未签到，09:30 停止入场`);
  // a proctor's menu: the exam only, nothing of the preparation or the seal
  await expect(page.getByTestId('nav-phase-exam')).toBeVisible();
  await expect(page.getByTestId('nav-phase-prep')).toHaveCount(0);
  await expect(page.getByTestId('nav-phase-seal')).toHaveCount(0);
  await expect(page.getByRole('menuitem', { name: '抽签' })).toHaveCount(0);
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: 'test-results/screens/home-proctor-drawn-800x1280.png', fullPage: true });
  await page.getByTestId('next-go').click();
  await expect(page).toHaveURL(new RegExp(`#/door/room/${session.id}/${room.id}$`));
  await expect(page.getByTestId('door-room')).toBeVisible();

  // the supervisor: duty and the draw are done; the first start is next
  await page.setViewportSize({ width: 1280, height: 800 });
  const sup = await consoleApp.signIn(day.supervisor.staffNo, day.staffPin, 'supervisor');
  await openAs(page, url, sup);
  await expect(first).toHaveAttribute('data-code', 'doors.next');
  await expect(first).toContainText(`09:00 ${session.name}开考`);
  await expect(page.getByTestId('next-rest')).toHaveCount(0);
  // in English too
  await page.getByTestId('lang-switch').click();
  await expect(first).toContainText(`${session.name} starts at 09:00`);
  await expect(page.getByTestId('nav-phase-exam')).toHaveText('Exam');
  expect(pageErrors).toEqual([]);
});
