// The webcam reads the ticket's QR code (jsQR): a fake camera that films a printed ticket.
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { PLAN_CODE } from '../support/door-seed';
import { openDoor, sql } from '../support/door-e2e';
import { expect, test } from './fixtures';

// a fake camera that films a printed ticket QR: KDT1;<plan>;26052100002 (test/support/door-qr.mjpeg)
const film = fileURLToPath(new URL('../support/door-qr.mjpeg', import.meta.url));
test.use({ launchOptions: { executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${film}`] } });

test('holding the ticket to the camera finds the candidate', async ({ page, consoleApp }) => {
  consoleApp.clock.set('2026-05-21T08:45:00+08:00');
  const seed = await openDoor(page, consoleApp);
  expect(`${PLAN_CODE};${seed.room1Candidates[0]!.ticketNo}`).toBe('P370400202605210001;26052100002');
  await expect.poll(() => page.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await page.getByTestId('qr-camera').click();
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'ok');
  await expect(page.getByTestId('verdict-name')).toHaveText('张𠀋');
  await page.getByTestId('confirm').click();
  await expect(page.getByTestId('count-signedIn')).toContainText('1');
  expect(sql(consoleApp, 'SELECT method FROM checkins')).toEqual({ method: 'qr' });
});
