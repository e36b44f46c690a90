// The e2e fixtures (test/e2e/README.md says how to use them). One console per test: a fresh data
// folder (empty, or a copy of the demo day at a stage: `test.use({ day: 'scored' })`), a clock the
// test controls, the browser shell on a free port, a command API over real HTTP for seeding, and a
// page that fails on CSP violations or page errors. The browser is closed before the server, the
// server before the database; a failed test leaves the server's log beside its trace and screenshot.
import { test as base, expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConsole, type ConsoleApp } from '../../electron/app';
import type { CallResult } from '../../electron/commands/registry';
import { lowerPinCostForTests } from '../../electron/services/pins';
import { ManualClock } from '../../electron/services/runtime';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import { httpTransport, type Transport } from '../../scripts/api-client';
import { DayStore, type DayFacts, type DayStage } from '../support/days';

export type { DayFacts, DayStage } from '../support/days';

// the consoles of this worker hash new PINs at the test cost (the seeds' enrolments, the demo day's
// staff when a worker plays it); a hash is checked at the cost it names (electron/services/pins.ts)
lowerPinCostForTests();

export interface ConsoleFixture {
  app: ConsoleApp;
  server: RunningServer;
  url: string;
  dataDir: string;
  clock: ManualClock;
  /** calls a command over HTTP (POST /api/<method>), as a browser would; throws on a refusal */
  call<T = unknown>(method: string, input: unknown, token?: string): Promise<T>;
  /** the same, returning the refusal instead of throwing it */
  tryCall(method: string, input: unknown, token?: string): Promise<CallResult>;
  /** signs a staff member in over HTTP and returns the token (PIN: the site head's or the day's staff PIN) */
  signIn(staffNo: string, pin?: string, role?: string): Promise<string>;
  /** first start plus a signed-in token for the site head (H001 / 246810); on a day, only the token */
  setupSite(): Promise<string>;
  /** the demo day at the test's stage (test.use({ day })); null on an empty console */
  day: DayFacts | null;
  /** what the server saw: one line per command, and what it logged (kept as server.log when a test fails) */
  log: string[];
}

export const SITE_HEAD = { staffNo: 'H001', pin: '246810', name: '李𠀋明', siteName: '枣庄市技师学院考点' };

const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface ConsoleOptions {
  clock: ManualClock;
  /** starts the server for the app (default: the browser shell on 127.0.0.1, any free port) */
  serve?: (app: ConsoleApp) => Promise<RunningServer>;
  /** the demo day stage to copy in before the console opens */
  day?: { store: DayStore; stage: DayStage } | null;
  /** where the fixture's own commands go (default: the server's url); https with the CA to trust */
  api?: (server: RunningServer) => { url: string; ca?: string };
}

/**
 * A console under test with its server, and the teardown in the order that keeps it quiet: the
 * browser's pages first (they poll), then the server, then the commands still running, the sync
 * runner, and last the database. Used by the consoleApp fixture and by fixtures that serve otherwise (LAN).
 */
export async function openTestConsole(opts: ConsoleOptions): Promise<{ fixture: ConsoleFixture; close(browser: Browser, testInfo: Pick<TestInfo, 'status' | 'outputPath' | 'attach'>): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'esc-e2e-'));
  const day = opts.day ? opts.day.store.restore(opts.day.stage, dataDir) : null;
  const clock = opts.clock;
  if (day) clock.set(day.at);
  const app = openConsole({ dataDir, clock });
  const log: string[] = [];
  const t0 = Date.now();
  const stamp = () => `+${((Date.now() - t0) / 1000).toFixed(3)}s`;
  let inFlight = 0;
  let quiet: (() => void) | null = null;
  // the server calls through this wrapper: each command is logged, and teardown can wait for the last one
  const served: ConsoleApp = {
    get env() {
      return app.env;
    },
    get state() {
      return app.state;
    },
    get lockReason() {
      return app.lockReason;
    },
    get backups() {
      return app.backups;
    },
    unlock: (code) => app.unlock(code),
    onOpen: (fn) => app.onOpen(fn),
    close: () => app.close(),
    call: async (req) => {
      inFlight += 1;
      const started = Date.now();
      log.push(`${stamp()} ${req.device} ${req.method} …`);
      try {
        const r = await app.call(req);
        log.push(`${stamp()} ${req.device} ${req.method} → ${r.ok ? 'ok' : `${r.error.code} ${r.error.message}`} (${Date.now() - started} ms)`);
        return r;
      } catch (e) {
        log.push(`${stamp()} ${req.device} ${req.method} → threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        throw e;
      } finally {
        inFlight -= 1;
        if (inFlight === 0) quiet?.();
      }
    },
  };
  // what the console prints while the test runs (dispatch errors, the http error handler) goes to the log too
  const original = { error: console.error, warn: console.warn };
  const tee =
    (kind: 'error' | 'warn') =>
    (...args: unknown[]) => {
      log.push(`${stamp()} console.${kind}: ${args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ')}`);
      original[kind](...args);
    };
  console.error = tee('error');
  console.warn = tee('warn');

  const server = await (opts.serve ?? ((a) => startHttpServer({ app: a, port: 0, rendererDir })))(served);
  const api = opts.api?.(server) ?? { url: server.url };
  const transport: Transport = httpTransport(api.url, 'e2e-fixture', api.ca ? { ca: api.ca } : {});
  const tryCall = (method: string, input: unknown, token?: string) => transport({ method, input, token: token ?? null, device: 'e2e-fixture' });
  const call = async <T,>(method: string, input: unknown, token?: string): Promise<T> => {
    const r = await tryCall(method, input, token);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };
  const signInOver = async (staffNo: string, pin?: string, role?: string) => {
    const headNo = day ? day.site.staffNo : SITE_HEAD.staffNo;
    const thePin = pin ?? (staffNo === headNo ? (day ? day.site.pin : SITE_HEAD.pin) : (day?.staffPin ?? '135790'));
    return (await call<{ token: string }>('auth.signIn', role ? { staffNo, pin: thePin, role } : { staffNo, pin: thePin })).token;
  };
  const fixture: ConsoleFixture = {
    app,
    server,
    url: server.url,
    dataDir,
    clock,
    call,
    tryCall,
    signIn: signInOver,
    setupSite: async () => {
      if (!day) await call('setup.init', { siteName: SITE_HEAD.siteName, headName: SITE_HEAD.name, staffNo: SITE_HEAD.staffNo, pin: SITE_HEAD.pin });
      return signInOver(day ? day.site.staffNo : SITE_HEAD.staffNo);
    },
    day,
    log,
  };
  return {
    fixture,
    close: async (browser, testInfo) => {
      // 1. the browser is done with the server: every page of this test closed (traces and failure
      //    screenshots are taken as a context closes, so nothing is lost)
      await Promise.all(browser.contexts().map((c) => c.close()));
      // 2. no new requests; 3. the commands under way finish; 4. the database. (The sync runner may
      //    still be waiting to retry a platform that is off: it checks the database is open before each
      //    round and rests when it is not, so it is not waited for.)
      await server.close();
      if (inFlight > 0) await new Promise<void>((r) => (quiet = r));
      app.close();
      console.error = original.error;
      console.warn = original.warn;
      // a failure (expected or not) keeps the log beside the trace and the screenshot
      const failed = testInfo.status === 'failed' || testInfo.status === 'timedOut' || testInfo.status === 'interrupted';
      if (failed) {
        const file = testInfo.outputPath('server.log');
        writeFileSync(file, `${log.join('\n')}\n`);
        await testInfo.attach('server.log', { path: file, contentType: 'text/plain' });
      }
      rmSync(dataDir, { recursive: true, force: true });
      const internal = log.filter((l) => / → (threw|INTERNAL)|console\.error: dispatch/.test(l));
      if (internal.length && !failed) {
        const file = testInfo.outputPath('server.log');
        writeFileSync(file, `${log.join('\n')}\n`);
        await testInfo.attach('server.log', { path: file, contentType: 'text/plain' });
        throw new Error(`the console failed inside (INTERNAL) during the test:\n${internal.join('\n')}`);
      }
    },
  };
}

export const test = base.extend<{ consoleApp: ConsoleFixture; pageErrors: string[] }, { day: DayStage | null; dayStore: DayStore | null }>({
  // worker options: a file that starts from the demo day says test.use({ day: '<stage>' })
  day: [null, { scope: 'worker', option: true }],
  // the demo day is played once for the whole run (in the first worker that needs it; others wait
  // for the stage they start from, not for the whole day), not within any one test's time: the
  // timeout is the build's, not a test's
  dayStore: [
    async ({ day }, use, workerInfo) => {
      if (!day) return use(null);
      const store = new DayStore();
      const ms = await store.ensure((l) => console.log(l), day);
      if (ms > 1000) console.log(`e2e day ${store.key} ready for worker ${workerInfo.workerIndex} after ${(ms / 1000).toFixed(1)} s`);
      await use(store);
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  consoleApp: async ({ browser, day, dayStore }, use, testInfo) => {
    const opened = await openTestConsole({ clock: new ManualClock('2026-05-21T07:30:00+08:00'), day: day && dayStore ? { store: dayStore, stage: day } : null });
    await use(opened.fixture);
    await opened.close(browser, testInfo);
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
  // signed in once the shell names the user: a reload or a hash change before that would race the
  // sign-in's own navigation to the home page
  await expect(page.getByTestId('whoami')).toBeVisible();
}
