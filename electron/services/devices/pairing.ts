// Pairing a door device to the site: the site head asks for a one-time code (valid a few minutes,
// shown as a QR with the https address and the site CA's fingerprint); the device that opens it
// gets its credential once, bound to this site, with the offset between its clock and the site's.
// The site head lists the devices and revokes one: its next call is refused, its queue kept.
import { and, eq, isNull } from 'drizzle-orm';
import { schema, type Db } from '../../../db';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { base32, secretHash, deviceLabel } from './credential';

/** A pairing code lives this long: long enough to walk to the tablet, short enough not to linger. */
export const PAIRING_TTL_MS = 5 * 60_000;
export const PAIRING_CODE_LENGTH = 10;

function roomExists(db: Db, roomId: number | null | undefined): void {
  if (roomId === null || roomId === undefined) return;
  if (!db.select({ id: schema.rooms.id }).from(schema.rooms).where(eq(schema.rooms.id, roomId)).get()) throw new AppError('NOT_FOUND', 'devices.noSuchRoom', { roomId });
}

/** A one-time code for one device (name, optionally its room). Only its hash is kept. */
export function startPairing(ctx: ServiceContext, input: { name: string; roomId?: number | null | undefined }, fingerprint: string | null) {
  roomExists(ctx.db, input.roomId);
  const code = base32(ctx.random.bytes(PAIRING_CODE_LENGTH), PAIRING_CODE_LENGTH);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + PAIRING_TTL_MS).toISOString();
  const row = ctx.db
    .insert(schema.devicePairings)
    .values({ codeHash: secretHash(code), name: input.name.trim(), roomId: input.roomId ?? null, createdAt: now.toISOString(), expiresAt, createdBy: actorOf(ctx).staffId })
    .returning({ id: schema.devicePairings.id })
    .get();
  ctx.note({ subject: { pairingId: row.id, name: input.name.trim(), roomId: input.roomId ?? null }, after: { expiresAt } });
  return { pairingId: row.id, code, expiresAt, ttlMs: PAIRING_TTL_MS, fingerprint };
}

/** The device's side: the code (once, before it expires) for a credential and the clock offset. */
export function completePairing(ctx: ServiceContext, input: { code: string; deviceTime: number }, site: { name: string; fingerprint: string | null }) {
  const code = input.code.trim().toUpperCase();
  const pairing = ctx.db.select().from(schema.devicePairings).where(eq(schema.devicePairings.codeHash, secretHash(code))).get();
  // a wrong code is recorded (persist): guessing leaves a trace in the audit trail
  if (!pairing) throw new AppError('NOT_FOUND', 'devices.pairCodeWrong', undefined, { persist: true });
  if (pairing.usedAt) throw new AppError('CONFLICT', 'devices.pairCodeUsed');
  const now = ctx.clock.now();
  if (now.getTime() >= new Date(pairing.expiresAt).getTime()) throw new AppError('CONFLICT', 'devices.pairCodeExpired');
  const uid = base32(ctx.random.bytes(10), 10);
  const secret = ctx.random.bytes(32).toString('base64url');
  const offsetMs = now.getTime() - input.deviceTime;
  const device = ctx.db
    .insert(schema.devices)
    .values({ uid, name: pairing.name, roomId: pairing.roomId, secretHash: secretHash(secret), pairedAt: now.toISOString(), pairedBy: pairing.createdBy, pairOffsetMs: offsetMs, lastSeenAt: now.toISOString(), lastOffsetMs: offsetMs })
    .returning({ id: schema.devices.id })
    .get();
  const used = ctx.db
    .update(schema.devicePairings)
    .set({ usedAt: now.toISOString(), deviceId: device.id })
    .where(and(eq(schema.devicePairings.id, pairing.id), isNull(schema.devicePairings.usedAt)))
    .run();
  if (used.changes !== 1) throw new AppError('CONFLICT', 'devices.pairCodeUsed');
  ctx.note({ subject: { deviceId: device.id, uid, name: pairing.name, pairingId: pairing.id }, after: { roomId: pairing.roomId, clockOffsetMs: offsetMs } });
  return {
    credential: `${uid}.${secret}`,
    device: { uid, name: pairing.name, roomId: pairing.roomId, label: deviceLabel({ uid, name: pairing.name }) },
    site,
    offsetMs,
    serverNow: now.toISOString(),
  };
}

/** Revoked: its next call is refused (DEVICE_REFUSED); what it queued stays for the site head to review. */
export function revokeDevice(ctx: ServiceContext, input: { deviceId: number; reason: string }) {
  const d = ctx.db.select().from(schema.devices).where(eq(schema.devices.id, input.deviceId)).get();
  if (!d) throw new AppError('NOT_FOUND', 'devices.noSuchDevice');
  if (d.revokedAt) throw new AppError('CONFLICT', 'devices.alreadyRevoked');
  const at = nowIso(ctx);
  ctx.db.update(schema.devices).set({ revokedAt: at, revokedBy: actorOf(ctx).staffId, revokeReason: input.reason.trim() }).where(eq(schema.devices.id, d.id)).run();
  ctx.note({ subject: { deviceId: d.id, uid: d.uid, name: d.name }, before: { revokedAt: null }, after: { revokedAt: at, reason: input.reason.trim() } });
  return { deviceId: d.id, revokedAt: at };
}

interface DeviceListRow {
  id: number;
  uid: string;
  name: string;
  roomId: number | null;
  roomCode: string | null;
  pairedAt: string;
  pairOffsetMs: number;
  lastSeenAt: string | null;
  lastOffsetMs: number | null;
  queued: number;
  revokedAt: string | null;
  revokeReason: string | null;
  applied: number;
  alarms: number;
  refused: number;
  held: number;
}

/** The site head's list: name, room, last seen, what waits in its queue, what it sent and what is held. */
export function deviceList(ctx: ReadContext): DeviceListRow[] {
  return ctx.sqlite
    .prepare<[], DeviceListRow>(
      `SELECT d.id, d.uid, d.name, d.room_id AS roomId, r.code AS roomCode, d.paired_at AS pairedAt, d.pair_offset_ms AS pairOffsetMs,
              d.last_seen_at AS lastSeenAt, d.last_offset_ms AS lastOffsetMs, d.queued, d.revoked_at AS revokedAt, d.revoke_reason AS revokeReason,
              (SELECT COUNT(*) FROM device_events e WHERE e.device_id = d.id AND e.outcome = 'applied') AS applied,
              (SELECT COUNT(*) FROM device_events e WHERE e.device_id = d.id AND e.outcome = 'alarm') AS alarms,
              (SELECT COUNT(*) FROM device_events e WHERE e.device_id = d.id AND e.outcome = 'refused') AS refused,
              (SELECT COUNT(*) FROM device_events e WHERE e.device_id = d.id AND e.outcome = 'held') AS held
       FROM devices d LEFT JOIN rooms r ON r.id = d.room_id ORDER BY d.revoked_at IS NOT NULL, d.name, d.id`,
    )
    .all();
}

interface HeldRow {
  eventId: string;
  kind: string;
  deviceAt: string;
  judgedAt: string;
  receivedAt: string;
  candidateId: number | null;
  name: string | null;
  ticketNo: string | null;
  roomCode: string | null;
  payload: string | null;
}

/** A revoked device's queue as it arrived, for review: who, when (device clock and judged), with or without a photo. */
export function heldEvents(ctx: ReadContext, deviceId: number) {
  const rows = ctx.sqlite
    .prepare<[number], HeldRow>(
      `SELECT e.event_id AS eventId, e.kind, e.device_at AS deviceAt, e.judged_at AS judgedAt, e.received_at AS receivedAt, e.candidate_id AS candidateId,
              c.name, c.ticket_no AS ticketNo, r.code AS roomCode, e.payload
       FROM device_events e LEFT JOIN candidates c ON c.id = e.candidate_id LEFT JOIN rooms r ON r.id = e.room_id
       WHERE e.device_id = ? AND e.outcome = 'held' ORDER BY e.device_at, e.event_id`,
    )
    .all(deviceId);
  return rows.map(({ payload, ...r }) => {
    const p = payload ? (JSON.parse(payload) as { photo?: unknown }) : {};
    return { ...r, withPhoto: !!p.photo };
  });
}
