// S9 signatures and the server's one thread: every PIN behind a signature (a score sheet, the seal's
// signers) is checked with scrypt in libuv's thread pool before the command's transaction, so the
// doors keep being answered while it runs. Shown without any timing: the pool's threads are held
// (each blocked opening a FIFO nobody writes yet), so a signature's scrypt cannot finish until the
// test lets them go; a health request over real HTTP must be answered in the meantime. When scrypt
// ran on the event loop, the signature answered first and the health request only after it.
import { execFileSync } from 'node:child_process';
import { closeSync, open, openSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import { scryptStats } from '../../electron/services/pins';
import { entriesFor, scoreAllRaw, scoringDay, sealSignatures, signInAs, STAFF_PIN } from '../support/scoring-seed';
import { tempDir, testConsole } from './helpers';
import { rawHttp as http, type RawAnswer as Answer } from '../support/raw-http';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/**
 * Holds every thread of libuv's pool: each opens a FIFO for reading, which blocks until a writer
 * appears. Work queued after them (a scrypt) waits until `release` opens each FIFO read-write
 * (on Linux that never blocks and counts as the writer).
 */
function holdThreadPool(): { held: Promise<number[]>; release: () => void } {
  const dir = tempDir('esc-pool-');
  const size = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const fifos = Array.from({ length: size }, (_, i) => join(dir, `hold-${i}`));
  for (const f of fifos) execFileSync('mkfifo', [f]);
  const held = Promise.all(fifos.map((f) => new Promise<number>((resolve, reject) => open(f, 'r', (e, fd) => (e ? reject(e) : resolve(fd))))));
  let released = false;
  return {
    held,
    release: () => {
      if (released) return;
      released = true;
      for (const f of fifos) closeSync(openSync(f, 'r+'));
      void held.then((fds) => fds.forEach((fd) => closeSync(fd)));
    },
  };
}

/** Turns the event loop until `cond` holds (what the test waits for is the server starting scrypt). */
async function turnUntil(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

/**
 * Sends the signature, waits until its PIN check has started, then asks /api/health while the pool
 * is held. Returns the order the answers arrived in and the signature's answer.
 */
async function healthDuringSignature(port: number, sign: () => Promise<Answer>): Promise<{ order: string[]; health: Answer; signed: Answer }> {
  const order: string[] = [];
  const pool = holdThreadPool();
  let signing: Promise<Answer> | null = null;
  let health: Answer;
  try {
    const before = scryptStats.runs;
    signing = sign().then((a) => {
      order.push('signature');
      return a;
    });
    await turnUntil(() => scryptStats.runs > before);
    health = await http(port, 'GET', '/api/health');
    order.push('health');
  } finally {
    pool.release();
  }
  const signed = await signing;
  return { order, health, signed };
}

describe('S9: a signature’s PIN is checked off the event loop', () => {
  test('an examiner signs a sheet over HTTP: /api/health is answered while the sheet’s PIN is being checked, the sheet is signed after', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    running = await startHttpServer({ app: c.app, port: 0 });
    const p = day.panels[0]!;
    const m = p.members[0]!;
    const token = await signInAs(c, m.staffNo, m.role);
    const candidateId = p.candidateIds[0]!;
    const { order, health, signed } = await healthDuringSignature(running.port, () =>
      http(running!.port, 'POST', '/api/scoring.sheet.submit', { candidateId, subjectId: p.subjectId, entries: entriesFor(day.items.get(p.subjectId)!, 80), pin: STAFF_PIN }, token),
    );
    expect(health.status).toBe(200);
    expect(order).toEqual(['health', 'signature']);
    expect(signed.status).toBe(200);
    expect(JSON.parse(signed.body)).toMatchObject({ ok: true, data: { total: 80, replayed: false } });
    const row = c.app.env.opened.sqlite.prepare('SELECT status, total FROM score_sheets WHERE candidate_id = ? AND subject_id = ? AND examiner_id = ?').get(candidateId, p.subjectId, m.staffId);
    expect(row).toEqual({ status: 'submitted', total: 80 });
  });

  test('the seal’s signers over HTTP: /api/health is answered while their PINs are being checked; the batch is sealed after', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    scoreAllRaw(c.app.env.opened.sqlite, day);
    running = await startHttpServer({ app: c.app, port: 0 });
    const signatures = await sealSignatures(c, day.batchId, day.token);
    expect(signatures.length).toBeGreaterThanOrEqual(3);
    const { order, health, signed } = await healthDuringSignature(running.port, () => http(running!.port, 'POST', '/api/seal.seal', { batchId: day.batchId, signatures }, day.token));
    expect(health.status).toBe(200);
    expect(order).toEqual(['health', 'signature']);
    expect(JSON.parse(signed.body)).toMatchObject({ ok: true, data: { version: 1, kind: 'seal' } });
    expect(c.app.env.opened.sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'sealed' });
  });

  test('a wrong signer PIN is still refused, counted and audited as before (S1/S9 codes unchanged)', async () => {
    const c = testConsole();
    const day = await scoringDay(c);
    scoreAllRaw(c.app.env.opened.sqlite, day);
    const signatures = await sealSignatures(c, day.batchId, day.token);
    const wrong = signatures.map((s, i) => (i === signatures.length - 1 ? { ...s, pin: '975318' } : s));
    const r = await c.call('seal.seal', { batchId: day.batchId, signatures: wrong }, day.token);
    expect(r).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', reason: 'auth.pinWrong' } });
    const audit = c.app.env.opened.sqlite.prepare("SELECT outcome, detail FROM audit_events WHERE command = 'seal.seal' ORDER BY seq DESC LIMIT 1").get() as { outcome: string; detail: string };
    expect(audit.outcome).toBe('refused');
    expect(JSON.parse(audit.detail)).toMatchObject({ error: 'PIN_WRONG' });
    expect(c.app.env.opened.sqlite.prepare('SELECT status FROM batches WHERE id = ?').get(day.batchId)).toEqual({ status: 'draft' });
  });
});
