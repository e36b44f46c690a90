// The plan import at scale: a generated 10,000-candidate workbook imported through `plan.import`
// (read, validate, write, audit: the whole command), next to a baseline measured in the same run —
// exceljs reading the same file plus a bare better-sqlite3 insert of the same rows in one
// transaction. Target: within 1.5× of the baseline. Also the process's peak memory.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole } from '../../electron/app';
import { ManualClock } from '../../electron/services/runtime';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { generatePlan } from '../plan/generate';

const N = Number(process.env.PLAN_BENCH_CANDIDATES ?? 10_000);
const ROUNDS = 3;
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function baseline(file: string, dir: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  const sheets = new Map<string, unknown[][]>();
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    sheets.set(ws.name, rows);
  }
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  let n = 0;
  db.transaction(() => {
    for (const [name, rows] of sheets) {
      const width = Math.max(1, ...rows.map((r) => r.length));
      const cols = Array.from({ length: width }, (_, i) => `c${i}`);
      db.exec(`CREATE TABLE "${name}" (id INTEGER PRIMARY KEY, ${cols.map((c) => `${c} TEXT`).join(', ')})`);
      const ins = db.prepare(`INSERT INTO "${name}" (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      for (const r of rows.slice(1)) {
        ins.run(...cols.map((_, i) => (r[i] === undefined || r[i] === null ? null : String(r[i] as string))));
        n++;
      }
    }
  })();
  db.close();
  return { ms: performance.now() - t0, rows: n };
}

async function makeWorkbook(file: string): Promise<void> {
  // in its own scope, so the generated plan is garbage before anything is timed
  writeFileSync(file, await writePlanWorkbook(generatePlan({ candidates: N }).pkg));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-plan-'));
  try {
    const file = join(dir, 'plan.xlsx');
    await makeWorkbook(file);
    const size = readFileSync(file).length;
    // warm both paths' code (exceljs, zod, the registry) on the small demo plan first
    const small = await writePlanWorkbook(generatePlan().pkg);
    await new ExcelJS.Workbook().xlsx.load(small as unknown as ExcelJS.Buffer);

    // each side ROUNDS times, interleaved, best of each: the machine is shared and GC lands where it likes
    const imports: number[] = [];
    const bases: number[] = [];
    let counts: Record<string, number> = {};
    let peak = 0;
    let rows = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const b = await baseline(file, join(dir, `base-${round}`));
      bases.push(b.ms);
      rows = b.rows;
      const app = openConsole({ dataDir: join(dir, `console-${round}`), clock: new ManualClock('2026-05-01T08:00:00+08:00') });
      await app.call({ method: 'setup.init', input: { siteName: '基准考点', headName: '负责人', staffNo: 'H1', pin: '246810' }, device: 'bench' });
      const signIn = await app.call({ method: 'auth.signIn', input: { staffNo: 'H1', pin: '246810' }, device: 'bench' });
      if (!signIn.ok) throw new Error('bench: sign-in failed');
      const token = (signIn.data as { token: string }).token;
      const warm = await app.call({ method: 'plan.check', input: { files: [{ name: 'demo.xlsx', data: small.toString('base64') }] }, token, device: 'bench' });
      if (!warm.ok) throw new Error(`bench: ${warm.error.message}`);
      const files = [{ name: 'plan.xlsx', data: readFileSync(file).toString('base64') }];
      const t0 = performance.now();
      const r = await app.call({ method: 'plan.import', input: { files }, token, device: 'bench' });
      imports.push(performance.now() - t0);
      if (!r.ok) throw new Error(`bench: import failed: ${r.error.message}`);
      counts = (r.data as { counts: Record<string, number> }).counts;
      if (round === 0) peak = process.resourceUsage().maxRSS * 1024;
      app.close();
    }
    const importMs = Math.min(...imports);
    const baseMs = Math.min(...bases);
    console.log(`workbook: ${N} candidates, ${counts.rooms} rooms, ${counts.sessions} sessions, ${counts.staff} staff, ${(size / 1024).toFixed(0)} KB`);
    console.log(`plan.import (read + validate + write + audit, the whole command): ${importMs.toFixed(0)} ms (runs: ${imports.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`baseline (exceljs read + bare insert of ${rows} rows, one transaction): ${baseMs.toFixed(0)} ms (runs: ${bases.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`ratio: ${(importMs / baseMs).toFixed(2)}× (target ≤ 1.5×)`);
    console.log(`peak memory: ${mb(peak)} max RSS of the process through the first import (heap now ${mb(process.memoryUsage().heapUsed)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
