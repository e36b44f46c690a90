import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openConsole, type ConsoleApp } from '../../electron/app';
import type { CallResult } from '../../electron/commands/registry';
import { ManualClock } from '../../electron/services/runtime';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

export function tempDir(prefix = 'esc-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestConsole {
  app: ConsoleApp;
  clock: ManualClock;
  dataDir: string;
  call(method: string, input?: unknown, token?: string | null): Promise<CallResult>;
  /** calls and expects success */
  ok<T = unknown>(method: string, input?: unknown, token?: string | null): Promise<T>;
}

/** A real console on a real SQLite file in a temp folder, with a clock the test moves. */
export function testConsole(start = '2026-05-21T07:30:00+08:00'): TestConsole {
  const dataDir = tempDir();
  const clock = new ManualClock(start);
  const app = openConsole({ dataDir, clock });
  cleanups.unshift(() => app.close());
  const call = (method: string, input: unknown = {}, token: string | null = null) => app.call({ method, input, token, device: 'vitest' });
  return {
    app,
    clock,
    dataDir,
    call,
    ok: async <T,>(method: string, input: unknown = {}, token: string | null = null): Promise<T> => {
      const r = await call(method, input, token);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    },
  };
}

export const HEAD = { siteName: '枣庄市技师学院考点', headName: '李𠀋明', staffNo: 'H001', pin: '246810' };

/** First start and a site-head token. */
export async function siteHead(c: TestConsole): Promise<string> {
  await c.ok('setup.init', HEAD);
  return (await c.ok<{ token: string }>('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
}
