// `npm run demo:day` doubles as the end-to-end test of the exam day: the whole day through the
// public command API, ending with the sealed package acknowledged by the platform. It runs on a
// real random key (as a site's console does), and before the console closes, every byte it left
// is scanned: the data folder with the live WAL, the backups on the "USB drive", and this process's
// temporary folder hold no seeded name, ID number or photo in clear.
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openDatabase } from '../../db';
import { DB_FILE } from '../../electron/app';
import { verifyChain } from '../../electron/services/audit';
import { findBackups } from '../../electron/services/backup/manifest';
import { keyForFolder } from '../../electron/services/vault/vault';
import { playDemoDay } from '../../scripts/demo-day';
import { tempDir } from './helpers';
import { demoNeedles, filesUnder, scanForClear } from '../support/scan';

test('demo day: draw, doors (late refused at +30 min 1 s, one admitted, one doubtful), incident ruled, sheets, theory, results, seal, publication of the sealed version (upload held until it ends, G5), sync acknowledged; encrypted backups at each milestone; nothing seeded in clear at rest', async () => {
  const dataDir = tempDir('esc-demo-day-');
  const backupDir = tempDir('esc-demo-usb-');
  const platformDir = tempDir('esc-demo-platform-');
  // this process's temporary files land here for the day (os.tmpdir() and SQLite both read TMPDIR)
  const scratch = tempDir('esc-demo-tmp-');
  const needles = await demoNeedles();
  let scanned: string[] = [];
  let hits: ReturnType<typeof scanForClear> = [];
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  let r;
  try {
    r = await playDemoDay({
      dataDir,
      platformDir,
      backupDir,
      unlock: { useEnv: false },
      beforeClose: () => {
        scanned = [...filesUnder(dataDir), ...filesUnder(backupDir), ...filesUnder(scratch)];
        hits = scanForClear(scanned, needles);
      },
    });
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
  expect(r.candidates).toBe(120);
  expect(r).toMatchObject({ lateRefused: 1, lateAdmitted: 1, doubtful: 1, incidents: 1, absent: 2 });
  // 120 candidates in theory and in skill, less the two who never came to theory
  expect(r.signedIn).toBe(238);
  expect(r.sheets).toBe(360); // three examiners for each of the 120 skill candidates
  expect(r.theoryScores).toBe(118);
  expect((r.outcomes.passed ?? 0) + (r.outcomes.failed ?? 0) + (r.outcomes.absent ?? 0)).toBe(120);
  expect(r.outcomes.pending ?? 0).toBe(0);
  expect(r.publication).toMatchObject({ count: 120, version: 1, heldDuringPublication: true });
  expect(r.publication.confirmed).toBe(r.outcomes.passed); // the 确认单 names everyone who passed
  expect(r.seal).toMatchObject({ version: 1 });
  expect(r.seal.signers).toBeGreaterThanOrEqual(3);
  expect(r.sync).toMatchObject({ state: 'acknowledged', platformRecords: 1 });
  expect(r.sync.recordNo).toMatch(/^R\d+/);
  expect(r.lines.join('\n')).toMatch(/开考后 30 分 01 秒，迟到考生被拒绝入场/);
  // weeks later: the platform certifies and each candidate's page shows their number (G7)
  expect(r.certificates.count).toBe(r.outcomes.passed); // certificates for those who passed only (G1, G7)
  expect(r.certificates.example).toMatch(/\S+/);

  // backups: the plan, each closed door, the seal (and the first one when the folder was chosen), all good
  expect(r.backups.failed).toBe(0);
  expect(r.backups.reasons).toEqual(expect.arrayContaining(['manual', 'plan', 'door', 'seal']));
  expect(findBackups(backupDir)).toHaveLength(r.backups.count);

  // at rest: the scan covered the database, its live WAL, the vault, the sealed keys and every backup…
  expect(scanned).toEqual(expect.arrayContaining([join(dataDir, DB_FILE), join(dataDir, `${DB_FILE}-wal`), join(dataDir, 'keys', 'vault.json'), join(dataDir, 'keys', 'site-ed25519.pem')]));
  expect(scanned.filter((f) => f.startsWith(backupDir) && f.endsWith('console.sqlite'))).toHaveLength(r.backups.count);
  expect(needles.length).toBeGreaterThan(500);
  // …and found nothing in clear
  expect(hits).toEqual([]);
  // the scan does find them where they are in clear: the plan as shipped, and a backup decrypted with the key
  expect(scanForClear([join('resources', 'demo-plan', 'demo-plan.json')], needles).length).toBeGreaterThan(200);
  const key = keyForFolder(dataDir, { code: r.recoveryCode, env: {} })!;
  const plain = join(tempDir('esc-control-'), 'plain.sqlite');
  copyFileSync(join(findBackups(backupDir)[0]!.dir, 'console.sqlite'), plain);
  const db = new Database(plain);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  db.pragma("rekey = ''");
  db.close();
  const found = new Set(scanForClear([plain], needles).map((h) => h.what.split(' ')[0]));
  expect([...found].sort()).toEqual(['ID', 'candidate', 'photo', 'staff']);
  expect(readFileSync(plain).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');

  // what the day left behind, read back from the file with the key the recovery code unwraps
  const { sqlite, close } = openDatabase(`${dataDir}/${DB_FILE}`, { key });
  try {
    const one = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    expect(one("SELECT COUNT(*) AS n FROM checkins WHERE late = 1")).toBe(1);
    expect(one("SELECT COUNT(*) AS n FROM checkins WHERE status = 'doubtful'")).toBe(1);
    expect(one('SELECT COUNT(*) AS n FROM checkin_absences')).toBe(2);
    expect(one("SELECT COUNT(*) AS n FROM score_sheets WHERE status = 'submitted'")).toBe(360);
    expect(one("SELECT COUNT(*) AS n FROM batches WHERE status = 'sealed'")).toBe(1);
    expect(one("SELECT COUNT(*) AS n FROM outbox WHERE state = 'certified'")).toBe(1); // acknowledged, then certified weeks later
    expect(one("SELECT COUNT(*) AS n FROM audit_events WHERE command = 'draw.confirm' AND outcome <> 'ok'")).toBe(1); // the wrong PIN, refused and recorded
    expect(verifyChain(sqlite).ok).toBe(true);
  } finally {
    close();
  }
}, 480_000);
