import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE } from '../../electron/app';
import { applyKey } from '../../db';
import { testDbKey } from '../support/test-key';
import { GENESIS_HASH, verifyChain } from '../../electron/services/audit';
import { siteHead, testConsole } from './helpers';

const run = promisify(execFile);

async function verifyCli(dataDir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/verify.ts', '--data', dataDir]);
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('audit trail (A1)', () => {
  it('A1: every mutation appends one chained event naming who, role, device and command', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    await c.ok('staff.create', { staffNo: 'P001', name: '王𪚥', roles: ['proctor'] }, token);
    const rows = c.app.env.opened.sqlite.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Record<string, unknown>[];
    expect(rows.map((r) => r.command)).toEqual(['setup.init', 'auth.signIn', 'staff.create']);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]).toMatchObject({ actor_name: '李𠀋明', role: 'site_head', device: 'vitest', outcome: 'ok' });
    expect(JSON.parse(rows[2]!.detail as string)).toMatchObject({ after: { staffNo: 'P001', name: '王𪚥' } });
    expect(verifyChain(c.app.env.opened.sqlite)).toMatchObject({ ok: true, count: 3 });
  });

  it('A1: queries append nothing; PINs never reach the trail', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    const before = verifyChain(c.app.env.opened.sqlite).count;
    await c.ok('staff.list', {}, token);
    await c.ok('audit.status', {}, token);
    expect(verifyChain(c.app.env.opened.sqlite).count).toBe(before);
    const all = JSON.stringify(c.app.env.opened.sqlite.prepare('SELECT * FROM audit_events').all());
    expect(all).not.toContain('246810');
  });

  it('A1: a raw UPDATE or DELETE of an audit row is refused by the database', async () => {
    const c = testConsole();
    await siteHead(c);
    const { sqlite } = c.app.env.opened;
    expect(() => sqlite.prepare("UPDATE audit_events SET actor_name = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('A1: a row changed behind the triggers’ back makes verify fail, naming the first bad event (and the CLI exits non-zero)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    await c.ok('staff.create', { staffNo: 'P001', name: '王𪚥', roles: ['proctor'] }, token);
    await c.ok('staff.create', { staffNo: 'P002', name: '赵六', roles: ['proctor'] }, token);
    c.app.close();

    expect((await verifyCli(c.dataDir)).code).toBe(0);

    const raw = new Database(join(c.dataDir, DB_FILE));
    applyKey(raw, testDbKey()); // the file is encrypted: the raw edit needs the key too
    raw.exec('DROP TRIGGER audit_events_no_update');
    raw.prepare("UPDATE audit_events SET detail = '{}' WHERE seq = 3").run();
    const report = verifyChain(raw);
    raw.close();
    expect(report.ok).toBe(false);
    expect(report.firstBad?.seq).toBe(3);
    expect(report.firstBad?.reason).toBe('edited');

    const cli = await verifyCli(c.dataDir);
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('#3');
    expect(cli.out).toContain('内容与 hash 不符');
  });

  it('A1: a deleted event (gap) is found too', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    await c.ok('staff.create', { staffNo: 'P001', name: '王五', roles: ['proctor'] }, token);
    const { sqlite } = c.app.env.opened;
    sqlite.exec('DROP TRIGGER audit_events_no_delete');
    sqlite.prepare('DELETE FROM audit_events WHERE seq = 2').run();
    expect(verifyChain(sqlite)).toMatchObject({ ok: false, firstBad: { seq: 3, reason: 'seqGap', expectedSeq: 2 } });
  });
});
