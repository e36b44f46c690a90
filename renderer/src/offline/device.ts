// The paired door device at run time: its credential on every call, the clock offset measured at
// each contact, whether the office PC answers, and the queue replayed whenever it does (oldest
// first, a few events a call; an event leaves IndexedDB only once the console answered for it, so
// a reload, a closed tab or a console killed mid-replay loses nothing and the ids keep it once).
import { useSyncExternalStore } from 'react';
import { ApiError, call, isNetworkError, setDeviceHeaders } from '../api/client';
import { hasDoorDb, openDoorDb } from './deviceDb';
import type { ClockRecord, DeviceRecord, RevokedRecord } from './store';

export interface DeviceState {
  /** null until IndexedDB was read; false on a device that is not paired */
  paired: DeviceRecord | false | null;
  /** the office PC answered at the latest contact */
  online: boolean;
  /** events waiting in this device's queue (held ones included) */
  queued: number;
  syncing: boolean;
  revoked: boolean;
  offsetMs: number;
}

/** Events per replay call: one transaction on the console each. */
export const REPLAY_BATCH = 10;
/** How often the device looks for the office PC while the door is open. */
export const CONTACT_MS = 4000;

let state: DeviceState = { paired: null, online: typeof navigator === 'undefined' ? true : navigator.onLine, queued: 0, syncing: false, revoked: false, offsetMs: 0 };
const subscribers = new Set<() => void>();

function set(patch: Partial<DeviceState>): void {
  state = { ...state, ...patch };
  for (const s of subscribers) s();
}

export function deviceState(): DeviceState {
  return state;
}

export function useDevice(): DeviceState {
  return useSyncExternalStore(
    (fn) => {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    () => state,
  );
}

setDeviceHeaders((): Record<string, string> => {
  const d = state.paired;
  if (!d) return {};
  return { 'x-device-key': d.credential, 'x-device-queue': String(state.queued), 'x-device-offset': String(Math.round(state.offsetMs)) };
});

async function countQueue(): Promise<number> {
  return (await openDoorDb()).queue.count();
}

let loading: Promise<void> | null = null;
/** Reads the pairing, offset and queue from IndexedDB (once; later calls wait for the same read). */
export function loadDevice(): Promise<void> {
  loading ??= (async () => {
    try {
      // never paired here: no database, nothing kept, nothing queued (and Dexie not loaded)
      if (!(await hasDoorDb())) {
        set({ paired: false });
        return;
      }
      const doorDb = await openDoorDb();
      const [paired, clock, revoked, queued] = await Promise.all([doorDb.meta.get('device'), doorDb.meta.get('clock'), doorDb.meta.get('revoked'), countQueue()]);
      set({
        paired: paired?.key === 'device' ? paired : false,
        offsetMs: clock?.key === 'clock' ? clock.offsetMs : 0,
        revoked: !!revoked,
        queued,
      });
      if (paired) void registerServiceWorker();
    } catch {
      // no IndexedDB (a private window on some browsers): this browser is simply not a paired device
      set({ paired: false });
    }
  })();
  return loading;
}

/** After pairing: the credential kept on the device, the offset measured by the pairing itself. */
export async function savePairing(device: DeviceRecord, offsetMs: number): Promise<void> {
  const clock: ClockRecord = { key: 'clock', offsetMs, measuredAt: new Date().toISOString(), rttMs: null };
  const doorDb = await openDoorDb();
  await doorDb.transaction('rw', doorDb.meta, async () => {
    await doorDb.meta.put(device);
    await doorDb.meta.put(clock);
    await doorDb.meta.delete('revoked');
  });
  set({ paired: device, offsetMs, revoked: false, online: true });
  void registerServiceWorker();
}

/** The console's time estimated on this device (E4/E5 offline are judged on it). */
export function siteNow(): Date {
  return new Date(Date.now() + state.offsetMs);
}

export async function refreshCount(): Promise<void> {
  set({ queued: await countQueue() });
}

/**
 * A contact: the console's clock (round trip halved) → offset. 'down' when it cannot be reached,
 * 'refused' when it answers that this device is revoked (or unknown).
 */
async function contact(): Promise<'ok' | 'down' | 'refused'> {
  const t0 = Date.now();
  try {
    const out = await call('devices.clock', {});
    const t1 = Date.now();
    const offsetMs = Date.parse(out.now) - (t0 + t1) / 2;
    const clock: ClockRecord = { key: 'clock', offsetMs, measuredAt: new Date(t1).toISOString(), rttMs: t1 - t0 };
    await (await openDoorDb()).meta.put(clock);
    set({ online: true, offsetMs });
    return 'ok';
  } catch (e) {
    if (isNetworkError(e)) {
      set({ online: false });
      return 'down';
    }
    if (e instanceof ApiError && e.data.code === 'DEVICE_REFUSED') {
      set({ online: true });
      return 'refused';
    }
    return 'down';
  }
}

async function markRevoked(): Promise<void> {
  const revoked: RevokedRecord = { key: 'revoked', at: new Date().toISOString() };
  await (await openDoorDb()).meta.put(revoked);
  set({ revoked: true });
}

/** Marks the console out of reach (a door call just failed on the network). */
export function markOffline(): void {
  if (state.online) set({ online: false });
}

let flushing: Promise<void> | null = null;

/** Replays the queue oldest first until it is empty, the console is out of reach or refuses the device. */
export function flushQueue(): Promise<void> {
  flushing ??= (async () => {
    try {
      if (!state.paired) return;
      set({ syncing: true });
      const doorDb = await openDoorDb();
      for (;;) {
        // oldest first (within one index value IndexedDB orders by the id, which starts with the time)
        const batch = await doorDb.queue.where('state').equals('pending').limit(REPLAY_BATCH).toArray();
        if (batch.length === 0) break;
        const events = batch.map(({ state: _s, name: _n, ...e }) => e);
        try {
          const results = await call('devices.replay', { events });
          // only what the console answered for leaves the queue
          await doorDb.queue.bulkDelete(results.map((r) => r.eventId));
          await refreshCount();
        } catch (e) {
          if (isNetworkError(e)) set({ online: false });
          else if (e instanceof ApiError && e.data.code === 'DEVICE_REFUSED') {
            // the console kept them for the site head's review; they stay here too, shown, unsent
            await doorDb.queue.where('id').anyOf(batch.map((b) => b.id)).modify({ state: 'held' });
            await markRevoked();
            continue;
          }
          break;
        }
      }
    } finally {
      set({ syncing: false });
      flushing = null;
    }
  })();
  return flushing;
}

let timer: ReturnType<typeof setInterval> | null = null;
let users = 0;

async function tick(): Promise<void> {
  if (!state.paired || state.revoked) return;
  const answer = await contact();
  if (answer === 'down') return;
  await refreshCount();
  // a revoked device still hands its queue over (kept for review, never applied), then stops
  if (state.queued > 0) await flushQueue();
  else if (answer === 'refused') await markRevoked();
}

/** While a door is open: contact the console every few seconds (and when the browser says it is back). */
export function startContact(): () => void {
  users += 1;
  if (!timer) {
    timer = setInterval(() => void tick(), CONTACT_MS);
    window.addEventListener('online', onOnline);
    void tick();
  }
  return () => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
      window.removeEventListener('online', onOnline);
    }
  };
}

function onOnline(): void {
  void tick();
}

let swStarted = false;
/** the service worker's cache for the page (vite.config.ts: runtimeCaching, network first) */
const PAGE_CACHE = 'esc-pages';
/** The app shell cached by a service worker (a reload while offline still opens the door): paired devices only. */
export async function registerServiceWorker(): Promise<void> {
  if (swStarted || !('serviceWorker' in navigator) || window.examConsole || !location.protocol.startsWith('http')) return;
  swStarted = true;
  try {
    const { Workbox } = await import('workbox-window');
    await new Workbox('./sw.js', { scope: './' }).register();
    await navigator.serviceWorker.ready;
    // the page itself, kept now (not only at the next navigation), so the first reload offline opens it
    const pages = await caches.open(PAGE_CACHE);
    await pages.add(new Request('./', { cache: 'reload' }));
  } catch (e) {
    // no worker (a certificate the browser does not trust for workers): the door still works, a reload offline does not
    console.warn('service worker:', e);
  }
}

// read at start (the shell imports this module): the credential is on every call from the first one
if (typeof indexedDB !== 'undefined') void loadDevice();
