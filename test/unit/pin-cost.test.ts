// S1: PINs are hashed with scrypt at production's cost; test processes lower the cost for new
// hashes (test/unit/setup/pin-cost.ts, the e2e fixtures), which production never does. Each
// stored hash names its cost and is checked at it, so either kind of hash signs in.
import { execFileSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPinAsync, dummyHash, encodePinHash, PIN_SCRYPT, pinScrypt } from '../../electron/services/pins';
import { seedPinHash } from '../support/pin-seed';
import { storePinHash } from '../../electron/services/auth';
import { HEAD, siteHead, tempDir, testConsole } from './helpers';

const random = { bytes: (n: number) => Buffer.alloc(n, 3) };

describe('S1: the PIN hash cost', () => {
  it('a console process with no test hook hashes a new PIN at production’s cost (N 2^15, r 8, p 1)', () => {
    const dir = tempDir();
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'test/support/pin-cost-child.ts', dir], { encoding: 'utf8', env: process.env });
    const hash = out.trim().split('\n').at(-1)!;
    expect(PIN_SCRYPT).toMatchObject({ N: 32768, r: 8, p: 1, keylen: 32 });
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain(HEAD.pin);
  });

  it('this test process hashes at the lowered cost, and the dummy hash for unknown staff names that same cost', () => {
    expect(pinScrypt().N).toBeLessThan(PIN_SCRYPT.N);
    expect(seedPinHash('246810', random)).toMatch(new RegExp(`^scrypt\\$${pinScrypt().N}\\$8\\$1\\$`));
    expect(dummyHash()).toMatch(new RegExp(`^scrypt\\$${pinScrypt().N}\\$8\\$1\\$`));
  });

  it('a hash made at production’s cost is checked at that cost: the right PIN signs in, a wrong one does not', async () => {
    const salt = Buffer.alloc(16, 9);
    const { N, r, p, keylen, maxmem } = PIN_SCRYPT;
    const production = ['scrypt', N, r, p, salt.toString('base64'), scryptSync('246810', salt, keylen, { N, r, p, maxmem }).toString('base64')].join('$');
    expect(await checkPinAsync('246810', production)).toBe(true);
    expect(await checkPinAsync('246811', production)).toBe(false);
    // and through sign-in: the site head's hash replaced by the production one
    const c = testConsole();
    await siteHead(c);
    const head = c.app.env.opened.sqlite.prepare('SELECT staff_id AS id FROM staff_pins').get() as { id: number };
    storePinHash(c.app.env.opened.db, head.id, production, c.clock);
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).toMatchObject({ ok: true });
    expect(await c.call('auth.signIn', { staffNo: HEAD.staffNo, pin: '135790' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
  });

  it('a hash made at the lowered cost is checked at that cost', async () => {
    const hash = encodePinHash(Buffer.alloc(16, 1), scryptSync('135790', Buffer.alloc(16, 1), 32, { ...pinScrypt() }));
    expect(await checkPinAsync('135790', hash)).toBe(true);
    expect(await checkPinAsync('135791', hash)).toBe(false);
  });

  it('nothing the console or its scripts run lowers the cost: only test files call lowerPinCostForTests', () => {
    const callers: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && readFileSync(path, 'utf8').includes('lowerPinCostForTests')) callers.push(path);
      }
    };
    for (const dir of ['electron', 'renderer', 'scripts', 'db']) walk(dir);
    expect(callers).toEqual(['electron/services/pins.ts']);
  });
});
