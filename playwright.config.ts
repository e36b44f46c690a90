import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// the consoles the specs open are encrypted with one fixed test key (workers inherit this);
// backup.spec.ts runs a real key and recovery code instead
process.env.ESC_DB_KEY ??= '7e5f0c3a9b2d4e6f8a1c3e5f7b9d0a2c4e6f8b0d2a4c6e8f0b2d4f6a8c0e2b4d';

// Debian's Chromium, never a downloaded browser (this machine and CI reach no browser CDN): its
// headless shell where installed (npm test installs it: the same engine without the desktop
// browser's frame, about a sixth less CPU per spec on a 2-core machine), else the full browser.
export const CHROMIUM = process.env.CHROMIUM_PATH ?? (['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((p) => existsSync(p)) ?? '/usr/bin/chromium');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // the door's camera: a fake device, auto-allowed
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export default defineConfig({
  testDir: './test/e2e',
  testMatch: /.*\.spec\.ts$/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // each test is its own unit of work (a spec's stories are independent: their own console, seeded
  // through commands), so the two workers share a long spec's tests instead of one worker finishing
  // it alone at the end of the run; fixtures.spec.ts says it is serial
  fullyParallel: true,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // the console honours the tablet's "reduce motion" setting (no antd animations): the specs wait
    // for what appears, not for dialogs to finish zooming; backbone.spec keeps the animations on
    reducedMotion: 'reduce',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser-shell', testIgnore: /electron\.spec\.ts$/ },
    { name: 'electron', testMatch: /electron\.spec\.ts$/ },
  ],
});
