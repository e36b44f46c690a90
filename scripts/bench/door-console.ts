// The console the door probe (door-http.ts) measures, in a process of its own as on exam day, where
// the door tablets and the site head's laptop are other machines: its event loop, heap and worker
// threads are the console's alone, so what the bench does (timing, uploading) is not counted as the
// console holding up the door. Started by door-http.ts (fork, IPC): it opens a console on a fresh
// data folder, sets the site up, seeds the door's day (test/support/door-seed.ts), serves HTTP on
// 127.0.0.1 and says where; then runs a bench's own setup on request, and closes when told or when
// the bench goes away.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openConsole } from '../../electron/app';
import { startHttpServer } from '../../electron/server/http';
import { ManualClock } from '../../electron/services/runtime';
import { seedDoor } from '../../test/support/door-seed';
import { callExported, errorText, HEAD, type ConsoleSide, type FromConsole, type Stalls, type ToConsole } from './door-protocol';

const send = (m: FromConsole) => process.send?.(m);

async function main(): Promise<void> {
  const name = process.argv[2] ?? 'door';
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  // the door's own day on its clock; what the benches import or export is another day's batch
  const clock = new ManualClock('2026-05-21T08:30:00+08:00');
  const app = openConsole({ dataDir: dir, clock });
  const server = await startHttpServer({ app, port: 0 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
    app.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  // the bench ended (or died): nothing is left behind
  process.on('disconnect', () => void close());

  const init = await fetch(`${server.url}/api/setup.init`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siteName: '基准考点', headName: '负责人', ...HEAD }),
  });
  const answer = (await init.json()) as { ok: boolean; error?: { code: string } };
  if (!answer.ok) throw new Error(`door-console: setup.init: ${answer.error?.code ?? init.status}`);
  const { sqlite, db } = app.env.opened;
  const seed = sqlite.transaction(() => seedDoor(db, clock, { room1Count: 30, room2Count: 30, bulkRooms: 20, bulkPerRoom: 30 }))();
  const queue = sqlite
    .prepare<[number], { ticket: string; roomId: number }>('SELECT c.ticket_no AS ticket, cs.room_id AS roomId FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.session_id = ? ORDER BY c.id')
    .all(seed.theorySessionId);

  // what holds up the serving thread itself (as against the CPU being busy elsewhere): its event loop's delay
  const loop = monitorEventLoopDelay({ resolution: 2 });
  loop.enable();
  process.on('message', (m: ToConsole) => {
    if (m.kind === 'close') return void close();
    if (m.kind === 'rss') return send({ kind: 'reply', id: m.id, ok: true, value: process.memoryUsage().rss });
    if (m.kind === 'stalls') {
      const value: Stalls = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
      loop.reset();
      return send({ kind: 'reply', id: m.id, ok: true, value });
    }
    void (async () => {
      try {
        const side: ConsoleSide = { app, clock, seed };
        send({ kind: 'reply', id: m.id, ok: true, value: await callExported(m.module, m.fn, side, m.args) });
      } catch (e) {
        send({ kind: 'reply', id: m.id, ok: false, message: errorText(e) });
      }
    })();
  });
  send({ kind: 'ready', url: server.url, dir, seed, queue });
}

main().catch((e: unknown) => {
  send({ kind: 'failed', message: errorText(e) });
  process.exit(1);
});
