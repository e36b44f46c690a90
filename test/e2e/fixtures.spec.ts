// The fixtures themselves: the console under test closes only after the browser and the commands
// under way are done with it, and a failed test leaves its server log where Playwright keeps its trace and screenshot.
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../electron/services/runtime';
import { expect, openTestConsole, test } from './fixtures';

const demoDir = fileURLToPath(new URL('../../resources/demo-plan/', import.meta.url));

test.describe.configure({ mode: 'serial' });

let logOfFirst: string[] = [];

test('a command still running when the test ends…', async ({ consoleApp }) => {
  const token = await consoleApp.setupSite();
  const files = await Promise.all(['demo-plan.xlsx', 'demo-photos.zip'].map(async (name) => ({ name, data: (await readFile(join(demoDir, name))).toString('base64') })));
  // plan.check reads the workbook and 120 photos before it touches the database: the test ends meanwhile
  void consoleApp.tryCall('plan.check', { files }, token).catch(() => undefined);
  await expect.poll(() => consoleApp.log.filter((l) => l.includes('plan.check'))).toEqual([expect.stringMatching(/plan\.check …$/)]); // under way
  logOfFirst = consoleApp.log;
});

test('…finished on an open database before the console closed (no "connection is not open")', async () => {
  // the server's log of the previous test: teardown waited for plan.check, so its line is there, and ok
  expect(logOfFirst.filter((l) => l.includes('plan.check'))).toEqual([expect.stringMatching(/plan\.check …$/), expect.stringMatching(/plan\.check → ok/)]);
});

test('a failed test keeps the server log in its output folder, beside its trace and screenshot', async ({ browser }, testInfo) => {
  // the teardown as the fixture runs it, told the test failed (the trace and the screenshot are
  // Playwright's own: retain-on-failure and only-on-failure in playwright.config.ts)
  const opened = await openTestConsole({ clock: new ManualClock('2026-05-21T07:30:00+08:00') });
  await opened.fixture.setupSite();
  const dir = testInfo.outputPath('as-if-failed');
  mkdirSync(dir, { recursive: true });
  const attached: string[] = [];
  await opened.close(browser, {
    status: 'failed',
    outputPath: (...parts: string[]) => join(dir, ...parts),
    attach: async (name: string) => {
      attached.push(name);
    },
  });
  expect(attached).toEqual(['server.log']);
  const log = readFileSync(join(dir, 'server.log'), 'utf8');
  expect(log).toMatch(/setup\.init → ok/);
  expect(log).toMatch(/auth\.signIn → ok/);
});
