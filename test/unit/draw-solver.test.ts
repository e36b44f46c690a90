// The pure draw solver (E2, S2–S4, S7): property tests with fast-check over random feasible inputs,
// replay from the seed, spread over seeds, and refusals that name the rule.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRAW_ALGORITHM, DrawPrng, checkResult, solveDraw, type DrawInput, type DrawResult, type Problem } from '../../electron/services/draw';
import { describeProblem } from '../../renderer/src/pages/draw/wording';
import { genDrawInput } from '../support/draw-inputs';

/** a refusal as the draw page shows it, in Chinese and in English */
const zh = (p: Problem) => describeProblem('zh-CN', p);
const en = (p: Problem) => describeProblem('en', p);
const HAN = /[\u3400-\u9fff]/;

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hex);

/** An independent reading of the rules, written from DOMAIN.md rather than from the solver. */
function independentViolations(input: DrawInput, result: DrawResult): string[] {
  const out: string[] = [];
  const staff = new Map(input.staff.map((p) => [p.id, p]));
  const unit = new Map(input.candidates.map((c) => [c.id, c.workUnit]));
  const avoid = new Set(input.avoid.map(([s, c]) => `${s}:${c}`));
  const fnOf = new Map<number, string>();
  const placed: { staff: number; session: (typeof input.sessions)[number] }[] = [];
  for (const s of input.sessions) {
    for (const r of s.rooms) {
      const a = result.assignments.find((x) => x.sessionId === s.id && x.roomId === r.id);
      if (!a) {
        out.push(`S2 ${r.code} missing`);
        continue;
      }
      // S2: at least two proctors, the plan's number
      if (new Set(a.proctors).size < Math.max(2, s.proctorsPerRoom)) out.push(`S2 ${r.code} proctors ${a.proctors.length}`);
      const panel = a.chief === null ? [] : [a.chief, ...a.examiners];
      if (s.kind === 'theory') {
        if (panel.length) out.push(`S5 theory panel ${r.code}`);
      } else {
        // S5: 3 or more, odd, one chief; every candidate in the room is covered by the panel
        if (a.chief === null || new Set(panel).size !== input.options.panelSize || panel.length < 3 || panel.length % 2 === 0) out.push(`S5 ${r.code}`);
        if (a.chief !== null && !staff.get(a.chief)?.roles.includes('chief_examiner')) out.push(`chief role ${a.chief}`);
        for (const e of panel) {
          const g = staff.get(e)?.grade;
          // S6: examiner ≤ level 3 (levels 3, 4, 5); senior up to level 1
          if (!(g === 'senior' || (g === 'examiner' && s.level >= 3))) out.push(`S6 ${e} level ${s.level}`);
          if (!staff.get(e)?.roles.some((x) => x === 'examiner' || x === 'chief_examiner')) out.push(`role ${e}`);
        }
      }
      for (const p of a.proctors) if (!staff.get(p)?.roles.includes('proctor')) out.push(`role ${p}`);
      for (const [ids, fn] of [
        [a.proctors, 'proctor'],
        [panel, 'panel'],
      ] as const) {
        for (const id of ids) {
          const p = staff.get(id);
          if (!p) {
            out.push(`E2 ${id} not on duty`);
            continue;
          }
          // S7: no supervisor drawn, nobody in both functions
          if (p.roles.includes('supervisor')) out.push(`S7 supervisor ${id}`);
          if (fnOf.has(id) && fnOf.get(id) !== fn) out.push(`S7 ${id} two roles`);
          fnOf.set(id, fn);
          placed.push({ staff: id, session: s });
          // S3: trained/related candidates, and the same work unit when asked
          for (const c of r.candidateIds) {
            if (avoid.has(`${id}:${c}`)) out.push(`S3 ${id} trained ${c} in ${r.code}`);
            if (input.options.avoidSameUnit && p.workUnit && unit.get(c) === p.workUnit) out.push(`S3 ${id} unit ${r.code}`);
          }
        }
      }
    }
  }
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i]!;
      const b = placed[j]!;
      if (a.staff !== b.staff) continue;
      if (Date.parse(a.session.startsAt) < Date.parse(b.session.endsAt) && Date.parse(b.session.startsAt) < Date.parse(a.session.endsAt)) out.push(`TIME ${a.staff}`);
    }
  }
  return out;
}

describe('draw PRNG (SHA-256 counter mode)', () => {
  it('is a pure function of the seed, with a known first word', () => {
    const seed = '00'.repeat(32);
    const a = new DrawPrng(seed);
    const b = new DrawPrng(seed);
    const xs = Array.from({ length: 20 }, () => a.nextU32());
    expect(Array.from({ length: 20 }, () => b.nextU32())).toEqual(xs);
    // anyone can recompute the first word: SHA-256(seed ‖ "kd-draw-prng/1" ‖ 0x0000000000000000)
    const first = createHash('sha256').update(Buffer.alloc(32)).update('kd-draw-prng/1').update(Buffer.alloc(8)).digest().readUInt32BE(0);
    expect(xs[0]).toBe(first);
  });
  it('gives uniform integers without modulo bias (chi-square over 6 bins)', () => {
    const p = new DrawPrng('ab'.repeat(32));
    const bins = new Array(6).fill(0);
    const n = 60_000;
    for (let i = 0; i < n; i++) bins[p.int(6)]++;
    const chi = bins.reduce((acc, o) => acc + (o - n / 6) ** 2 / (n / 6), 0);
    expect(chi).toBeLessThan(20.5); // 5 degrees of freedom, p ≈ 0.001
  });
  it('refuses a seed that is not 64 hex characters', () => {
    expect(() => new DrawPrng('xyz')).toThrow();
  });
});

describe('draw solver: random feasible inputs (S2 S3 S5 S6 S7)', () => {
  it('every hard rule holds on every result, by the solver’s check and an independent one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), seedArb, fc.boolean(), fc.boolean(), (g, seed, sameUnit, overlap) => {
        const input = genDrawInput(g, { avoidSameUnit: sameUnit, overlap });
        const out = solveDraw(input, seed);
        if (!out.ok) throw new Error(`refused a feasible input: ${out.problems.map(zh).join(' | ')}`);
        expect(checkResult(input, out.result)).toEqual([]);
        expect(independentViolations(input, out.result)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the same seed gives the same result; the algorithm is named', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), seedArb, (g, seed) => {
        const input = genDrawInput(g);
        expect(input.algorithm).toBe(DRAW_ALGORITHM);
        expect(solveDraw(structuredClone(input), seed)).toEqual(solveDraw(input, seed));
      }),
      { numRuns: 60 },
    );
  });

  it('different seeds spread proctors over rooms evenly (count per person and room over 400 seeds)', () => {
    // 4 rooms × 2 proctors, 8 proctors, no avoidance: each person should land in each room 1/4 of the time
    const input = genDrawInput(7, { sessions: 1, maxRooms: 1, slack: 0, avoidRate: 0 });
    const s = input.sessions[0]!;
    s.kind = 'theory';
    s.proctorsPerRoom = 2;
    s.rooms = [1, 2, 3, 4].map((id) => ({ id, code: `第${id}考场`, candidateIds: [] }));
    input.staff = Array.from({ length: 8 }, (_, i) => ({ id: i + 1, name: `监考${i + 1}`, workUnit: null, roles: ['proctor'], grade: null }));
    input.avoid = [];
    const counts = new Map<string, number>();
    const seeds = 400;
    for (let k = 0; k < seeds; k++) {
      const seed = Buffer.alloc(32);
      seed.writeUInt32BE(k, 0);
      const out = solveDraw(input, seed.toString('hex'));
      if (!out.ok) throw new Error('refused');
      for (const a of out.result.assignments) for (const p of a.proctors) counts.set(`${p}:${a.roomId}`, (counts.get(`${p}:${a.roomId}`) ?? 0) + 1);
    }
    // expected 100 per cell; binomial sd ≈ 8.7: the bound is ±35 (4 sd) per cell and a chi-square over 32 cells
    let chi = 0;
    for (let p = 1; p <= 8; p++) {
      for (let r = 1; r <= 4; r++) {
        const o = counts.get(`${p}:${r}`) ?? 0;
        expect(Math.abs(o - 100)).toBeLessThan(35);
        chi += (o - 100) ** 2 / 100;
      }
    }
    expect(chi).toBeLessThan(60); // 21 effective degrees of freedom; p ≈ 1e-5
  });
});

describe('draw solver: random infeasible inputs are refused with the rule named', () => {
  it('S3: every proctor but one trained a candidate of some room: refused, that room and S3 named, nothing half-assigned', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), seedArb, fc.nat(), (g, seed, pick) => {
        const input = genDrawInput(g);
        const s = input.sessions[pick % input.sessions.length]!;
        const room = s.rooms[pick % s.rooms.length]!;
        const proctors = input.staff.filter((p) => p.roles.includes('proctor'));
        const keep = proctors[pick % proctors.length]!;
        for (const p of proctors) if (p.id !== keep.id) input.avoid.push([p.id, room.candidateIds[0]!]);
        const out = solveDraw(input, seed);
        expect(out.ok).toBe(false);
        if (out.ok) return;
        const p = out.problems.find((x) => x.roomIds.includes(room.id) && x.sessionId === s.id);
        expect(p?.rule).toBe('S3');
        expect(p?.reason).toMatch(/^shortRooms?$/);
        expect(zh(p!)).toContain(`${room.code}`);
        expect(zh(p!)).toMatch(/需\d+名监考人员/);
        expect(p?.available).toBeLessThan(p!.need);
      }),
      { numRuns: 80 },
    );
  });

  it('S2: fewer proctors on duty than the rooms need: refused, with the shortage stated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), seedArb, (g, seed) => {
        const input = genDrawInput(g, { avoidRate: 0 });
        const need = Math.max(...input.sessions.map((s) => s.rooms.length * Math.max(2, s.proctorsPerRoom)));
        let proctors = 0;
        input.staff = input.staff.filter((p) => !p.roles.includes('proctor') || ++proctors < need);
        const out = solveDraw(input, seed);
        expect(out.ok).toBe(false);
        if (!out.ok) {
          // S2 when the pool is simply short; S7 when the one who could fill the gap already holds the other function
          for (const p of out.problems) expect(['S2', 'S7']).toContain(p.rule);
          expect(out.problems.some((p) => zh(p).includes('共需') || zh(p).includes('可用'))).toBe(true);
          expect(out.problems.every((p) => p.need > p.available)).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('draw solver: refusals name the rule, the people and the rooms', () => {
  const base = (): DrawInput => ({
    algorithm: DRAW_ALGORITHM,
    batchId: 1,
    options: { avoidSameUnit: false, panelSize: 3 },
    staff: [
      { id: 1, name: '王𠀋', workUnit: '一厂', roles: ['proctor'], grade: null },
      { id: 2, name: '李四', workUnit: '二厂', roles: ['proctor'], grade: null },
      { id: 3, name: '张三', workUnit: '二厂', roles: ['proctor'], grade: null },
    ],
    reserves: [{ id: 9, name: '赵备', workUnit: null, roles: ['proctor'], grade: null }],
    candidates: [1, 2, 3, 4, 5].map((id) => ({ id, workUnit: '一厂' })),
    avoid: [],
    sessions: [
      {
        id: 1,
        code: 'T1',
        name: '理论第1场',
        kind: 'theory',
        level: 4,
        startsAt: '2026-05-21T09:00:00+08:00',
        endsAt: '2026-05-21T10:30:00+08:00',
        proctorsPerRoom: 2,
        rooms: [{ id: 3, code: '第3考场', candidateIds: [1, 2, 3, 4, 5] }],
      },
    ],
    fixed: [],
  });
  const seed = 'cd'.repeat(32);

  it('S3: a proctor who trained five candidates of the room; the fix names who to call in', () => {
    const input = base();
    input.avoid = [1, 2, 3, 4, 5].map((c) => [1, c] as [number, number]);
    input.avoid.push([2, 1]);
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems[0]!.rule).toBe('S3');
    const p = out.problems[0]!;
    expect(p).toMatchObject({ reason: 'shortRoom', params: { session: '理论第1场', room: '第3考场', need: 2, available: 1, duty: '@draw.duty.proctor' } });
    expect(p.blockers).toEqual([
      { staffId: 1, name: '王𠀋', rule: 'S3', reason: 'trained', params: { count: 5 } },
      { staffId: 2, name: '李四', rule: 'S3', reason: 'trained', params: { count: 1 } },
    ]);
    expect(zh(p)).toContain('第3考场需2名监考人员，可用1名：王𠀋 培训了（或亲属）该考场5名考生');
    expect(zh(p)).toContain('可增派（未到岗）：赵备');
    // the English screen words the same finding without Chinese, but for the plan's own names
    expect(en(p)).toBe(
      '理论第1场 第3考场: need 2 proctors, 1 available: 王𠀋 trained or is related to 5 candidate(s) in the room; 李四 trained or is related to 1 candidate(s) in the room. Call in (not on duty): 赵备.',
    );
    expect(en(p).replace(/理论第1场|第3考场|王𠀋|李四|赵备/gu, '')).not.toMatch(HAN);
    expect(out.problems[0]!.suggest).toEqual([{ staffId: 9, name: '赵备' }]);
  });

  it('S3 by work unit, only when the plan asks for it', () => {
    const input = base();
    input.staff[1]!.workUnit = '一厂';
    expect(solveDraw(input, seed).ok).toBe(true);
    input.options.avoidSameUnit = true;
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problems[0]!.blockers.some((b) => b.reason === 'sameUnit')).toBe(true);
      expect(zh(out.problems[0]!)).toMatch(/同单位/);
    }
  });

  it('S2: too few proctors for the rooms is refused, never a room with one proctor', () => {
    const input = base();
    input.sessions[0]!.rooms.push({ id: 4, code: '第4考场', candidateIds: [] });
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problems[0]!.rule).toBe('S2');
      expect(out.problems[0]!.reason).toBe('shortRooms');
      expect(zh(out.problems[0]!)).toContain('共需');
    }
  });

  it('S6: a level-2 skill panel needs senior examiners', () => {
    const input = base();
    const s = input.sessions[0]!;
    s.kind = 'skill';
    s.level = 2;
    input.staff.push(
      { id: 11, name: '组长甲', workUnit: null, roles: ['chief_examiner'], grade: 'senior' },
      { id: 12, name: '考评乙', workUnit: null, roles: ['examiner'], grade: 'examiner' },
      { id: 13, name: '考评丙', workUnit: null, roles: ['examiner'], grade: 'senior' },
    );
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problems[0]!.rule).toBe('S6');
      expect(out.problems[0]!.blockers).toContainEqual({ staffId: 12, name: '考评乙', rule: 'S6', reason: 'gradeExaminer', params: { level: 2 } });
      expect(zh(out.problems[0]!)).toContain('考评乙 考评员（限三级及以下），不能考评2级');
    }
    // the same panel at level 3 is legal (S6: examiner up to level 3)
    s.level = 3;
    const ok = solveDraw(input, seed);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.result.assignments[0]!.chief).toBe(11);
  });

  it('S5: an even panel size is refused', () => {
    const input = base();
    input.sessions[0]!.kind = 'review';
    input.options.panelSize = 4;
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problems[0]!.rule).toBe('S5');
      expect(zh(out.problems[0]!)).toBe('考评组人数须为3人以上单数，当前设为4人');
    }
  });

  it('S7: a supervisor is never drawn, and the refusal says so', () => {
    const input = base();
    input.staff[2]!.roles = ['proctor', 'supervisor'];
    input.staff.splice(1, 1);
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.problems[0]!.rule).toBe('S7');
      expect(out.problems[0]!.blockers).toContainEqual({ staffId: 3, name: '张三', rule: 'S7', reason: 'supervisor', params: {} });
      expect(zh(out.problems[0]!)).toContain('张三 为督导员，不得兼任');
    }
  });

  it('rotation is soft: with only two proctors for two sessions of one room, the repeat is reported, not hidden', () => {
    const input = base();
    input.staff = input.staff.slice(0, 2);
    input.sessions.push({ ...input.sessions[0]!, id: 2, code: 'T2', name: '理论第2场', startsAt: '2026-05-21T13:00:00+08:00', endsAt: '2026-05-21T14:30:00+08:00' });
    const out = solveDraw(input, seed);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.result.relaxed.map((r) => r.kind).sort()).toEqual(['same_partner', 'same_room', 'same_room']);
    // S4, coded: the draw page words each in the UI's language
    expect(out.result.relaxed.map((r) => [r.rule, r.reason]).sort()).toEqual([['S4', 'samePartner'], ['S4', 'sameRoom'], ['S4', 'sameRoom']]);
    expect(out.result.relaxed.find((r) => r.kind === 'same_partner')!.params).toEqual({ a: '王𠀋', b: '李四', room: '第3考场' });
  });

  it('rotation holds where the pool allows: four proctors, one room, two sessions: new room mates', () => {
    fc.assert(
      fc.property(seedArb, (s) => {
        const input = base();
        input.staff.push({ id: 4, name: '赵六', workUnit: null, roles: ['proctor'], grade: null });
        input.sessions.push({ ...input.sessions[0]!, id: 2, code: 'T2', name: '理论第2场', startsAt: '2026-05-21T13:00:00+08:00', endsAt: '2026-05-21T14:30:00+08:00' });
        const out = solveDraw(input, s);
        expect(out.ok).toBe(true);
        if (out.ok) expect(out.result.relaxed).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('the solver is a pure module', () => {
  it('imports no database, clock or other I/O: only node:crypto, its own files and the pure domain vocabulary', () => {
    for (const f of ['index', 'model', 'prng', 'rules', 'solver', 'types']) {
      const src = readFileSync(new URL(`../../electron/services/draw/${f}.ts`, import.meta.url), 'utf8');
      const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const i of imports) expect(i === 'node:crypto' || i.startsWith('./') || i.startsWith('../../domain/'), `${f}.ts imports ${i}`).toBe(true);
      expect(src.replace(/\/\/.*$/gm, ''), `${f}.ts`).not.toMatch(/Math\.random|Date\.now|new Date\(\)/);
    }
  });
});
