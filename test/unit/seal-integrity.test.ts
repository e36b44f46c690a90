// DOMAIN S9, A1, G7: the batch lifecycle and the amendment re-derived from the audit chain. Attacks:
// a raw status edit to the amendment state, and a raw score edit while an amendment is open.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { scoreAllRaw, scoringDay, sealSignatures, type ScoringDay } from '../support/scoring-seed';
import { testConsole, type TestConsole } from './helpers';

const run = promisify(execFile);
async function verifyCli(dataDir: string): Promise<{ code: number; out: string }> {
  return run('npx', ['tsx', 'scripts/verify.ts', '--data', dataDir]).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

async function sealedDay(c: TestConsole): Promise<ScoringDay> {
  const day = await scoringDay(c);
  scoreAllRaw(c.app.env.opened.sqlite, day);
  await c.ok('seal.seal', { batchId: day.batchId, signatures: await sealSignatures(c, day.batchId, day.token) }, day.token);
  return day;
}

describe('status and seal integrity', () => {
  test('S9 attack: a raw UPDATE of a sealed batch to amending → verify exits 1 naming the batch; seal.verify and the amendment refuse', async () => {
    const c = testConsole();
    const day = await sealedDay(c);
    const sqlite = c.app.env.opened.sqlite;
    expect((await verifyCli(c.dataDir)).code).toBe(0);
    // the seal_guards trigger lets sealed → amending through (the command's step): nothing audits it here
    sqlite.prepare("UPDATE batches SET status = 'amending' WHERE id = ?").run(day.batchId);
    const bad = await verifyCli(c.dataDir);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`batch #${day.batchId}`);
    expect(bad.out).toMatch(/状态为“修订中”，但审计记录中的命令只让它到“已封存”/);
    expect(bad.out).toMatch(/is “Amending”, but its audited commands only took it to “Sealed”/);
    const v = await c.ok<{ ok: boolean; lifecycle: { batchId: number; issue: { reason: string } }[] }>('seal.verify', {}, day.token);
    expect(v.ok).toBe(false);
    expect(v.lifecycle).toEqual([{ batchId: day.batchId, issue: expect.objectContaining({ reason: 'statusWithoutAudit' }) }]);
    // the raw state cannot be sealed as the next version
    const amend = await c.call('seal.amend', { batchId: day.batchId, reason: '平台退回，更正成绩', signatures: await sealSignatures(c, day.batchId, day.token) }, day.token);
    expect(amend.ok ? null : amend.error).toMatchObject({ code: 'CONFLICT', reason: 'seal.lifecycleBroken', params: { batchId: day.batchId } });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM sealed_packages').get()).toEqual({ n: 1 });
  }, 90_000);

  test('G7/A1 attack: during an audited amendment a raw score edit is caught by verify and refused by the amendment seal', async () => {
    const c = testConsole();
    const day = await sealedDay(c);
    const sqlite = c.app.env.opened.sqlite;
    // the amendment opened the audited way (a platform rejection: no objection needed)
    await c.ok('seal.amend.open', { batchId: day.batchId, reason: '平台退回，更正成绩' }, day.token);
    expect(sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'amending' });
    // an ordinary command while amending keeps the chain (it notes the content it found and left)
    expect((await c.ok<{ ok: boolean }>('seal.verify', {}, day.token)).ok).toBe(true);
    await c.ok('seal.readiness', { batchId: day.batchId }, day.token);
    expect((await verifyCli(c.dataDir)).code).toBe(0);

    sqlite.exec('DROP TRIGGER IF EXISTS score_sheets_sealed_no_update; DROP TRIGGER IF EXISTS score_sheets_submitted_no_update');
    const p0 = day.panels[0]!;
    sqlite.prepare('UPDATE score_sheets SET total = 100 WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ?').run(p0.candidateIds[0], p0.subjectId, p0.members[0]!.staffId);
    const bad = await verifyCli(c.dataDir);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(new RegExp(`batch #${day.batchId}.*修订期间的成绩数据在审计事件 #\\d+ 之后被绕过命令改动`));
    const amend = await c.call('seal.amend', { batchId: day.batchId, reason: '平台退回，更正成绩', signatures: await sealSignatures(c, day.batchId, day.token) }, day.token);
    expect(amend.ok ? null : amend.error).toMatchObject({ code: 'CONFLICT', reason: 'seal.lifecycleBroken' });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM sealed_packages').get()).toEqual({ n: 1 });
  }, 120_000);
});
