// The door as the benches probe it (ARCHITECTURE: long work runs off the event loop; E3: the door keeps
// up with its queue): one console served over HTTP on 127.0.0.1 as the door tablets reach it, in a
// process of its own (door-console.ts: its event loop, heap and worker threads are the console's
// alone, as on exam day where the tablets and the site head's laptop are other machines), the door's
// own day seeded (test/support/door-seed.ts), the site head and a proctor signed in, and the door
// scan's round trip (POST /api/checkin.scan) timed from this process idle or while other work runs.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DoorSeed } from '../../test/support/door-seed';
import { PROCTOR_A } from '../../test/support/door-seed';
import { HEAD, type ConsoleRequest, type FromConsole, type Stalls, type ToConsole } from './door-protocol';

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1]!, n: s.length };
};

export type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason?: string; message: string } };

/** An upload made ready to send: each send() posts the same body again, from the uploader's own thread. */
export interface Upload<T> {
  send(): Promise<Answer<T>>;
  /** ends its thread */
  close(): Promise<void>;
}

export interface DoorProbe {
  seed: DoorSeed;
  /** a command over HTTP, its answer as it came */
  call<T>(method: string, input: unknown, token?: string | null): Promise<Answer<T>>;
  /**
   * A large upload as it reaches the console on exam day, from another machine: the body is
   * serialised now (before any timing) and sent by a thread of its own below normal priority, so
   * the bench's JSON.stringify and socket writes of several MB neither land on the thread that
   * times the door nor take the CPU from the console ahead of the door's scans.
   */
  uploader<T>(method: string, input: unknown, token?: string | null): Upload<T>;
  /** a command over HTTP that must succeed */
  post<T>(method: string, input: unknown, token?: string | null): Promise<T>;
  /** runs `fn` exported by `module` (a file URL) in the console's process with its app, clock and seed (door-console.ts ConsoleSide): a bench's setup */
  inConsole<T>(module: string, fn: string, args?: unknown): Promise<T>;
  head: string;
  /** one door scan of the next candidate in the queue: its round trip in ms */
  scan(): Promise<number>;
  /** `n` scans one after another */
  scans(n: number): Promise<number[]>;
  /**
   * runs `work` while the door keeps scanning (at least once): its result, the scans' times, its
   * time, the console process's resident memory when it started and at its peak (worker threads included)
   */
  scanWhile<T>(work: (during: readonly number[]) => Promise<T>): Promise<{ result: T; during: number[]; ms: number; rss0: number; peak: number; stalls: Stalls }>;
  /** the console's serving thread: how long its event loop was held up since the last ask (scanWhile asks before and after its work) */
  stalls(): Promise<Stalls>;
}

/**
 * The upload's own thread (CommonJS, as an eval'd worker is): the body kept, one POST per 'send',
 * its JSON answer posted back. It lowers its own priority first (as electron/workers/priority.ts
 * does, Linux only): the laptop it stands for is not on the console's CPU at all.
 */
const UPLOADER = `
const { workerData, parentPort } = require('node:worker_threads');
const { url, token, body, nice } = workerData;
try {
  const tid = Number(/\\/task\\/(\\d+)$/.exec(require('node:fs').readlinkSync('/proc/thread-self'))[1]);
  const os = require('node:os');
  os.setPriority(tid, Math.min(19, os.getPriority(tid) + nice));
} catch {}
const headers = { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}) };
parentPort.on('message', () =>
  fetch(url, { method: 'POST', headers, body })
    .then((r) => r.json())
    .then((j) => parentPort.postMessage(j), (e) => parentPort.postMessage({ ok: false, error: { code: 'BENCH_UPLOAD', message: String(e) } })),
);
`;

/** nice steps below the bench's own priority for the uploader (as the console's workers give way to the door) */
const UPLOADER_NICE = 10;

const CONSOLE_ENTRY = fileURLToPath(new URL('./door-console.ts', import.meta.url));

/** The console process's resident memory in bytes: now, and its peak since the last reset (Linux /proc), or null elsewhere. */
function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1]) * 1024;
    const rss = kb('VmRSS');
    const hwm = kb('VmHWM');
    return Number.isFinite(rss) && Number.isFinite(hwm) ? { rss, hwm } : null;
  } catch {
    return null;
  }
}

/** Resets the process's peak resident memory to what it holds now (Linux ≥ 4.0); says whether it could. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Starts the console process and waits until it serves (door-console.ts). */
function startConsole(name: string): Promise<{ child: ChildProcess; ready: Extract<FromConsole, { kind: 'ready' }> }> {
  // BENCH_CONSOLE_PROF=<folder>: the console process writes a CPU profile there (what holds up its serving thread)
  const prof = process.env.BENCH_CONSOLE_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CONSOLE_PROF] : [];
  const child = fork(CONSOLE_ENTRY, [name], { execArgv: ['--import', 'tsx', ...prof], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench: the console process ended before serving (code ${code})`));
    child.once('exit', onExit);
    child.once('message', (m: FromConsole) => {
      child.off('exit', onExit);
      if (m.kind === 'ready') resolve({ child, ready: m });
      else {
        child.kill();
        reject(new Error(`bench: the console process failed: ${m.kind === 'failed' ? m.message : m.kind}`));
      }
    });
  });
}

/** Opens the probe on a console of its own in a fresh data folder, runs `body`, and always ends the console and removes the folder. */
export async function withDoorProbe(name: string, body: (probe: DoorProbe) => Promise<void>): Promise<void> {
  const { child, ready } = await startConsole(name);
  const { url, seed, queue } = ready;
  const pid = child.pid!;
  const uploaders = new Set<Upload<unknown>>();
  try {
    let nextId = 1;
    const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
    child.on('message', (m: FromConsole) => {
      if (m.kind !== 'reply') return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(new Error(`bench: in the console process: ${m.message}`));
    });
    child.on('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`bench: the console process ended (code ${code})`));
      pending.clear();
    });
    const ask = <T,>(m: ConsoleRequest) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: (v) => resolve(v as T), reject });
        child.send({ ...m, id } as ToConsole);
      });
    const inConsole = <T,>(module: string, fn: string, args: unknown = null) => ask<T>({ kind: 'setup', module, fn, args });

    const call = async <T,>(method: string, input: unknown, token: string | null = null): Promise<Answer<T>> => {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Answer<T>;
    };
    const uploader = <T,>(method: string, input: unknown, token: string | null = null): Upload<T> => {
      // its own ArrayBuffer (a small Buffer may sit in Node's shared pool, which must not be transferred)
      const bytes = new TextEncoder().encode(JSON.stringify(input));
      const sender = new Worker(UPLOADER, { eval: true, workerData: { url: `${url}/api/${method}`, token, body: bytes, nice: UPLOADER_NICE }, transferList: [bytes.buffer] });
      const up: Upload<T> = {
        send: () =>
          new Promise<Answer<T>>((resolve, reject) => {
            const fail = (e: Error) => reject(e);
            sender.once('error', fail);
            sender.once('message', (m: Answer<T>) => {
              sender.off('error', fail);
              resolve(m);
            });
            sender.postMessage('send');
          }),
        close: async () => {
          uploaders.delete(up as Upload<unknown>);
          await sender.terminate();
        },
      };
      uploaders.add(up as Upload<unknown>);
      return up;
    };
    const post = async <T,>(method: string, input: unknown, token: string | null = null): Promise<T> => {
      const r = await call<T>(method, input, token);
      if (!r.ok) throw new Error(`bench: ${method}: ${r.error.code} ${r.error.message}`);
      return r.data;
    };
    const head = (await post<{ token: string }>('auth.signIn', HEAD)).token;
    const proctor = (await post<{ token: string }>('auth.signIn', { staffNo: PROCTOR_A.staffNo, pin: PROCTOR_A.pin })).token;
    let k = 0;
    const scan = async (): Promise<number> => {
      const q = queue[k++ % queue.length]!;
      const t0 = performance.now();
      const out = await post<{ kind: string }>('checkin.scan', { sessionId: seed.theorySessionId, roomId: q.roomId, code: q.ticket }, proctor);
      if (out.kind !== 'verdict') throw new Error(`bench: scan answered ${out.kind}`);
      return performance.now() - t0;
    };
    const scans = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await scan());
      return out;
    };
    // the console's memory: read from /proc without asking it (its event loop is what is measured), else asked over IPC
    const memory = async (): Promise<{ rss: number; hwm: number }> => {
      const m = procMemory(pid);
      if (m) return m;
      const rss = await ask<number>({ kind: 'rss' });
      return { rss, hwm: rss };
    };
    const scanWhile = async <T,>(work: (during: readonly number[]) => Promise<T>) => {
      const during: number[] = [];
      let done = false;
      // the kernel keeps the peak between two reads where it can (a peak between samples is not missed)
      resetPeak(pid);
      await ask<Stalls>({ kind: 'stalls' });
      const rss0 = (await memory()).rss;
      let peak = rss0;
      const t0 = performance.now();
      const running = work(during).finally(() => (done = true));
      do {
        during.push(await scan());
        const m = await memory();
        peak = Math.max(peak, m.rss, m.hwm);
      } while (!done);
      const result = await running;
      const ms = performance.now() - t0;
      return { result, during, ms, rss0, peak, stalls: await ask<Stalls>({ kind: 'stalls' }) };
    };
    const stalls = () => ask<Stalls>({ kind: 'stalls' });
    await body({ seed, call, uploader, post, inConsole, head, scan, scans, scanWhile, stalls });
  } finally {
    await Promise.all([...uploaders].map((u) => u.close()));
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'close' } satisfies ToConsole);
      await exited;
    }
    rmSync(ready.dir, { recursive: true, force: true });
  }
}
