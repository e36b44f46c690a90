// The door device's IndexedDB, opened on first use: Dexie, its library, is a chunk of its own, and a
// browser that never was a paired door (no database of this name, so nothing kept and nothing
// queued) does not download it at all: the door's first load on a plain browser stays small.
import type { DoorDb } from './store';

/** the database's name (store.ts opens it under this name) */
export const DOOR_DB_NAME = 'esc-door';

let opened: Promise<DoorDb> | null = null;

export function openDoorDb(): Promise<DoorDb> {
  opened ??= import('./store').then((m) => m.doorDb);
  return opened;
}

/** Whether this browser holds the door's database; true when it cannot tell (then it is opened). */
export async function hasDoorDb(): Promise<boolean> {
  if (opened) return true;
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DOOR_DB_NAME);
  } catch {
    return true;
  }
}

export const packKey = (sessionId: number, roomId: number) => `${sessionId}:${roomId}`;
