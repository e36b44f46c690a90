// Steps the door's e2e specs share: open room 1's door as a proctor, scan like a wedge scanner, read the database.
import type { Page } from '@playwright/test';
import { PROCTOR_A, seedDoor, type DoorSeed } from './door-seed';
import { expect, signIn, type ConsoleFixture } from '../e2e/fixtures';

export async function openDoor(page: Page, app: ConsoleFixture, staff = PROCTOR_A): Promise<DoorSeed> {
  await app.setupSite();
  const seed = seedDoor(app.app.env.opened.db, app.clock);
  await signIn(page, app.url, staff.staffNo, staff.pin);
  await expect(page.getByTestId('whoami')).toContainText(staff.name);
  await page.getByRole('menuitem', { name: '考场门口签到' }).click();
  await page.getByTestId(`open-door-${seed.theorySessionId}-${seed.room1.id}`).click();
  await expect(page.getByTestId('door-room')).toHaveText('第1考场');
  return seed;
}

export async function scan(page: Page, code: string): Promise<void> {
  const input = page.getByTestId('scan-input');
  await expect(input).toBeFocused();
  // a wedge scanner types the code and presses Enter
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

export const sql = (app: ConsoleFixture, q: string, ...args: unknown[]) => app.app.env.opened.sqlite.prepare(q).get(...args) as Record<string, unknown>;

/** Waits until the fake camera delivers frames, so a confirm captures a photo (on a loaded machine it starts late). */
export async function cameraLive(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('live-video').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 15_000 }).toBeGreaterThan(0);
}
