// DOMAIN A2–A5 on the demo batch after a whole exam day (`playDemoDay`, once for the file): the
// archive verifies (and a tampered one does not), its PDFs are PDF/A-2b with every font embedded
// (poppler's pdffonts/pdfinfo), destruction needs two signatures and leaves the data nowhere in
// the database file, its WAL, the archive copy or the backups, and the yearly summary adds up.
import { applyKey } from '../../db';
import { testDbKey } from '../support/test-key';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/app';
import { verifyChain } from '../../electron/services/audit';
import { compileResults } from '../../electron/services/results/compile';
import { verifyArchive } from '../../electron/services/records/archive';
import { imageMime } from '../../electron/services/cardreader/reader';
import { findBackups } from '../../electron/services/backup/manifest';
import { MATERIAL_CLASSES } from '../../electron/services/records/classes';
import { readZip, writeZip } from '../../electron/services/plan/zip';
import { ManualClock } from '../../electron/services/runtime';
import { playDemoDay } from '../../scripts/demo-day';
import { tempDir } from './helpers';

const run = promisify(execFile);
const HEAD = { staffNo: 'H001', pin: '246810' };
const SUPERVISOR = { staffNo: 'T017', pin: '135790' };
const PROCTOR = { staffNo: 'T001', pin: '135790' };

let demoDir = '';
const made: string[] = [];
beforeAll(async () => {
  demoDir = mkdtempSync(join(tmpdir(), 'esc-records-demo-'));
  const platformDir = mkdtempSync(join(tmpdir(), 'esc-records-platform-'));
  made.push(demoDir, platformDir);
  await playDemoDay({ dataDir: demoDir, platformDir });
}, 600_000);
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/**
 * The bytes of an encrypted database file as they are once decrypted with the test key: a copy (its
 * WAL beside it) checkpointed and rekeyed to no key, which rewrites every page, free pages included.
 */
function decrypted(file: string): Buffer {
  const dir = tempDir('esc-records-plain-');
  const copy = join(dir, 'plain.sqlite');
  cpSync(file, copy);
  if (existsSync(`${file}-wal`)) cpSync(`${file}-wal`, `${copy}-wal`);
  const db = new Database(copy);
  try {
    applyKey(db, testDbKey());
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
  } finally {
    db.close();
  }
  const bytes = readFileSync(copy);
  if (bytes.subarray(0, 15).toString('latin1') !== 'SQLite format 3') throw new Error('decrypted: the copy is still encrypted');
  return bytes;
}

/** A copy of the demo day's data folder and a console on it at `at`. */
async function consoleAt(at: string) {
  const dataDir = tempDir('esc-records-');
  cpSync(demoDir, dataDir, { recursive: true });
  const clock = new ManualClock(at);
  const app = openConsole({ dataDir, clock });
  const call = (method: string, input: unknown, token: string | null) => app.call({ method, input, token, device: 'vitest' });
  const ok = async <T,>(method: string, input: unknown, token: string | null): Promise<T> => {
    const r = await call(method, input, token);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };
  const token = (await ok<{ token: string }>('auth.signIn', HEAD, null)).token;
  const batchId = (app.env.opened.sqlite.prepare('SELECT id FROM batches LIMIT 1').get() as { id: number }).id;
  return { app, dataDir, clock, call, ok, token, batchId, sqlite: app.env.opened.sqlite };
}

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'scripts/verify.ts', ...args]);
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('records (A2–A5) on the demo day', () => {
  it('A2: the archive of the demo batch verifies; every PDF is PDF/A-2b with every font embedded; a tampered copy fails naming the file', async () => {
    const c = await consoleAt('2026-07-01T09:00:00+08:00');
    // a card reader's chip photo, as the reader's software hands it over: a BMP (the demo day has no reader)
    const bmp = Buffer.alloc(58);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(bmp.length, 2);
    const ck = c.sqlite.prepare('SELECT candidate_id AS c, session_id AS s FROM checkins LIMIT 1').get() as { c: number; s: number };
    const proctor = c.sqlite.prepare('SELECT id FROM staff WHERE staff_no = ?').get(PROCTOR.staffNo) as { id: number };
    c.sqlite
      .prepare("INSERT INTO checkin_photos (candidate_id, session_id, purpose, mime, bytes, sha256, taken_at, taken_by, device) VALUES (?, ?, 'chip', 'image/bmp', ?, ?, '2026-05-21T08:40:00+08:00', ?, 'reader')")
      .run(ck.c, ck.s, bmp, createHash('sha256').update(bmp).digest('hex'), proctor.id);
    const a = await c.ok<{ fileName: string; manifestSha256: string }>('records.archive.create', { batchId: c.batchId }, c.token);
    const file = join(c.dataDir, a.fileName);
    expect(existsSync(file)).toBe(true);
    expect(await c.ok('records.archive.verify', { batchId: c.batchId }, c.token)).toMatchObject({ ok: true, manifestSha256: a.manifestSha256 });
    const good = await cli(['--archive', file]);
    expect(good.code, good.out).toBe(0);
    expect(good.out).toMatch(/档案完整/);

    const entries = await readZip(readFileSync(file));
    const names = entries.map((e) => e.name.split('/').slice(1).join('/'));
    for (const n of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'data/archive.json', 'data/certificates/audit-trail.jsonl', 'data/certificates/sealed/v1.json', 'data/supervision/draws.json']) {
      expect(names).toContain(n);
    }
    expect(names.filter((n) => n.startsWith('data/registration/photos/'))).toHaveLength(120);
    // every photo is named by what its bytes are (a BMP chip photo is no .jpg)
    const photos = entries.filter((e) => /\/photos\//.test(e.name));
    const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/bmp': 'bmp', 'image/gif': 'gif', 'image/webp': 'webp' } as const;
    for (const e of photos) expect(e.name.split('.').pop(), e.name).toBe(ext[imageMime(e.data)!]);
    expect(photos.filter((e) => e.name.endsWith('.bmp'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('data/certificates/receipts/')).length).toBeGreaterThanOrEqual(1);
    const pdfs = entries.filter((e) => e.name.endsWith('.pdf'));
    expect(pdfs.map((p) => p.name.split('/').pop())).toEqual(expect.arrayContaining(['成绩汇总表.pdf', '签到表.pdf', '考场安排表.pdf', '发证名册.pdf', '公示名单-1.pdf']));
    const dir = tempDir('esc-records-pdf-');
    let extB = false;
    for (const p of pdfs) {
      const out = join(dir, p.name.split('/').pop()!);
      writeFileSync(out, p.data);
      const fonts = (await run('pdffonts', [out])).stdout.split('\n').slice(2).filter(Boolean);
      expect(fonts.length, p.name).toBeGreaterThan(0);
      // columns: name type encoding emb sub uni object ID; "emb" must say yes for every font
      for (const line of fonts) expect(line.split(/\s+/).slice(-5)[0], `${p.name}: ${line}`).toBe('yes');
      if (fonts.some((l) => l.includes('HanaMinB'))) extB = true;
      const meta = (await run('pdfinfo', ['-meta', out])).stdout;
      expect(meta, p.name).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(meta, p.name).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    }
    // P11: the demo's names with Extension B characters are drawn with an embedded font that has them
    expect(extB).toBe(true);
    const text = (await run('pdftotext', [join(dir, '成绩汇总表.pdf'), '-'])).stdout;
    const rare = (c.sqlite.prepare("SELECT name FROM candidates WHERE name GLOB '*[𠀀-𪛟]*' LIMIT 1").get() as { name: string } | undefined)?.name;
    if (rare) expect(text).toContain(rare);

    // one byte of one payload file changed, repacked: verify exits 1 naming it
    const tampered = entries.map((e) => (e.name.endsWith('data/supervision/draws.json') ? { name: e.name, data: Buffer.concat([e.data, Buffer.from(' ')]) } : e));
    const bad = join(dir, 'tampered.zip');
    writeFileSync(bad, await writeZip(tampered));
    const r = await cli(['--archive', bad]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/hash_mismatch.*data\/supervision\/draws\.json/);
    // a file taken out: named as missing
    writeFileSync(bad, await writeZip(entries.filter((e) => !e.name.endsWith('发证名册.pdf'))));
    const r2 = await verifyArchive(bad);
    expect(r2.ok).toBe(false);
    expect(r2.problems.map((p) => p.path)).toContain('data/certificates/发证名册.pdf');
    c.app.close();
  }, 240_000);

  it('A3/A4: nothing is destroyed before its period ends, nor without two different signers with their PINs and roles', async () => {
    const c = await consoleAt('2027-06-01T09:00:00+08:00');
    const all = { batchId: c.batchId, classes: [...MATERIAL_CLASSES], reason: '保管期满', method: '数据库删除并覆写' };
    // no archive yet: refused before anything else
    expect(await c.call('records.destroy', { ...all, destroyer: SUPERVISOR, signer: HEAD }, c.token)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await c.ok('records.archive.create', { batchId: c.batchId }, c.token);
    // Shandong keeps electronic material 5 years (A3): due on 2031-05-21
    const early = await c.call('records.destroy', { ...all, destroyer: SUPERVISOR, signer: HEAD }, c.token);
    expect(early).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { due: '2031-05-21' } } });
    // a shorter period than the seed allows is refused
    // each refusal names the field it belongs to, so the form shows it there
    expect(await c.call('records.policy.set', { province: 'SD', years: { registration: 2 } }, c.token)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', params: { field: 'years.registration' } } });
    c.clock.set('2031-05-22T09:00:00+08:00');
    const token = (await c.ok<{ token: string }>('auth.signIn', HEAD, null)).token;
    expect(await c.call('records.destroy', { ...all, destroyer: HEAD, signer: HEAD }, token)).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', params: { field: 'signer.staffNo' } } });
    expect(await c.call('records.destroy', { ...all, destroyer: PROCTOR, signer: HEAD }, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', params: { field: 'destroyer.staffNo' } } });
    expect(await c.call('records.destroy', { ...all, destroyer: HEAD, signer: SUPERVISOR }, token)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', params: { field: 'signer.staffNo' } } });
    expect(await c.call('records.destroy', { ...all, destroyer: { ...SUPERVISOR, pin: '000000' }, signer: HEAD }, token)).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', params: { field: 'destroyer.pin' } } });
    expect(await c.call('records.destroy', { ...all, destroyer: SUPERVISOR, signer: { ...HEAD, pin: '000000' } }, token)).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', params: { field: 'signer.pin' } } });
    expect(await c.call('records.destroy', { ...all, destroyer: { staffNo: 'X999', pin: '000000' }, signer: HEAD }, token)).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', params: { field: 'destroyer.pin' } } });
    // the register goes last
    expect(await c.call('records.destroy', { ...all, classes: ['certificates'], destroyer: SUPERVISOR, signer: HEAD }, token)).toMatchObject({ ok: false, error: { code: 'CONFLICT', params: { blockers: expect.stringContaining('registration') } } });
    expect((c.sqlite.prepare('SELECT COUNT(*) AS n FROM destructions').get() as { n: number }).n).toBe(0);
    expect((c.sqlite.prepare('SELECT COUNT(*) AS n FROM candidates').get() as { n: number }).n).toBe(120);
    c.app.close();
  }, 240_000);

  it('A4: a destruction with two signatures is in the ledger, and the data is gone from the database file, its WAL, the archive copy and the backups; the chain still verifies', async () => {
    const c = await consoleAt('2026-07-01T09:00:00+08:00');
    const archive = await c.ok<{ fileName: string; manifestSha256: string }>('records.archive.create', { batchId: c.batchId }, c.token);
    // what must disappear: ID numbers, ticket numbers, names (three characters or more, none a staff name)
    const staffNames = new Set((c.sqlite.prepare('SELECT name FROM staff').all() as { name: string }[]).map((r) => r.name));
    const people = c.sqlite.prepare('SELECT name, doc_number AS doc, ticket_no AS ticket FROM candidates').all() as { name: string; doc: string; ticket: string }[];
    const needles = [...people.map((p) => p.doc), ...people.map((p) => p.ticket), ...people.map((p) => p.name).filter((n) => [...n].length >= 3 && !staffNames.has(n))];
    const photo = (c.sqlite.prepare('SELECT photo FROM candidates WHERE photo IS NOT NULL LIMIT 1').get() as { photo: Buffer }).photo;
    // the site's backups to a chosen folder (a USB drive): the first is taken at once, before the destruction
    const backupDir = tempDir('esc-records-backups-');
    mkdirSync(backupDir, { recursive: true });
    await c.ok('backup.configure', { folder: backupDir, everyMinutes: 30, keep: 50 }, c.token);
    await c.app.backups?.idle();
    const before = findBackups(backupDir).map((b) => b.dir);
    expect(before.length).toBeGreaterThan(0);
    // the backup holds the candidates (decrypted with the key, as a thief with the code would)
    const inBackup = (dir: string) => decrypted(join(dir, 'console.sqlite'));
    expect(needles.filter((n) => inBackup(before[0]!).includes(Buffer.from(n, 'utf8'))).length).toBeGreaterThan(0);
    try {
      c.clock.set('2031-05-22T09:00:00+08:00');
      const token = (await c.ok<{ token: string }>('auth.signIn', HEAD, null)).token;
      const r = await c.ok<{ destructionIds: number[]; redacted: number; files: { backupsRemoved: number } }>(
        'records.destroy',
        { batchId: c.batchId, classes: [...MATERIAL_CLASSES], reason: '保管期满（电子材料不少于 5 年）', method: '数据库删除并覆写', destroyer: SUPERVISOR, signer: HEAD },
        token,
      );
      expect(r.destructionIds).toHaveLength(6);
      expect(r.redacted).toBeGreaterThan(0);
      // A4: every backup taken before the destruction is gone, a fresh one taken after it holds none of it
      expect(r.files.backupsRemoved).toBe(before.length);
      await c.app.backups?.idle();
      const after = findBackups(backupDir).map((b) => b.dir);
      expect(after.filter((d) => before.includes(d))).toEqual([]);
      expect(after).toHaveLength(1);
      const fresh = inBackup(after[0]!);
      expect(needles.filter((n) => fresh.includes(Buffer.from(n, 'utf8')))).toEqual([]);

      const ledger = await c.ok<{ class: string; destroyedOn: string; reason: string; method: string; planCode: string; destroyerName: string; signerName: string; archiveManifestSha256: string }[]>('records.ledger', {}, token);
      expect(ledger.map((l) => l.class).sort()).toEqual([...MATERIAL_CLASSES].sort());
      for (const l of ledger) {
        expect(l).toMatchObject({ destroyedOn: '2031-05-22', method: '数据库删除并覆写', planCode: 'ZZJS-20260521-01', destroyerName: '蒋婷英', archiveManifestSha256: archive.manifestSha256 });
        expect(l.signerName).toMatch(/𠀋/);
      }
      // the ledger is append-only
      expect(() => c.sqlite.prepare("UPDATE destructions SET reason = 'x'").run()).toThrow(/append-only/);
      const count = (sql: string) => (c.sqlite.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT COUNT(*) AS n FROM candidates')).toBe(0);
      expect(count('SELECT COUNT(*) AS n FROM sealed_packages')).toBe(0);
      expect(count('SELECT COUNT(*) AS n FROM score_sheets')).toBe(0);
      // the guard triggers are back as they were
      expect(() => c.sqlite.prepare("UPDATE audit_events SET device = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
      expect(existsSync(join(c.dataDir, archive.fileName))).toBe(false);
      expect(verifyChain(c.sqlite)).toMatchObject({ ok: true });
      // the files as they are while the console runs (the WAL included), then after it closed
      const scan = () => {
        // the file decrypted with the key, free pages and the WAL's frames included
        const bytes = decrypted(join(c.dataDir, 'console.sqlite'));
        const found = needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
        expect(found, `left in the database: ${found.slice(0, 5).join(', ')}`).toEqual([]);
        expect(bytes.includes(photo.subarray(100, 164))).toBe(false);
      };
      scan();
      c.app.close();
      scan();
      const v = await cli(['--data', c.dataDir]);
      expect(v.code, v.out).toBe(0);

      // the redacted events verify only as recorded: another field of one changed, or a payload
      // swapped for a marker no destruction recorded, breaks the chain (triggers dropped by hand)
      const raw = new Database(join(c.dataDir, 'console.sqlite'));
      applyKey(raw, testDbKey()); // the file is encrypted: the raw edit needs the key too
      try {
        raw.exec('DROP TRIGGER audit_events_no_update');
        const redacted = raw.prepare('SELECT r.seq, e.device FROM audit_redactions r JOIN audit_events e ON e.seq = r.seq ORDER BY r.seq LIMIT 1').get() as { seq: number; device: string };
        raw.prepare("UPDATE audit_events SET device = 'forged' WHERE seq = ?").run(redacted.seq);
        expect(verifyChain(raw)).toMatchObject({ ok: false, firstBad: { seq: redacted.seq } });
        raw.prepare('UPDATE audit_events SET device = ? WHERE seq = ?').run(redacted.device, redacted.seq);
        expect(verifyChain(raw).ok).toBe(true);
        const plain = raw.prepare("SELECT seq, detail FROM audit_events WHERE seq NOT IN (SELECT seq FROM audit_redactions) AND command = 'auth.signIn' ORDER BY seq LIMIT 1").get() as { seq: number; detail: string };
        raw.prepare('UPDATE audit_events SET detail = ? WHERE seq = ?').run(JSON.stringify({ redactedByDestruction: { detailSha256: 'f'.repeat(64) } }), plain.seq);
        expect(verifyChain(raw)).toMatchObject({ ok: false, firstBad: { seq: plain.seq } });
      } finally {
        raw.close();
      }
    } finally {
      c.app.close();
    }
  }, 300_000);

  it('A3/A4: Zhejiang keeps registration material 1 year: destroying it rebuilds the archive without it, and the rebuilt archive verifies', async () => {
    const c = await consoleAt('2026-07-01T09:00:00+08:00');
    await c.ok('records.policy.set', { province: 'ZJ' }, c.token);
    const first = await c.ok<{ manifestSha256: string }>('records.archive.create', { batchId: c.batchId }, c.token);
    c.clock.set('2027-05-21T10:00:00+08:00');
    const token = (await c.ok<{ token: string }>('auth.signIn', HEAD, null)).token;
    const overview = await c.ok<{ schedule: { items: { class: string; state: string; dueOn: string }[] }[] }>('records.overview', {}, token);
    const items = overview.schedule[0]!.items;
    expect(items.find((i) => i.class === 'registration')).toMatchObject({ state: 'due', dueOn: '2027-05-21' });
    expect(items.find((i) => i.class === 'scoring')).toMatchObject({ state: 'kept', dueOn: '2029-05-21' });
    expect(items.find((i) => i.class === 'certificates')).toMatchObject({ state: 'kept', dueOn: '2056-05-21' });
    expect(await c.call('records.destroy', { batchId: c.batchId, classes: ['scoring'], reason: '期满', method: '数据库删除并覆写', destroyer: SUPERVISOR, signer: HEAD }, token)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await c.ok('records.destroy', { batchId: c.batchId, classes: ['registration'], reason: '保管期满（报名材料不少于 1 年）', method: '数据库删除并覆写', destroyer: SUPERVISOR, signer: HEAD }, token);
    const count = (sql: string) => (c.sqlite.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM candidates WHERE photo IS NOT NULL OR phone IS NOT NULL')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM candidates')).toBe(120); // the register still names them
    const ledger = await c.ok<{ archiveManifestSha256: string }[]>('records.ledger', {}, token);
    expect(ledger[0]!.archiveManifestSha256).toBe(first.manifestSha256);
    const v = await c.ok<{ ok: boolean; manifestSha256: string }>('records.archive.verify', { batchId: c.batchId }, token);
    expect(v.ok).toBe(true);
    expect(v.manifestSha256).not.toBe(first.manifestSha256);
    const rebuilt = c.sqlite.prepare('SELECT file_name AS f FROM archives WHERE removed_at IS NULL').get() as { f: string };
    const names = (await readZip(readFileSync(join(c.dataDir, rebuilt.f)))).map((e) => e.name);
    expect(names.some((n) => n.includes('/data/registration/'))).toBe(false);
    expect(names.some((n) => n.includes('/data/scoring/'))).toBe(true);
    expect(verifyChain(c.sqlite).ok).toBe(true);
    c.app.close();
  }, 240_000);

  it('A5: the yearly summary counts the batch (evaluated, passed, certificates, pass rate) as a page, an xlsx and a PDF/A', async () => {
    const c = await consoleAt('2026-12-20T09:00:00+08:00');
    const s = await c.ok<{ years: number[]; summary: { totals: { evaluated: number; passed: number; certified: number; passRate: number }; rows: unknown[] } }>('records.summary', { year: 2026 }, c.token);
    expect(s.years).toEqual([2026]);
    const outcomes = c.sqlite.prepare('SELECT COUNT(*) AS n FROM sync_certificates').get() as { n: number };
    expect(s.summary.totals.certified).toBe(outcomes.n);
    expect(s.summary.totals.passed).toBe(outcomes.n); // the demo platform certifies everyone who passed
    // evaluated: everyone with a result (passed, failed or voided); absentees from every subject are not
    const outcomesOf = compileResults(c.sqlite, c.batchId).map((r) => r.outcome);
    const evaluated = outcomesOf.filter((o) => o === 'passed' || o === 'failed' || o === 'void').length;
    expect(evaluated).toBeGreaterThan(100);
    expect(s.summary.totals.evaluated).toBe(evaluated);
    expect(s.summary.totals.passed).toBe(outcomesOf.filter((o) => o === 'passed').length);
    expect(s.summary.totals.passRate).toBeCloseTo(s.summary.totals.passed / evaluated, 4);
    expect(s.summary.rows.length).toBeGreaterThanOrEqual(2);
    const x = await c.ok<{ base64: string }>('records.summary.file', { year: 2026, format: 'xlsx' }, c.token);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(2).value === '合计')!;
    expect(total.getCell(5).value).toBe(evaluated);
    const p = await c.ok<{ base64: string }>('records.summary.file', { year: 2026, format: 'pdf' }, c.token);
    const file = join(tempDir('esc-records-sum-'), 's.pdf');
    writeFileSync(file, Buffer.from(p.base64, 'base64'));
    expect((await run('pdfinfo', ['-meta', file])).stdout).toContain('<pdfaid:part>2</pdfaid:part>');
    expect((await run('pdftotext', [file, '-'])).stdout).toContain('合计');
    c.app.close();
  }, 120_000);
});
