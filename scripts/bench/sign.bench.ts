// The server while examiners sign (S9): each sheet's PIN is checked with scrypt (slow on purpose) in
// libuv's thread pool, before the command's transaction, so the one thread that answers every door
// and screen keeps answering. Over real HTTP, in one run: /api/health and a signed-in query
// (auth.me: the token looked up, the registry, the database) answered back to back, first idle,
// then while four examiners sign sheets as fast as the server lets them, then (the baseline: what the
// server did before) while the same number of PIN checks run as synchronous scrypt on the event loop.
// Target: health p99 while signing ≤ 20 ms, and well under the baseline's (a scrypt on the event
// loop puts its whole duration into every request that waits behind it).
import { scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { PIN_SCRYPT } from '../../electron/services/pins';
import { ManualClock } from '../../electron/services/runtime';
import { entriesFor, scoringDayWith, signInAs, STAFF_PIN } from '../../test/support/scoring-seed';
import { rawHttp as http } from '../../test/support/raw-http';
import { pct } from './door-http';

const IDLE_SAMPLES = 400;
const SHEETS = 120;
const SIGNERS = 4;

const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `p50 ${pct(s, 50).toFixed(2)} ms, p99 ${pct(s, 99).toFixed(2)} ms, max ${s[s.length - 1]!.toFixed(2)} ms (${s.length} requests)`;
};

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sign-'));
  const clock = new ManualClock('2026-05-21T07:30:00+08:00');
  const app = openConsole({ dataDir: dir, clock });
  const server = await startHttpServer({ app, port: 0 });
  try {
    const ok = async <T,>(method: string, input: unknown = {}, token: string | null = null): Promise<T> => {
      const r = await app.call({ method, input, token, device: 'bench' });
      if (!r.ok) throw new Error(`bench: ${method}: ${r.error.message}`);
      return r.data as T;
    };
    await ok('setup.init', { siteName: '基准考点', headName: '负责人', staffNo: 'H001', pin: '246810' });
    const headToken = (await ok<{ token: string }>('auth.signIn', { staffNo: 'H001', pin: '246810' })).token;
    const day = await scoringDayWith({ ok, sqlite: app.env.opened.sqlite }, headToken);

    // the sheets to sign: every panel member for every candidate of their panel, up to SHEETS
    const tasks = day.panels.flatMap((p) => p.members.flatMap((m) => p.candidateIds.map((candidateId) => ({ m, p, candidateId })))).slice(0, SHEETS);
    const tokens = new Map<string, string>();
    for (const t of tasks) if (!tokens.has(t.m.staffNo)) tokens.set(t.m.staffNo, await signInAs({ ok }, t.m.staffNo, t.m.role));

    const probe = async (samples: { health: number[]; query: number[] }) => {
      const t0 = performance.now();
      const h = await http(server.port, 'GET', '/api/health');
      const t1 = performance.now();
      const q = await http(server.port, 'POST', '/api/auth.me', {}, headToken);
      const t2 = performance.now();
      if (h.status !== 200 || q.status !== 200) throw new Error(`bench: probe answered ${h.status}/${q.status}`);
      samples.health.push(t1 - t0);
      samples.query.push(t2 - t1);
    };

    // idle
    const idle = { health: [] as number[], query: [] as number[] };
    for (let i = 0; i < 20; i++) await probe({ health: [], query: [] }); // warm-up
    for (let i = 0; i < IDLE_SAMPLES; i++) await probe(idle);

    // while SIGNERS examiners sign sheets back to back
    const busy = { health: [] as number[], query: [] as number[] };
    const perSheet: number[] = [];
    let next = 0;
    let signing = true;
    const signer = async () => {
      while (next < tasks.length) {
        const t = tasks[next++]!;
        const s0 = performance.now();
        const r = await http(server.port, 'POST', '/api/scoring.sheet.submit', { candidateId: t.candidateId, subjectId: t.p.subjectId, entries: entriesFor(day.items.get(t.p.subjectId)!, 80), pin: STAFF_PIN }, tokens.get(t.m.staffNo));
        perSheet.push(performance.now() - s0);
        if (!(JSON.parse(r.body) as { ok: boolean }).ok) throw new Error(`bench: sheet not signed: ${r.body.slice(0, 200)}`);
      }
    };
    const w0 = performance.now();
    const signers = Promise.all(Array.from({ length: SIGNERS }, signer)).finally(() => (signing = false));
    while (signing) await probe(busy);
    await signers;
    const w1 = performance.now();

    // the baseline: as many PIN checks as sheets, each a synchronous scrypt between two turns of the loop
    const blocked = { health: [] as number[], query: [] as number[] };
    let checks = 0;
    let checking = true;
    const salt = Buffer.alloc(16, 1);
    const syncChecks = (async () => {
      for (; checks < perSheet.length; checks++) {
        await new Promise((r) => setImmediate(r));
        scryptSync(STAFF_PIN, salt, PIN_SCRYPT.keylen, { N: PIN_SCRYPT.N, r: PIN_SCRYPT.r, p: PIN_SCRYPT.p, maxmem: PIN_SCRYPT.maxmem });
      }
    })().finally(() => (checking = false));
    while (checking) await probe(blocked);
    await syncChecks;

    const signed = (app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM score_sheets WHERE status = 'submitted'").get() as { n: number }).n;
    const busyH = [...busy.health].sort((a, b) => a - b);
    console.log(`${signed} sheets signed over HTTP by ${SIGNERS} examiners at once in ${((w1 - w0) / 1000).toFixed(1)} s; per sheet ${fmt(perSheet)}`);
    console.log(`/api/health idle:              ${fmt(idle.health)}`);
    console.log(`/api/health while signing:     ${fmt(busy.health)}`);
    console.log(`auth.me (a signed-in query) idle:          ${fmt(idle.query)}`);
    console.log(`auth.me (a signed-in query) while signing: ${fmt(busy.query)}`);
    console.log(`baseline, ${checks} PIN checks as synchronous scrypt on the event loop (as before):`);
    console.log(`/api/health:                   ${fmt(blocked.health)}`);
    console.log(`auth.me:                       ${fmt(blocked.query)}`);
    const baseH = pct([...blocked.health].sort((a, b) => a - b), 99);
    console.log(`target: health p99 while signing ≤ 20 ms (${pct(busyH, 99) <= 20 ? 'met' : 'NOT met'}); vs the baseline ${(pct(busyH, 99) / baseH).toFixed(2)}× (${pct(busyH, 99) < baseH ? 'better' : 'NOT better'})`);
  } finally {
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
