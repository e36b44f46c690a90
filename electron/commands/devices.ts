// Paired door devices: pairing by a one-time QR code, the site head's list and revocation, the
// door pack a device keeps for its room, and the replay of what it queued offline (each event once
// by its id, judged again; DOMAIN E4/E5 on the event's own time, S2 for the proctor's door).
import { z } from 'zod';
import { DEVICE_EVENT_KINDS } from '../../db/schema/devices';
import { LOOKUP_METHODS } from '../../db/schema/checkin';
import { AppError } from '../services/errors';
import type { Role } from '../services/roles';
import { completePairing, deviceList, heldEvents, revokeDevice, startPairing } from '../services/devices/pairing';
import { doorPack } from '../services/devices/pack';
import { REPLAY_BATCH_MAX, replayEvents } from '../services/devices/replay';
import { defineCommand } from './registry';

const DOOR_ROLES: readonly Role[] = ['proctor', 'supervisor', 'site_head'];
const id = z.number().int().positive();
/** ulid-like: 26 characters of Crockford base32 (time first, then randomness) */
export const EVENT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const devicesPairingStart = defineCommand({
  name: 'devices.pairingStart',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ name: z.string().trim().min(1, '请填写设备名称').max(40), roomId: id.nullable().optional() }),
  handler: (ctx, input) => startPairing(ctx, input, ctx.env.lan?.cert?.sha256 ?? null),
});

/** Public: the one-time code is the secret (refused once used, after five minutes, and recorded when wrong). */
export const devicesPair = defineCommand({
  name: 'devices.pair',
  kind: 'mutation',
  access: 'public',
  input: z.object({ code: z.string().trim().min(1, '请扫描配对二维码').max(32), deviceTime: z.number().int().positive() }),
  handler: (ctx, input) => {
    const site = ctx.sqlite.prepare<[], { name: string }>('SELECT name FROM site LIMIT 1').get();
    return completePairing(ctx, input, { name: site?.name ?? '', fingerprint: ctx.env.lan?.cert?.sha256 ?? null });
  },
});

/** The console's clock, for the device to measure its offset (round trip halved) at every contact. */
export const devicesClock = defineCommand({
  name: 'devices.clock',
  kind: 'query',
  access: 'public',
  input: z.object({}),
  handler: (ctx) => ({ now: ctx.clock.now().toISOString() }),
});

/** The device as the console sees it (its credential checked by the registry). */
export const devicesMe = defineCommand({
  name: 'devices.me',
  kind: 'query',
  access: 'public',
  input: z.object({}),
  handler: (ctx) => {
    if (!ctx.paired) throw new AppError('DEVICE_REFUSED', 'devices.notPaired');
    return { uid: ctx.paired.uid, name: ctx.paired.name, roomId: ctx.paired.roomId, label: ctx.device };
  },
});

export const devicesList = defineCommand({
  name: 'devices.list',
  kind: 'query',
  access: ['site_head'],
  input: z.object({}),
  handler: (ctx) => deviceList(ctx),
});

export const devicesRevoke = defineCommand({
  name: 'devices.revoke',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ deviceId: id, reason: z.string().trim().min(1, '请填写原因').max(200) }),
  handler: (ctx, input) => revokeDevice(ctx, input),
});

/** A revoked device's queue as it arrived, for the site head to review. */
export const devicesHeld = defineCommand({
  name: 'devices.held',
  kind: 'query',
  access: ['site_head'],
  input: z.object({ deviceId: id }),
  handler: (ctx, input) => heldEvents(ctx, input.deviceId),
});

/** What the door needs offline for its room and session (roster, photos, rules and times, the draw). */
export const devicesDoorPack = defineCommand({
  name: 'devices.doorPack',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ sessionId: id, roomId: id }),
  handler: (ctx, input) => doorPack(ctx, input),
});

const queuedEvent = z.object({
  id: z.string().regex(EVENT_ID, '事件编号格式有误'),
  kind: z.enum(DEVICE_EVENT_KINDS),
  sessionId: id,
  roomId: id,
  candidateId: id.nullable(),
  method: z.enum(LOOKUP_METHODS),
  scanned: z.string().max(200).default(''),
  at: z.iso.datetime({ offset: true }),
  offsetMs: z.number().int(),
  photo: z.object({ jpegBase64: z.string().min(1).max(400_000), width: z.number().int().positive().max(4096).optional(), height: z.number().int().positive().max(4096).optional() }).optional(),
  noPhotoReason: z.string().trim().max(200).optional(),
});

/**
 * A paired device's queue (at most REPLAY_BATCH_MAX events a call, in one transaction): each
 * event applied once by its id and judged again. A revoked device's events are kept, unapplied,
 * for review, and the call is refused (the transaction still commits what it kept).
 */
export const devicesReplay = defineCommand({
  name: 'devices.replay',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ events: z.array(queuedEvent).min(1).max(REPLAY_BATCH_MAX) }),
  handler: (ctx, input) => {
    if (!ctx.paired) throw new AppError('DEVICE_REFUSED', 'devices.notPaired');
    const out = replayEvents(ctx, ctx.paired, input.events);
    if (out.revoked) throw new AppError('DEVICE_REFUSED', 'devices.revoked', { held: out.results.length }, { persist: true });
    return out.results;
  },
});

export const deviceCommands = [devicesPairingStart, devicesPair, devicesClock, devicesMe, devicesList, devicesRevoke, devicesHeld, devicesDoorPack, devicesReplay] as const;
