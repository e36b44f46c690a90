// The door screen as a cheap tablet sees it, in Debian's Chromium against the real server:
// 1. first load of the door route (a fresh browser, the token in hand, straight to the door): the
//    script bytes as they crossed the wire (brotli), next to every script chunk of the build, so the
//    route split shows. Target (floor screens): ≤ 300 KB.
// 2. scan-to-verdict with 10,000 candidates in the plan: from the scanner's Enter (the keydown's own
//    time stamp) to the frame that paints the verdict's name, measured in the page, 200 scans
//    alternating two candidates. Target: p95 ≤ 100 ms. Printed beside it, not the target: the same
//    scans as the test driver sees them (Playwright's press, with its actionability waits, until a
//    polled check sees the name), which adds the driver's round trips to what the proctor sees.
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';
import { CHROMIUM, CHROMIUM_ARGS } from '../../playwright.config';
import { PROCTOR_A, seedDoor } from '../../test/support/door-seed';

const SCANS = 200;
const KB = 1024;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`跳过：找不到 Chromium（${CHROMIUM}）/ skipped: no Chromium`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-door-screen-'));
  const rendererDir = join(dir, 'renderer');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', rendererDir, '--emptyOutDir'], { stdio: 'inherit' });
  const assets = join(rendererDir, 'assets');
  const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const brOf = (f: string) => (existsSync(join(assets, `${f}.br`)) ? statSync(join(assets, `${f}.br`)).size : statSync(join(assets, f)).size);
  const allBr = chunks.reduce((n, f) => n + brOf(f), 0);

  const clock = new ManualClock('2026-05-21T08:30:00+08:00');
  const app = openConsole({ dataDir: join(dir, 'data'), clock });
  const server = await startHttpServer({ app, port: 0, rendererDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const r = await app.call({ method: 'setup.init', input: { siteName: '基准考点', headName: '负责人', staffNo: 'H1', pin: '246810' }, token: null, device: 'bench' });
    if (!r.ok) throw new Error(r.error.message);
    const { sqlite, db } = app.env.opened;
    const seed = sqlite.transaction(() => seedDoor(db, clock, { room1Count: 30, room2Count: 30, bulkRooms: 332, bulkPerRoom: 30 }))();
    const total = (sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n;
    const signed = await app.call({ method: 'auth.signIn', input: { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin }, token: null, device: 'bench' });
    if (!signed.ok) throw new Error(signed.error.message);
    const token = (signed.data as { token: string }).token;

    // 1. first load
    const ctx = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await ctx.addInitScript((t) => sessionStorage.setItem('esc.token', t), token);
    const page = await ctx.newPage();
    const scripts: { url: string; bytes: number; encoding: string }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      pending.push(
        (async () => {
          const sizes = await res.request().sizes();
          scripts.push({ url: res.url().replace(server.url, ''), bytes: sizes.responseBodySize, encoding: (await res.allHeaders())['content-encoding'] ?? 'identity' });
        })(),
      );
    });
    await page.goto(`${server.url}/#/door/room/${seed.theorySessionId}/${seed.room1.id}`);
    await page.getByTestId('scan-input').waitFor();
    await Promise.all(pending);
    const doorBytes = scripts.reduce((n, s) => n + s.bytes, 0);
    console.log(`door first load: ${scripts.length} scripts, ${(doorBytes / KB).toFixed(1)} KB over the wire (${[...new Set(scripts.map((s) => s.encoding))].join(', ')}); the whole build: ${chunks.length} chunks, ${(allBr / KB).toFixed(1)} KB brotli`);
    for (const s of scripts.sort((a, b) => b.bytes - a.bytes).slice(0, 6)) console.log(`  ${s.url}  ${(s.bytes / KB).toFixed(1)} KB`);
    console.log(`  target: ≤ 300 KB (${doorBytes <= 300 * KB ? 'met' : 'NOT met'})`);

    // 2. scan to verdict, 10,000 candidates in the plan
    const a = seed.room1Candidates[0]!;
    const b = seed.room1Candidates[1]!;
    const times: number[] = [];
    const driver: number[] = [];
    for (let i = 0; i < SCANS + 10; i++) {
      const c = i % 2 === 0 ? a : b;
      const dt = await scanOnce(page, c.ticketNo, c.name);
      // the first few warm the page up
      if (i >= 10) {
        times.push(dt.inPage);
        driver.push(dt.driver);
      }
    }
    times.sort((x, y) => x - y);
    driver.sort((x, y) => x - y);
    console.log(`scan → verdict in Chromium (${total} candidates, ${SCANS} scans, Enter → verdict painted): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms   target: p95 ≤ 100 ms (${pct(times, 95) <= 100 ? 'met' : 'NOT met'})`);
    console.log(`  as the test driver sees it (press → polled check, its round trips included): p50 ${pct(driver, 50).toFixed(1)} ms, p95 ${pct(driver, 95).toFixed(1)} ms`);
    await ctx.close();
  } finally {
    await browser.close();
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Types a ticket as a wedge scanner does, then times Enter until the verdict names the candidate:
 * in the page, from the Enter keydown's time stamp to the animation frame callback after the name
 * is in the DOM (the frame that paints it; read when the callback runs, so never before the DOM
 * change); and as the driver sees it. The green verdict before it is
 * dismissed first (untimed): the door holds a next scan while one waits (E3).
 */
async function scanOnce(page: Page, ticket: string, name: string): Promise<{ inPage: number; driver: number }> {
  const next = page.getByTestId('next');
  if (await next.count()) {
    await next.click();
    await page.getByTestId('verdict-name').waitFor({ state: 'detached' });
  }
  const input = page.getByTestId('scan-input');
  await input.fill(ticket);
  // a string, not a function: the bench runs under tsx, whose helpers (__name) the page does not have
  await page.evaluate(`(() => {
    const n = ${JSON.stringify(name)};
    window.__scanTimed = new Promise((resolve) => {
      let t0 = 0;
      const onKey = (e) => {
        if (e.key !== 'Enter') return;
        t0 = e.timeStamp;
        document.removeEventListener('keydown', onKey, true);
      };
      document.addEventListener('keydown', onKey, true);
      const mo = new MutationObserver(() => {
        if (!t0 || document.querySelector('[data-testid="verdict-name"]')?.textContent !== n) return;
        mo.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - t0));
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  })()`);
  const t0 = performance.now();
  await input.press('Enter');
  await page.waitForFunction((n) => document.querySelector('[data-testid="verdict-name"]')?.textContent === n, name, { polling: 'raf' });
  const driver = performance.now() - t0;
  const inPage = await page.evaluate(() => (window as unknown as { __scanTimed: Promise<number> }).__scanTimed);
  return { inPage, driver };
}
