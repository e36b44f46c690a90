// One console per test: a fresh data folder, a clock the test controls, fixed randomness where
// asked, the browser shell on a free port, and a page that fails on CSP violations or page errors.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsole, type ConsoleApp } from '../../electron/app';
import { ManualClock } from '../../electron/services/runtime';
import { startHttpServer, type RunningServer } from '../../electron/server/http';

export interface ConsoleFixture {
  app: ConsoleApp;
  server: RunningServer;
  url: string;
  dataDir: string;
  clock: ManualClock;
  /** calls a command as the UI would, over the same registry */
  call<T = unknown>(method: string, input: unknown, token?: string): Promise<T>;
  /** first start plus a signed-in token for the site head (H001 / 246810) */
  setupSite(): Promise<string>;
}

export const SITE_HEAD = { staffNo: 'H001', pin: '246810', name: '李𠀋明', siteName: '枣庄市技师学院考点' };

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export const test = base.extend<{ consoleApp: ConsoleFixture; pageErrors: string[] }>({
  consoleApp: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'esc-e2e-'));
    const clock = new ManualClock('2026-05-21T07:30:00+08:00');
    const app = openConsole({ dataDir, clock });
    const server = await startHttpServer({ app, port: 0, rendererDir });
    const callFn = async <T,>(method: string, input: unknown, token?: string): Promise<T> => {
      const r = await app.call({ method, input, token: token ?? null, device: 'e2e-fixture' });
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.data as T;
    };
    const fixture: ConsoleFixture = {
      app,
      server,
      url: server.url,
      dataDir,
      clock,
      call: callFn,
      setupSite: async () => {
        await callFn('setup.init', { siteName: SITE_HEAD.siteName, headName: SITE_HEAD.name, staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin });
        const s = await callFn<{ token: string }>('auth.signIn', { staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin });
        return s.token;
      },
    };
    await use(fixture);
    await server.close();
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(`csp: ${m.text()}`);
    });
    await use(errors);
    expect(errors, 'page errors or CSP violations').toEqual([]);
  },
});

export { expect };

export async function signIn(page: Page, url: string, staffNo: string, pin: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
}
