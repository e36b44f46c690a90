// e2e helpers for the floor screens: open the console as someone in Chromium (their token in the
// tab, as a bookmarked tablet would hold it), and the sizes people use for screenshots.
import type { Page } from '@playwright/test';

const TOKEN_KEY = 'esc.token';

/**
 * Opens a route holding a token (a fresh load). A tab already on the console changes its token and
 * route in place and reloads once; a new tab loads the console first.
 */
export async function openAs(page: Page, url: string, token: string, hash = '/'): Promise<void> {
  if (!page.url().startsWith(`${url}/`)) {
    await page.goto(`${url}/#${hash}`);
    // the first load settles (the sign-in form, or the shell of a tab already signed in) before the
    // token goes in: a load still starting clears a token it did not find, and the reload below would
    // then open the sign-in again
    await page.locator('#staffNo').or(page.getByTestId('whoami')).first().waitFor();
  }
  // the route goes in without a navigation (replaceState: the page under the old token does not
  // follow it), so the one reload opens the route under the new token
  await page.evaluate(([k, t, h]) => {
    sessionStorage.setItem(k!, t!);
    history.replaceState(history.state, '', `#${h!}`);
  }, [TOKEN_KEY, token, hash]);
  await page.reload();
}

/** portrait tablet, landscape tablet, the projector */
export const SHOT_SIZES = [
  { width: 800, height: 1280 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Whether the page scrolls sideways (it must not, at any size). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
