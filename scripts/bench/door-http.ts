// The door as the benches probe it (ARCHITECTURE: long work runs off the event loop; E3: the door keeps
// up with its queue): one console served over HTTP on 127.0.0.1 as the door tablets reach it, in a
// process of its own (door-console.ts: its event loop, heap and worker threads are the console's
// alone, as on exam day where the tablets and the site head's laptop are other machines), the door's
// own day seeded (test/support/door-seed.ts), the site head and a proctor signed in, and the door
// scan's round trip (POST /api/checkin.scan) timed from this process idle or while other work runs.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DoorSeed } from '../../test/support/door-seed';
import { PROCTOR_A } from '../../test/support/door-seed';
import { HEAD, type ConsoleRequest, type FromConsole, type Stalls, type ToConsole, type ToUploader } from './door-protocol';

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const fmt = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p99: pct(s, 99), max: s[s.length - 1]!, n: s.length };
};

export type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; reason?: string; message: string } };

/** An upload made ready to send: each send() posts the same body again, from the uploader's process. */
export interface Upload<T> {
  send(): Promise<Answer<T>>;
}

/** Where the uploader gets an upload's input: `fn` exported by `module` (a file URL), called with `args` in the uploader's process. */
export interface UploadSource {
  module: string;
  fn: string;
  args?: unknown;
  /**
   * a function `module` exports that the uploader applies to each answer before it comes back (a
   * large answer, the plan with every photo, summed up there: parsing it here would stall the
   * process that times the door)
   */
  summary?: string;
}

export interface DoorProbe {
  seed: DoorSeed;
  /** a command over HTTP, its answer as it came */
  call<T>(method: string, input: unknown, token?: string | null): Promise<Answer<T>>;
  /**
   * A large upload as it reaches the console on exam day, from another machine: made and sent by a
   * process of its own below normal priority (door-uploader.ts), so the bench's generating,
   * JSON.stringify and socket writes of several MB (and their garbage collection) neither land on
   * the process that times the door nor take the CPU from the console ahead of the door's scans.
   * The body is made now, before any timing.
   */
  uploader<T>(method: string, from: UploadSource, token?: string | null): Promise<Upload<T>>;
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

/** nice steps below the bench's own priority for the uploader (as the console's workers give way to the door) */
const UPLOADER_NICE = 10;

const CONSOLE_ENTRY = fileURLToPath(new URL('./door-console.ts', import.meta.url));
const UPLOADER_ENTRY = fileURLToPath(new URL('./door-uploader.ts', import.meta.url));

/**
 * The uploader's process, below normal priority from its first instruction (`nice`, so its V8 and
 * libuv threads are too), or lowered once started where there is no `nice` (Windows: the whole process).
 */
function startUploader(): Promise<ChildProcess> {
  const args = ['--import', 'tsx', UPLOADER_ENTRY];
  const viaNice = process.platform !== 'win32' && existsSync('/usr/bin/nice');
  const child = viaNice
    ? spawn('/usr/bin/nice', ['-n', String(UPLOADER_NICE), process.execPath, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : fork(UPLOADER_ENTRY, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  if (!viaNice && child.pid) {
    try {
      setPriority(child.pid, Math.min(19, getPriority() + UPLOADER_NICE));
    } catch {
      // left at normal priority: the figures say so no less truly, only less like exam day
    }
  }
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench: the uploader's process ended before starting (code ${code})`));
    child.once('exit', onExit);
    child.once('message', () => {
      child.off('exit', onExit);
      resolve(child);
    });
  });
}

/** Requests over a child's IPC channel, each answered by a reply with its id. */
function asker(child: ChildProcess, who: string) {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { kind: string; id?: number; ok?: boolean; value?: unknown; message?: string }) => {
    if (m.kind !== 'reply' || m.id === undefined) return;
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.value);
    else p?.reject(new Error(`bench: in ${who}: ${m.message}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`bench: ${who} ended (code ${code})`));
    pending.clear();
  });
  return <T,>(m: object) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (v) => resolve(v as T), reject });
      child.send({ ...m, id });
    });
}

/** Ends a child process (asked to, by IPC) and waits for it. */
async function endChild(child: ChildProcess, bye: object | null): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (bye) child.send(bye);
  else child.disconnect();
  await exited;
}

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
  let uploading: Promise<ChildProcess> | null = null;
  try {
    const ask = asker(child, 'the console process') as <T>(m: ConsoleRequest) => Promise<T>;
    const inConsole = <T,>(module: string, fn: string, args: unknown = null) => ask<T>({ kind: 'setup', module, fn, args });

    const call = async <T,>(method: string, input: unknown, token: string | null = null): Promise<Answer<T>> => {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Answer<T>;
    };
    let askUploader: (<T>(m: object) => Promise<T>) | null = null;
    const uploader = async <T,>(method: string, from: UploadSource, token: string | null = null): Promise<Upload<T>> => {
      if (!uploading) uploading = startUploader();
      const up = await uploading;
      askUploader ??= asker(up, "the uploader's process");
      const askUp = askUploader;
      await askUp<number>({ kind: 'prepare', module: from.module, fn: from.fn, args: from.args ?? null, summary: from.summary ?? null, url: `${url}/api/${method}`, token } satisfies Omit<Extract<ToUploader, { kind: 'prepare' }>, 'id'>);
      return { send: () => askUp<Answer<T>>({ kind: 'send' } satisfies Omit<Extract<ToUploader, { kind: 'send' }>, 'id'>) };
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
    if (uploading) await endChild(await uploading, null);
    await endChild(child, { kind: 'close' } satisfies ToConsole);
    rmSync(ready.dir, { recursive: true, force: true });
  }
}
