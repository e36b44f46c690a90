// S2/S8 in Chromium: a redraw of a confirmed draw. The draw page asks for the reason, records the
// redraw as awaiting the supervisor while the confirmed draw stays in force (the session says which),
// the projector says the doors still use the confirmed draw, and the supervisor's PIN puts it in force.
import { seedDrawPlanOverHttp } from '../support/draw-e2e';
import { SITE_HEAD, expect, signIn, test } from './fixtures';

const TRAINED = Array.from({ length: 12 }, (_, i) => ({ proctor: i, room: i % 3, seat: Math.floor(i / 3) }));

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
]) {
  test(`S8: a redraw needs a reason and waits for the supervisor; the doors keep the confirmed draw until then (${viewport.width}×${viewport.height})`, async ({ page, consoleApp, pageErrors }) => {
    await page.setViewportSize(viewport);
    const seed = await seedDrawPlanOverHttp(consoleApp, { trained: TRAINED });
    const token = seed.head;
    const sup = seed.staffNo(seed.supervisorIds[0]!);
    const staff = [...seed.proctorIds, ...seed.chiefIds, ...seed.examinerIds, ...seed.supervisorIds, ...seed.scoreClerkIds];
    await consoleApp.call('draw.duty.mark', { batchId: seed.batchId, staffIds: staff, onDuty: true }, token);
    await consoleApp.call('draw.run', { batchId: seed.batchId }, token);
    await consoleApp.call('draw.confirm', { drawId: 1, staffNo: sup, pin: '135790' }, token);

    await signIn(page, consoleApp.url, SITE_HEAD.staffNo, SITE_HEAD.pin);
    await page.evaluate(() => {
      location.hash = '#/draw'; // the drawer menu below 992 px: go straight to the page
    });
    await expect(page.getByTestId(`session-draw-${seed.theorySessionId}`)).toContainText('正在使用：第 1 号抽签，督导员确认于');
    // S2: a redraw says why; the button waits for the reason
    await expect(page.getByTestId('draw-redraw-intro')).toBeVisible();
    await expect(page.getByTestId('draw-run')).toBeDisabled();
    await page.getByTestId('draw-reason').fill('投影故障，当众重新抽签');
    await page.getByTestId('draw-run').click();
    await expect(page.getByTestId('draw-status-2')).toHaveText('重新抽签，待督导员确认');
    await expect(page.getByTestId('draw-in-force-1')).toBeVisible();
    await expect(page.getByTestId(`session-draw-${seed.theorySessionId}`)).toContainText('第 1 号抽签');
    await expect(page.getByText('投影故障，当众重新抽签')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/draw-redraw-pending-${viewport.width}.png`, fullPage: true });

    // the projector shows the redraw's own result and says the doors still use draw 1
    await page.getByTestId('draw-screen-2').click();
    await expect(page.getByTestId('screen-in-force')).toContainText('本次重新抽签尚未生效：考场门口仍使用第 1 号抽签');
    await page.getByTestId('screen-reveal-all').click();
    await page.screenshot({ path: `test-results/screens/draw-redraw-screen-${viewport.width}.png`, fullPage: true });

    // the supervisor confirms the redraw with their PIN: now it is in force
    await page.getByTestId('screen-confirm').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('督导员工号').fill(sup);
    await dialog.getByLabel('督导员 PIN').fill('135790');
    await dialog.getByRole('button', { name: /督导确认/ }).click();
    await expect(page.getByTestId('screen-in-force')).toContainText('正在使用：第 2 号抽签，督导员确认于');
    const board = await consoleApp.call<{ sessions: { inForce: { drawId: number } | null }[] }>('draw.board', { batchId: seed.batchId }, token);
    expect(board.sessions.every((s) => s.inForce?.drawId === 2)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
}
