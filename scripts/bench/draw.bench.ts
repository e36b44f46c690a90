// The draw at a large site's size: 200 rooms × 3 sessions, 600 staff on duty, avoidance
// relations on 10% of (staff, room) pairs. Time to draw (solve + rule re-check) and to verify
// (re-run from the record and compare), next to a naive shuffle-and-assign with no rules,
// measured in the same run. Target: draw and verify ≤ 200 ms each.
import { cpus, loadavg } from 'node:os';
import { canonicalJson, sha256Hex } from '../../electron/services/canonical';
import { DRAW_ALGORITHM, DrawPrng, checkResult, solveDraw, type DrawInput } from '../../electron/services/draw';
import { mulberry } from '../../test/support/draw-inputs';

export function bigInput(): DrawInput {
  const rnd = mulberry(20260521);
  const staff = Array.from({ length: 600 }, (_, i) => ({ id: i + 1, name: `监考${i + 1}`, workUnit: `单位${i % 40}`, roles: ['proctor' as const], grade: null }));
  const candidates: DrawInput['candidates'] = [];
  const avoid: [number, number][] = [];
  let cid = 1;
  const sessions = [9, 13, 16].map((h, si) => ({
    id: si + 1,
    code: `T${si + 1}`,
    name: `理论第${si + 1}场`,
    kind: 'theory' as const,
    level: 4,
    startsAt: `2026-05-21T${String(h).padStart(2, '0')}:00:00+08:00`,
    endsAt: `2026-05-21T${String(h + 2).padStart(2, '0')}:00:00+08:00`,
    proctorsPerRoom: 2,
    rooms: Array.from({ length: 200 }, (_, ri) => {
      const ids = Array.from({ length: 30 }, () => {
        candidates.push({ id: cid, workUnit: `单位${Math.floor(rnd() * 60)}` });
        return cid++;
      });
      return { id: ri + 1, code: `第${ri + 1}考场`, candidateIds: ids };
    }),
  }));
  // 10% of (staff, room) pairs in each session: the staff member trained a candidate there
  for (const s of sessions) for (const r of s.rooms) for (const p of staff) if (rnd() < 0.1) avoid.push([p.id, r.candidateIds[Math.floor(rnd() * r.candidateIds.length)]!]);
  return { algorithm: DRAW_ALGORITHM, batchId: 1, options: { avoidSameUnit: false, panelSize: 3 }, staff, reserves: [], candidates, avoid, sessions, fixed: [] };
}

function naive(input: DrawInput, seed: string) {
  const prng = new DrawPrng(seed);
  return input.sessions.flatMap((s) => {
    const pool = prng.shuffle(input.staff.map((p) => p.id));
    return s.rooms.map((r, i) => ({ sessionId: s.id, roomId: r.id, proctors: pool.slice(i * 2, i * 2 + 2) }));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  const input = bigInput();
  const seeds = Array.from({ length: 9 }, (_, i) => sha256Hex(`bench-seed-${i}`));
  const tDraw: number[] = [];
  const tVerify: number[] = [];
  const tNaive: number[] = [];
  let relaxed = 0;
  // warm-up (JIT) outside the figures
  solveDraw(input, seeds[0]!);
  naive(input, seeds[0]!);
  for (const seed of seeds) {
    const n0 = performance.now();
    naive(input, seed);
    tNaive.push(performance.now() - n0);

    // what draw.run does besides the database: digest the inputs, solve (with the rule re-check), digest the result
    const d0 = performance.now();
    const inputsJson = canonicalJson(input);
    const inputsDigest = sha256Hex(inputsJson);
    const out = solveDraw(input, seed);
    const resultJson = out.ok ? canonicalJson(out.result) : '';
    const digest = sha256Hex(resultJson);
    tDraw.push(performance.now() - d0);
    if (!out.ok) throw new Error(`bench: draw refused: ${out.problems[0]!.rule} ${out.problems[0]!.reason} ${JSON.stringify(out.problems[0]!.params)}`);
    relaxed = out.result.relaxed.length;

    // what draw.verify does: check the stored inputs' digest, re-run, compare, re-check the recorded result
    const v0 = performance.now();
    const inputsOk = sha256Hex(inputsJson) === inputsDigest;
    const recordedInput = JSON.parse(inputsJson) as DrawInput;
    const recorded = JSON.parse(resultJson) as typeof out.result;
    const again = solveDraw(recordedInput, seed);
    const same = inputsOk && again.ok && sha256Hex(canonicalJson(again.result)) === digest;
    const violations = checkResult(recordedInput, recorded).length;
    tVerify.push(performance.now() - v0);
    if (!same || violations) throw new Error('bench: verify failed');
  }
  const draw = median(tDraw);
  const verify = median(tVerify);
  const base = median(tNaive);
  console.log(`input: 3 sessions × 200 rooms × 2 proctors, ${input.staff.length} staff on duty, ${input.avoid.length} avoidance relations`);
  console.log(`draw (digest inputs + solve + rule re-check + digest), median of ${seeds.length}: ${draw.toFixed(1)} ms  (target ≤ 200 ms)`);
  console.log(`verify (check digest + re-run from the record + compare + re-check): ${verify.toFixed(1)} ms  (target ≤ 200 ms)`);
  console.log(`baseline: naive shuffle-and-assign, no rules, same PRNG: ${base.toFixed(2)} ms`);
  console.log(`machine load (1-min average) during the run: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`);
  console.log(`ratio draw/baseline: ${(draw / base).toFixed(1)}×; rotation relaxations reported: ${relaxed}`);
}
