// A console on a data folder of its own that asks for its recovery code (no key from the
// environment), and the first-start form filled as the site head would: the specs that set a site
// up through the UI and then back it up, restore or unlock it start here.
import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startConsole, type ConsoleApp } from '../../electron/app';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';
import { SITE_HEAD } from '../e2e/fixtures';

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export async function consoleOn(dataDir: string): Promise<{ app: ConsoleApp; server: RunningServer }> {
  const app = startConsole({ dataDir, clock: new ManualClock('2026-05-21T07:30:00+08:00'), unlock: { useEnv: false } });
  return { app, server: await startHttpServer({ app, port: 0, rendererDir }) };
}

/** The first-start form (the site, its head and the head's PIN) filled and sent. */
export async function fillFirstStart(page: Page): Promise<void> {
  await page.getByLabel('考点名称').fill(SITE_HEAD.siteName);
  await page.getByLabel('考点负责人姓名').fill(SITE_HEAD.name);
  await page.getByLabel('考点负责人工号').fill(SITE_HEAD.staffNo);
  await page.getByLabel('PIN（6–12 位数字）').fill(SITE_HEAD.pin);
  await page.getByLabel('再次输入 PIN').fill(SITE_HEAD.pin);
  await page.getByRole('button', { name: '完成设置' }).click();
}
