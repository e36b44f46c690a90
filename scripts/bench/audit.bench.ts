// The audit chain's cost per command: 5,000 audited mutations through the registry versus the
// bare inserts of the same rows, and the time to verify the whole chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openConsole } from '../../electron/app';
import { verifyChain } from '../../electron/services/audit';
import { ManualClock } from '../../electron/services/runtime';

export async function run(): Promise<void> {
  const n = 5_000;
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  const app = openConsole({ dataDir: dir, clock: new ManualClock('2026-05-21T08:00:00+08:00') });
  await app.call({ method: 'setup.init', input: { siteName: '基准考点', headName: '负责人', staffNo: 'H1', pin: '246810' }, device: 'bench' });
  const signIn = await app.call({ method: 'auth.signIn', input: { staffNo: 'H1', pin: '246810' }, device: 'bench' });
  if (!signIn.ok) throw new Error('bench: sign-in failed');
  const token = (signIn.data as { token: string }).token;

  // staff.create hashes no PIN without one: a cheap audited mutation, as most exam-day commands are
  const t2 = performance.now();
  for (let i = 0; i < n; i++) {
    await app.call({ method: 'staff.create', input: { staffNo: `S${i}`, name: `人员${i}`, roles: ['proctor'] }, token, device: 'bench' });
  }
  const t3 = performance.now();
  const v0 = performance.now();
  const report = verifyChain(app.env.opened.sqlite);
  const v1 = performance.now();
  app.close();

  const bare = new Database(join(dir, 'bare.sqlite'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE staff (id INTEGER PRIMARY KEY, staff_no TEXT UNIQUE, name TEXT); CREATE TABLE roles (staff_id INT, role TEXT)');
  const ins = bare.prepare('INSERT INTO staff (staff_no, name) VALUES (?, ?)');
  const insRole = bare.prepare('INSERT INTO roles (staff_id, role) VALUES (?, ?)');
  const b0 = performance.now();
  for (let i = 0; i < n; i++) {
    bare.transaction(() => {
      const id = ins.run(`S${i}`, `人员${i}`).lastInsertRowid;
      insRole.run(id, 'proctor');
    })();
  }
  const b1 = performance.now();
  bare.close();
  rmSync(dir, { recursive: true, force: true });

  const perCmd = (t3 - t2) / n;
  const perBare = (b1 - b0) / n;
  console.log(`audited command (staff.create): ${perCmd.toFixed(3)} ms each over ${n}`);
  console.log(`bare transaction, same rows:    ${perBare.toFixed(3)} ms each`);
  console.log(`ratio: ${(perCmd / perBare).toFixed(2)}×`);
  console.log(`verify chain of ${report.count} events: ${(v1 - v0).toFixed(1)} ms (ok=${report.ok})`);
}
