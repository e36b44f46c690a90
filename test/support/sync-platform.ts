// A reference platform per test, in its own temp folder on 127.0.0.1, closed after the test.
import { afterEach } from 'vitest';
import { startPlatform, type FaultSwitches, type RunningPlatform } from '../../scripts/platform/server';
import { tempDir } from '../unit/helpers';

const running: RunningPlatform[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.close();
});

export async function testPlatform(faults: Partial<FaultSwitches> = {}, dataDir = tempDir('esc-platform-')): Promise<RunningPlatform> {
  const p = await startPlatform({ dataDir, faults });
  running.push(p);
  return p;
}

export async function admin(p: RunningPlatform, method: 'POST' | 'PUT' | 'GET', path: string, body?: unknown): Promise<{ status: number; data: Record<string, unknown> }> {
  const res = await fetch(`${p.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json()) as Record<string, unknown> };
}

export function recordCount(p: RunningPlatform, hash?: string): number {
  const row = hash
    ? (p.store.prepare('SELECT COUNT(*) AS n FROM records WHERE hash = ?').get(hash) as { n: number })
    : (p.store.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number });
  return row.n;
}
