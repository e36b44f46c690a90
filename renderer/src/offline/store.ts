// The door device's own storage (IndexedDB through Dexie): its credential and clock offset, the
// door packs it keeps for its rooms, and the queue of events made while the office PC was out of
// reach. IndexedDB outlives a reload, a closed tab and a sleeping tablet; nothing queued is kept
// anywhere else, and an event leaves the queue only once the console has answered for it.
import { Dexie, type EntityTable } from 'dexie';
import type { OutputOf } from '../../../electron/commands/api';
import { DOOR_DB_NAME } from './deviceDb';

export type DoorPack = OutputOf<'devices.doorPack'>;

/** The device's pairing, as the console gave it (the credential is `<uid>.<secret>`). */
export interface DeviceRecord {
  key: 'device';
  credential: string;
  uid: string;
  name: string;
  roomId: number | null;
  siteName: string;
  fingerprint: string | null;
  pairedAt: string;
}

/** server − device clock, measured at pairing and at every contact (round trip halved). */
export interface ClockRecord {
  key: 'clock';
  offsetMs: number;
  measuredAt: string;
  rttMs: number | null;
}

/** Set once the console said this device is revoked: its queue stays, shown, unsent. */
export interface RevokedRecord {
  key: 'revoked';
  at: string;
}

export type MetaRecord = DeviceRecord | ClockRecord | RevokedRecord;

export interface PackRecord {
  key: string;
  pack: DoorPack;
  savedAt: string;
}

export type QueueKind = 'confirm' | 'refuse';
export type QueueState = 'pending' | 'held';

/** One event as the console's devices.replay takes it, with its place in the device's queue. */
export interface QueuedEvent {
  id: string;
  kind: QueueKind;
  sessionId: number;
  roomId: number;
  candidateId: number | null;
  method: 'ticket' | 'id' | 'doc' | 'qr' | 'ticket_tail' | 'doc_tail' | 'pick';
  scanned: string;
  at: string;
  offsetMs: number;
  photo?: { jpegBase64: string; width?: number; height?: number };
  noPhotoReason?: string;
  state: QueueState;
  /** for the screen: who, without reading the pack again */
  name: string;
}

export class DoorDb extends Dexie {
  meta!: EntityTable<MetaRecord, 'key'>;
  packs!: EntityTable<PackRecord, 'key'>;
  queue!: EntityTable<QueuedEvent, 'id'>;
  constructor() {
    super(DOOR_DB_NAME);
    this.version(1).stores({ meta: 'key', packs: 'key', queue: 'id, state, [sessionId+candidateId]' });
  }
}

export const doorDb = new DoorDb();

export { packKey } from './deviceDb';
