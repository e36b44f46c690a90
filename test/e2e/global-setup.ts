import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { getPriority, setPriority } from 'node:os';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM } from '../../playwright.config';
import { DayStore } from '../support/days';

/**
 * Before the run: Chromium must be there; the e2e suite drives the built renderer, built once (unless
 * told it is fresh); and when a spec of this run starts from the demo day and the day is not kept yet,
 * it starts playing in a process of its own while the first specs run (the workers wait for it).
 * Returns the teardown: a day still playing when the run ends is stopped.
 */
export default function globalSetup(): () => void {
  // one id per run, seen by every worker: a demo day that failed to play in this run is not played again (test/support/days.ts)
  process.env.E2E_RUN_ID ??= `${process.pid}-${Date.now()}`;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`找不到 Chromium：${CHROMIUM}。请运行 npm test（它会安装 Debian 的 chromium-headless-shell），或设置 CHROMIUM_PATH。`);
  }
  // the day first: it plays in its own process while the renderer builds (one core each on a
  // 2-core machine) instead of after it
  const builder = startDayIfNeeded(fileFilters(process.argv));
  buildRenderer();
  return () => {
    if (builder && builder.exitCode === null) builder.kill();
  };
}

// what the built renderer depends on: its sources, the console code it imports, the build's settings
const BUILD_INPUTS = ['renderer', 'electron', 'db', 'vite.config.ts', 'tsconfig.json', 'package-lock.json'];
const BUILD_KEY_FILE = 'dist/renderer/.e2e-build-key';

function buildKey(): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    if (!existsSync(rel)) return;
    if (statSync(rel).isDirectory()) {
      for (const name of readdirSync(rel).sort()) walk(join(rel, name));
      return;
    }
    h.update(rel).update('\0').update(readFileSync(rel)).update('\0');
  };
  for (const rel of BUILD_INPUTS) walk(rel);
  return h.digest('hex');
}

/**
 * The renderer is built once per version of its inputs (the key beside the build): a second run on
 * the same code skips the build (half a minute on a 2-core machine). E2E_SKIP_BUILD=1 uses whatever
 * build is there.
 */
export function buildRenderer(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync('dist/renderer/index.html')) return;
  const key = buildKey();
  if (existsSync('dist/renderer/index.html') && existsSync(BUILD_KEY_FILE) && readFileSync(BUILD_KEY_FILE, 'utf8') === key) {
    console.log('e2e: the renderer build is up to date (dist/renderer)');
    return;
  }
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  writeFileSync(BUILD_KEY_FILE, key);
}

// what `playwright test` was asked for: the words that are not options or their values
const VALUED = new Set(['-c', '--config', '-g', '--grep', '--grep-invert', '-j', '--workers', '--project', '--reporter', '--timeout', '--retries', '--repeat-each', '--max-failures', '--output', '--shard', '--global-timeout', '--trace', '--tsconfig']);
export function fileFilters(argv: string[]): RegExp[] {
  const at = argv.indexOf('test');
  const words: string[] = [];
  for (let i = at + 1; at >= 0 && i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return wordFilters(words);
}

/** npm test's filter words as file patterns (each word literally, anywhere in the path) */
export function wordFilters(words: string[]): RegExp[] {
  return words.map((w) => new RegExp(w.replace(/[.+?^${}()|[\]\\]/g, '\\$&')));
}

/**
 * Starts playing the demo day in a process of its own when a spec the filters select starts from it
 * and it is not kept yet (a day already being played, by another run's setup or `npm test`'s
 * preparation, is waited for by the new process, not played twice: test/support/days.ts locks it).
 */
export function startDayIfNeeded(filters: RegExp[], opts: { detached?: boolean } = {}) {
  const dir = resolve('test/e2e');
  const specs = readdirSync(dir)
    .filter((f) => f.endsWith('.spec.ts'))
    .map((f) => join(dir, f))
    .filter((f) => filters.length === 0 || filters.some((r) => r.test(f)));
  if (!specs.some((f) => /test\.use\(\{\s*day:/.test(readFileSync(f, 'utf8')))) return null;
  const store = new DayStore();
  if (existsSync(join(store.dir, 'ready'))) return null;
  mkdirSync(resolve(store.dir, '..'), { recursive: true });
  // appended: a second process started while the first plays only waits for it, and says so
  const log = openSync(`${store.dir}.log`, 'a');
  console.log(`e2e day ${store.key}: playing the demo day in a process of its own (log: ${store.dir}.log)`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/days-build.ts'], { stdio: ['ignore', log, log], env: process.env, detached: opts.detached ?? false });
  if (opts.detached) child.unref();
  // background work: the specs running beside it come first (a starved spec times out; a spec
  // waiting for its stage only waits). The workers that need the day wait for it either way.
  try {
    if (child.pid) setPriority(child.pid, Math.min(19, getPriority() + 5));
  } catch {
    // not allowed here: it plays at the run's own priority
  }
  return child;
}
