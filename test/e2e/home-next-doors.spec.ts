// The afternoon of the demo day (stage 'doors', 15:05): every door has been worked, one room of the
// morning closed entry with two people missing (E4), a doubtful sign-in waits for the supervisor.
// The home counts what waits for each role; the dashboard shows the rooms as coloured tiles with a
// legend and the sign-in curve, the table below.
import { pickOption } from '../support/antd-e2e';
import { openAs, overflowsSideways, SHOT_SIZES } from '../support/home-e2e';
import { expect, test } from './fixtures';

test.use({ day: 'doors' });

test('doors worked: the head and the supervisor see what waits with counts; a proctor goes to the next door or is free (E4, E6, S5, S8)', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const { url } = consoleApp;
  const sqlite = consoleApp.app.env.opened.sqlite;
  const n = (q: string, ...a: unknown[]) => (sqlite.prepare(q).get(...a) as { n: number }).n;
  await page.setViewportSize({ width: 1280, height: 800 });

  // the site head: standards still first; 3 sheets owed for each skill candidate who came (S5), the theory scores, then the pending case
  const head = await consoleApp.signIn(day.site.staffNo, day.site.pin);
  await openAs(page, url, head);
  const first = page.getByTestId('next-first');
  await expect(first).toHaveAttribute('data-code', 'standards.set');
  const owed = day.panels.reduce((sum, p) => sum + p.members.length * n('SELECT COUNT(*) AS n FROM checkins WHERE session_id = ? AND room_id = ?', p.sessionId, p.roomId), 0);
  await expect(page.getByTestId('next-sheets.waiting')).toContainText(`尚有 ${owed} 份评分表待考评员签名提交`);
  const theory = n("SELECT COUNT(*) AS n FROM checkins ck JOIN exam_sessions es ON es.id = ck.session_id JOIN subjects su ON su.id = es.subject_id WHERE su.kind = 'theory'");
  await expect(page.getByTestId('next-theory.waiting')).toContainText(`${theory} 名考生的理论成绩尚未确认`);
  await expect(page.getByTestId('next-cases.pending')).toContainText('1 件待督导处理');
  await page.screenshot({ path: 'test-results/screens/home-head-doors-1280x800.png', fullPage: true });

  // the supervisor: the doubtful sign-in nobody has reviewed is a pending case, one click from the desk
  const sup = await consoleApp.signIn(day.supervisor.staffNo, day.staffPin, 'supervisor');
  await openAs(page, url, sup);
  await expect(first).toHaveAttribute('data-code', 'cases.pending');
  await expect(first).toContainText('1 件待督导处理：违纪裁定、告警、存疑身份');
  await expect(page.getByTestId('next-doors.watch')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/home-supervisor-doors-1280x800.png', fullPage: true });
  await page.getByTestId('next-go').click();
  await expect(page).toHaveURL(/#\/incidents\/cases$/);

  // proctors (the draw is random): one drawn to a door still ahead is sent there; one whose doors are all over is told nothing waits
  const later = (staffId: number) => day.sessions.flatMap((s) => s.rooms.filter((r) => r.proctors.some((p) => p.staffId === staffId)).map((r) => ({ s, r }))).filter((d) => Date.parse(d.s.endsAt) > Date.parse(day.at));
  const proctors = [...new Map(day.sessions.flatMap((s) => s.rooms.flatMap((r) => r.proctors)).map((p) => [p.staffId, p])).values()];
  const busy = proctors.find((p) => later(p.staffId).length > 0);
  expect(busy, 'a proctor drawn to a later session').toBeDefined();
  const next = later(busy!.staffId)[0]!;
  await openAs(page, url, await consoleApp.signIn(busy!.staffNo, day.staffPin, 'proctor'));
  await expect(first).toContainText(`${next.s.name} · ${next.r.code}`);
  await page.getByTestId('next-go').click();
  await expect(page).toHaveURL(new RegExp(`#/door/room/${next.s.id}/${next.r.id}$`));
  const free = proctors.find((p) => later(p.staffId).length === 0);
  if (free) {
    await openAs(page, url, await consoleApp.signIn(free.staffNo, day.staffPin, 'proctor'));
    await expect(first).toHaveAttribute('data-code', 'day.nothing');
    await expect(first).toContainText('目前没有需要您处理的事项');
    await expect(page.getByTestId('next-go')).toHaveCount(0);
  }
  expect(pageErrors).toEqual([]);
});

test('the dashboard as a picture: the room with people missing is orange, full rooms green, a legend, the sign-in curve; the table below (E4)', async ({ page, consoleApp, pageErrors }) => {
  const day = consoleApp.day!;
  const head = await consoleApp.signIn(day.site.staffNo, day.site.pin);
  const morning = day.sessions[0]!;
  const [short, full] = [morning.rooms[0]!, morning.rooms[1]!];
  await page.setViewportSize(SHOT_SIZES[0]);
  await openAs(page, consoleApp.url, head, '/incidents/dashboard');
  for (const size of SHOT_SIZES) {
    await page.setViewportSize(size);
    const missing = page.getByTestId(`room-tile-${morning.id}-${short.id}`);
    await expect(missing).toHaveAttribute('data-state', 'missing');
    await expect(missing).toHaveCSS('background-color', 'rgb(250, 140, 22)');
    await expect(missing).toContainText(`${short.candidates.length - 2}/${short.candidates.length} 人`);
    await expect(missing).toContainText('未到 2');
    const complete = page.getByTestId(`room-tile-${morning.id}-${full.id}`);
    await expect(complete).toHaveAttribute('data-state', 'complete');
    await expect(complete).toHaveCSS('background-color', 'rgb(56, 158, 13)');
    await expect(page.getByTestId('room-legend')).toContainText('已截止，有人未到');
    for (const label of ['未开始', '签到中', '已截止，全部到场', '有待处理事项']) await expect(page.getByTestId('room-legend')).toContainText(label);
    await expect(page.getByTestId('signin-curve').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('dashboard')).toBeVisible();
    expect(await overflowsSideways(page), `dashboard at ${size.width}×${size.height}`).toBe(false);
    await page.screenshot({ path: `test-results/screens/dashboard-${size.width}x${size.height}.png`, fullPage: true });
  }
  // the morning session's curve: everyone who signed in, the latecomer admitted after the cut-off included
  await pickOption(page.getByTestId('curve-session'), page.locator('.ant-select-item-option', { hasText: `09:00 ${morning.name}` }), `09:00 ${morning.name}`);
  const signed = morning.rooms.reduce((sum, r) => sum + r.candidates.length, 0) - 2;
  await expect(page.getByTestId('signin-curve')).toHaveAttribute('aria-label', `已签到 ${signed}/${signed + 2}`);
  await page.screenshot({ path: 'test-results/screens/dashboard-curve-morning-1920x1080.png' });
  // a tile opens its room
  await page.getByTestId(`room-tile-${morning.id}-${short.id}`).click();
  await expect(page).toHaveURL(new RegExp(`#/incidents/room/${morning.id}/${short.id}$`));
  expect(pageErrors).toEqual([]);
});
