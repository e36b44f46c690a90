// The demo site in Chromium (`npm start -- --demo`): it lives on the demo exam day, and for training
// the site head moves its clock forward from the header (forward only, audited).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsole } from '../../electron/app';
import { loadDemo, startDemoClock } from '../../electron/server/demo';
import { startHttpServer } from '../../electron/server/http';
import { OffsetClock } from '../../electron/services/runtime';
import { expect, signIn, test } from './fixtures';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

test('demo clock: the header shows the exam day; the site head jumps to 09:00 the next day; a proctor only sees it', async ({ page, pageErrors }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'esc-e2e-demo-'));
  const clock = new OffsetClock();
  const app = openConsole({ dataDir, clock });
  const server = await startHttpServer({ app, port: 0, rendererDir });
  try {
    await loadDemo(app);
    startDemoClock(app, clock);
    await signIn(page, server.url, 'H001', '246810');
    const tag = page.getByTestId('demo-clock');
    await expect(tag).toContainText('2026-05-21 07:3');
    await tag.click();
    await expect(page.getByTestId('demo-clock-panel')).toContainText('只能向后拨');
    await page.screenshot({ path: 'test-results/screens/demo-clock.png' });
    await page.getByTestId('demo-clock-nextMorning').click();
    // the page reloads on the new time; a day on, the session has ended: the sign-in page says so
    await expect(page.getByText('登录已过期，请重新登录。')).toBeVisible();
    await signIn(page, server.url, 'H001', '246810');
    await expect(page.getByTestId('demo-clock')).toContainText('2026-05-22 09:0');
    const n = app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'demo.clock.advance' AND outcome = 'ok'").get() as { n: number };
    expect(n.n).toBe(1);

    // a proctor sees the demo time but gets no controls
    await page.getByTestId('sign-out').click();
    const proctorNo = (app.env.opened.sqlite.prepare("SELECT s.staff_no AS n FROM staff s JOIN staff_roles r ON r.staff_id = s.id WHERE r.role = 'proctor' LIMIT 1").get() as { n: string }).n;
    await signIn(page, server.url, proctorNo, '135790');
    await page.getByTestId('demo-clock').click();
    await expect(page.getByTestId('demo-clock-panel')).toHaveCount(0);
    expect(pageErrors).toEqual([]);
  } finally {
    // the browser first (its pages poll the server), then the server, then the database
    await page.context().close();
    await server.close();
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
