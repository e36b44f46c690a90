// `npm run demo:day` doubles as the end-to-end test of the exam day (issue 8 §6): the whole day
// through the public command API, ending with the sealed package acknowledged by the platform.
import { expect, test } from 'vitest';
import { openDatabase } from '../../db';
import { DB_FILE } from '../../electron/app';
import { verifyChain } from '../../electron/services/audit';
import { playDemoDay } from '../../scripts/demo-day';
import { tempDir } from './helpers';
import { testDbKey } from '../support/test-key';

test('demo day: draw, doors (late refused at +30 min 1 s, one admitted, one doubtful), incident ruled, sheets, theory, results, seal, publication of the sealed version (upload held until it ends, G5), sync acknowledged', async () => {
  const dataDir = tempDir('esc-demo-day-');
  const r = await playDemoDay({ dataDir, platformDir: tempDir('esc-demo-platform-') });
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

  // what the day left behind, read back from the file
  const { sqlite, close } = openDatabase(`${dataDir}/${DB_FILE}`, { key: testDbKey() });
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
}, 180_000);
