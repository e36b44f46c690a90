import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../playwright.config';

/** The e2e suite drives the built renderer: build it once before the run (unless told it is fresh). */
export default function globalSetup(): void {
  // one id per run, seen by every worker: a demo day that failed to play in this run is not played again (test/support/days.ts)
  process.env.E2E_RUN_ID ??= `${process.pid}-${Date.now()}`;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium：${CHROMIUM}。请运行 npm test（它会安装 Debian 的 chromium），或设置 CHROMIUM_PATH。`);
  }
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync('dist/renderer/index.html')) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
