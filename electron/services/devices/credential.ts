// A paired door device's credential: `<uid>.<secret>`, the secret stored as SHA-256 only. Every
// call that carries it names the device (its records' `device` column and the audit event say
// `device:<uid> <name>`); a revoked or unknown credential is refused with a code, never ignored.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ReadSqlite, Sqlite } from '../../../db';
import { AppError } from '../errors';

/** A device credential as the device sends it (header `x-device-key`). */
export const CREDENTIAL = /^([0-9A-Z]{10})\.([A-Za-z0-9_-]{43})$/;
/** Crockford base32: no I, L, O, U (codes are read off screens and typed) */
export const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface PairedDevice {
  id: number;
  uid: string;
  name: string;
  roomId: number | null;
  revoked: boolean;
}

/** What the transports hand the registry about the device a call came from. */
export interface DeviceClaim {
  key: string;
  /** events waiting in its queue, as the device says */
  queued?: number | undefined;
  /** server − device clock (ms), as the device measured it at its latest contact */
  offsetMs?: number | undefined;
}

export function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[bytes[i % bytes.length]! % 32];
  return out;
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The label the device's records carry (checkins.device, the audit's device). */
export function deviceLabel(d: Pick<PairedDevice, 'uid' | 'name'>): string {
  return `device:${d.uid} ${d.name}`.slice(0, 80);
}

interface DeviceRow {
  id: number;
  uid: string;
  name: string;
  roomId: number | null;
  secretHash: string;
  revokedAt: string | null;
}

/** The device a credential names: refused (DEVICE_REFUSED) when malformed, unknown or its secret is wrong. */
export function resolveDevice(sqlite: ReadSqlite, key: string): PairedDevice {
  const m = CREDENTIAL.exec(key.trim());
  if (!m) throw new AppError('DEVICE_REFUSED', 'devices.unknown');
  const row = sqlite
    .prepare<[string], DeviceRow>('SELECT id, uid, name, room_id AS roomId, secret_hash AS secretHash, revoked_at AS revokedAt FROM devices WHERE uid = ?')
    .get(m[1]!);
  const given = Buffer.from(secretHash(m[2]!), 'hex');
  // compared in constant time even when the uid is unknown (a dummy hash)
  const stored = Buffer.from(row?.secretHash ?? '0'.repeat(64), 'hex');
  if (!timingSafeEqual(given, stored) || !row) throw new AppError('DEVICE_REFUSED', 'devices.unknown');
  return { id: row.id, uid: row.uid, name: row.name, roomId: row.roomId, revoked: row.revokedAt !== null };
}

/** Last seen, the queue it reports and its clock offset: telemetry, not an exam record (no audit event). */
export function touchDevice(sqlite: Sqlite, deviceId: number, at: string, claim: DeviceClaim): void {
  const queued = claim.queued !== undefined && Number.isInteger(claim.queued) && claim.queued >= 0 ? Math.min(claim.queued, 1_000_000) : null;
  const offset = claim.offsetMs !== undefined && Number.isFinite(claim.offsetMs) && Math.abs(claim.offsetMs) < 400 * 86_400_000 ? Math.round(claim.offsetMs) : null;
  sqlite
    .prepare('UPDATE devices SET last_seen_at = ?, queued = COALESCE(?, queued), last_offset_ms = COALESCE(?, last_offset_ms) WHERE id = ?')
    .run(at, queued, offset, deviceId);
}
