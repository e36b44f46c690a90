// What the bench (door-http.ts), the console's process (door-console.ts) and the uploader's
// (door-uploader.ts) say to each other over IPC, and what a bench's setup run in the console's
// process is given. Kept apart: the console's entry opens a console when loaded, so neither the
// bench nor a setup module imports it.
import type { ConsoleApp } from '../../electron/app';
import type { ManualClock } from '../../electron/services/runtime';
import type { DoorSeed } from '../../test/support/door-seed';

/** What a bench's setup (run in the console's process) is given. */
export interface ConsoleSide {
  app: ConsoleApp;
  clock: ManualClock;
  seed: DoorSeed;
}

/** the site head the probe signs in as */
export const HEAD = { staffNo: 'H1', pin: '246810' };

/** what the bench asks (each answered by a reply with its id) */
export type ConsoleRequest = { kind: 'setup'; module: string; fn: string; args: unknown } | { kind: 'rss' } | { kind: 'stalls' };

/** How long the console's serving thread was held up (its event loop's delay, ms) since the last ask. */
export interface Stalls {
  p99: number;
  max: number;
}
export type ToConsole = (ConsoleRequest & { id: number }) | { kind: 'close' };
export type FromConsole =
  | { kind: 'ready'; url: string; dir: string; seed: DoorSeed; queue: { ticket: string; roomId: number }[] }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; message: string }
  | { kind: 'failed'; message: string };

/** To the uploader (door-uploader.ts): make a body (`fn` of `module` gives the input) for `url`, or send the one made. */
export type ToUploader = { kind: 'prepare'; id: number; module: string; fn: string; args: unknown; summary: string | null; url: string; token: string | null } | { kind: 'send'; id: number };
export type FromUploader = { kind: 'ready' } | { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; message: string };

/** Calls the function `fn` exported by `module` (a bench's setup or upload maker, named over IPC). */
export async function callExported(module: string, fn: string, ...args: unknown[]): Promise<unknown> {
  const f = ((await import(module)) as Record<string, unknown>)[fn];
  if (typeof f !== 'function') throw new Error(`bench: ${module} exports no function ${fn}`);
  return (f as (...a: unknown[]) => unknown)(...args);
}

/** An error as a reply carries it: its stack where it has one. */
export const errorText = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
