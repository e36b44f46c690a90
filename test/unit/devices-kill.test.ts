// Nothing queued is lost or doubled when the console dies in the middle of a replay: the server is
// SIGKILLed while a paired device's batches are in flight, started again on the same data folder,
// and the device sends its whole queue again (it cannot know which batches committed). Each event
// is then recorded exactly once (device_events by id, one sign-in and one photo per candidate).
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/app';
import { ManualClock } from '../../electron/services/runtime';
import { PROCTOR_A, photo, seedDoor } from '../support/door-seed';
import { eventId, pairDevice } from '../support/devices';
import { HEAD, tempDir } from './helpers';

const AT = '2026-05-21T09:20:00+08:00';

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/replay-server.ts', dataDir, AT], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`replay server exited (${code}): ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

describe('a replay survives the console being killed (nothing lost, nothing doubled)', () => {
  it('SIGKILL while batches are in flight, restart, the whole queue sent again: each event once', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const clock = new ManualClock('2026-05-21T08:50:00+08:00');
    const app = openConsole({ dataDir, clock });
    const call = (method: string, input: unknown, token: string | null = null) => app.call({ method, input, token, device: 'vitest' });
    const must = async <T,>(m: string, i: unknown, t: string | null = null) => {
      const r = await call(m, i, t);
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.data as T;
    };
    await must('setup.init', HEAD);
    const head = (await must<{ token: string }>('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).token;
    const seed = seedDoor(app.env.opened.db, clock, { room1Count: 30 });
    const proctor = (await must<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
    const paired = await pairDevice(call, head, '门口平板', clock.now().getTime());
    app.close();

    const events = seed.room1Candidates.map((x, i) => ({
      id: eventId(),
      kind: 'confirm',
      sessionId: seed.theorySessionId,
      roomId: seed.room1.id,
      candidateId: x.id,
      method: 'ticket',
      scanned: x.ticketNo,
      at: new Date(Date.parse('2026-05-21T09:00:00+08:00') + i * 10_000).toISOString(),
      offsetMs: 0,
      photo: { jpegBase64: photo(i + 1).toString('base64') },
    }));
    const batches: (typeof events)[] = [];
    for (let i = 0; i < events.length; i += 3) batches.push(events.slice(i, i + 3));
    const send = (url: string, batch: typeof events) =>
      fetch(`${url}/api/devices.replay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${proctor}`, 'x-device-key': paired.credential },
        body: JSON.stringify({ events: batch }),
      }).then(async (r) => (await r.json()) as { ok: boolean; data?: { eventId: string; duplicate: boolean; outcome: string }[] });

    const first = await startServer(dataDir);
    let answered = 0;
    // every batch at once; the console is killed as soon as the first answer comes back
    const inFlight = batches.map((b) =>
      send(first.url, b).then(
        (r) => {
          answered += 1;
          if (answered === 1) first.child.kill('SIGKILL');
          return r;
        },
        () => null,
      ),
    );
    const firstRound = await Promise.all(inFlight);
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    const acknowledged = firstRound.filter((r) => r?.ok).length;
    expect(acknowledged).toBeGreaterThanOrEqual(1);
    expect(acknowledged).toBeLessThan(batches.length);

    // back up: the device sends its whole queue again
    const second = await startServer(dataDir);
    try {
      const again = await Promise.all(batches.map((b) => send(second.url, b)));
      expect(again.every((r) => r.ok)).toBe(true);
      const results = again.flatMap((r) => r.data!);
      expect(results.map((r) => r.eventId)).toEqual(events.map((e) => e.id));
      expect(results.every((r) => r.outcome === 'applied')).toBe(true);
      // what committed before the kill comes back as the same record, the rest is new
      const dup = results.filter((r) => r.duplicate).length;
      expect(dup).toBeGreaterThanOrEqual(acknowledged * 3);
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }

    const check = openConsole({ dataDir, clock });
    try {
      const q = (sql: string) => check.env.opened.sqlite.prepare(sql).get() as Record<string, number>;
      expect(q('SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM device_events')).toEqual({ n: 30, d: 30 });
      expect(q('SELECT COUNT(*) AS n, COUNT(DISTINCT candidate_id) AS d FROM checkins')).toEqual({ n: 30, d: 30 });
      expect(q('SELECT COUNT(*) AS n FROM checkin_photos')).toEqual({ n: 30 });
      expect(q('SELECT COUNT(*) AS n FROM checkin_alerts')).toEqual({ n: 0 });
      expect(check.env.opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      check.close();
    }
  });
});
