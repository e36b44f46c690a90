// Paired door devices for tests: pairing over the command API, a device's calls carrying its
// credential, and offline events with ulid-like ids the way the door's queue makes them.
import type { CallResult } from '../../electron/commands/registry';
import type { ConsoleApp } from '../../electron/app';

const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let counter = 0;

/** An event id as the device's queue makes it: 10 characters of time, 16 of counter/randomness. */
export function eventId(ms = Date.now()): string {
  let t = '';
  let v = ms;
  for (let i = 0; i < 10; i++) {
    t = B32[v % 32] + t;
    v = Math.floor(v / 32);
  }
  let r = '';
  let c = ++counter;
  for (let i = 0; i < 16; i++) {
    r = B32[(c + i * 7) % 32] + r;
    c = Math.floor(c / 32) + (i === 0 ? Math.floor(Math.random() * 1e9) : 0);
  }
  return t + r;
}

export interface Paired {
  credential: string;
  offsetMs: number;
  device: { uid: string; name: string; label: string };
}

type Call = (method: string, input: unknown, token?: string | null) => Promise<CallResult>;

async function ok<T>(call: Call, method: string, input: unknown, token?: string | null): Promise<T> {
  const r = await call(method, input, token);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.reason ?? ''} ${r.error.message}`);
  return r.data as T;
}

/** The site head makes a code, the device opens it: the device's credential. */
export async function pairDevice(call: Call, head: string, name: string, deviceTime: number, roomId?: number): Promise<Paired> {
  const start = await ok<{ code: string }>(call, 'devices.pairingStart', { name, ...(roomId ? { roomId } : {}) }, head);
  return ok<Paired>(call, 'devices.pair', { code: start.code, deviceTime });
}

/** A call from a paired device (in-process, through the registry as the HTTP shell does). */
export function deviceCall(app: ConsoleApp, credential: string, queued?: number) {
  return (method: string, input: unknown, token: string | null = null) =>
    app.call({ method, input, token, device: 'http:127.0.0.1 门口平板', client: 'ip:127.0.0.1', deviceClaim: { key: credential, queued } });
}
