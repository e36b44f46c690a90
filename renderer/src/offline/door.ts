// The door's calls on a paired device: to the console while it answers; when it does not, from
// the door pack and into the queue (IndexedDB), each event with its own id and the clock offset.
// The door screen calls doorCall where it called call(); everything else stays the console's.
import type { InputOf, OutputOf } from '../../../electron/commands/api';
import { ApiError, call, isNetworkError } from '../api/client';
import { openDoorDb, packKey } from './deviceDb';
import type { DoorPack, QueuedEvent } from './store';
import { deviceState, loadDevice, markOffline, refreshCount, siteNow } from './device';
import { scanOffline } from './judge';
import { eventId } from './ulid';

type DoorMethod = 'checkin.scan' | 'checkin.refuse' | 'checkin.confirm' | 'checkin.photo';

/** The door pack for a room, kept on the device (null when it never opened this door online). */
export async function loadPack(sessionId: number, roomId: number): Promise<DoorPack | null> {
  return (await (await openDoorDb()).packs.get(packKey(sessionId, roomId)))?.pack ?? null;
}

/** Fetches and keeps the door pack (roster, photos, rules and times, the draw in force). */
export async function refreshPack(sessionId: number, roomId: number): Promise<DoorPack | null> {
  await loadDevice();
  if (!deviceState().paired) return null;
  const pack = await call('devices.doorPack', { sessionId, roomId });
  await (await openDoorDb()).packs.put({ key: packKey(sessionId, roomId), pack, savedAt: new Date().toISOString() });
  return pack;
}

export async function queuedFor(sessionId: number): Promise<QueuedEvent[]> {
  return (await openDoorDb()).queue.filter((e) => e.sessionId === sessionId).toArray();
}

function needsConsole(): ApiError {
  return new ApiError({ code: 'CONFLICT', reason: 'devices.offlineNeedsConsole', message: '离线时不能办理此项', messageEn: 'Not possible offline' });
}

function noPack(): ApiError {
  return new ApiError({ code: 'CONFLICT', reason: 'devices.offlineNoPack', message: '本设备未缓存此考场的数据', messageEn: 'No offline copy of this room' });
}

async function enqueue(e: Omit<QueuedEvent, 'id' | 'at' | 'offsetMs' | 'state'>): Promise<QueuedEvent> {
  const ev: QueuedEvent = { ...e, id: eventId(), at: new Date().toISOString(), offsetMs: Math.round(deviceState().offsetMs), state: 'pending' };
  await (await openDoorDb()).queue.add(ev);
  await refreshCount();
  return ev;
}

async function offline<M extends DoorMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  // each branch answers in the shape of the console's own command
  type Out = OutputOf<M>;
  if (method === 'checkin.photo') throw needsConsole();
  const i = input as { sessionId: number; roomId: number };
  const pack = await loadPack(i.sessionId, i.roomId);
  if (!pack) throw noPack();
  const queued = await queuedFor(i.sessionId);
  if (method === 'checkin.scan') {
    return (await scanOffline(pack, queued, input as InputOf<'checkin.scan'>, siteNow())) as Out;
  }
  if (method === 'checkin.refuse') {
    const r = input as InputOf<'checkin.refuse'>;
    const name = pack.candidates.find((c) => c.id === r.candidateId)?.name ?? '';
    await enqueue({ kind: 'refuse', sessionId: r.sessionId, roomId: r.roomId, candidateId: r.candidateId, method: r.method, scanned: r.code ?? '', name });
    return { refusalId: 0, alertId: null, verdict: 'not_in_plan' } as Out;
  }
  const c = input as InputOf<'checkin.confirm'>;
  // doubtful and late admissions need a second person's PIN checked by the console (S8, E4)
  if (c.doubtful || c.late) throw needsConsole();
  const name = pack.candidates.find((x) => x.id === c.candidateId)?.name ?? '';
  const ev = await enqueue({
    kind: 'confirm',
    sessionId: c.sessionId,
    roomId: c.roomId,
    candidateId: c.candidateId,
    method: c.method,
    scanned: c.scanned ?? '',
    ...(c.photo ? { photo: c.photo } : {}),
    ...(c.noPhotoReason ? { noPhotoReason: c.noPhotoReason } : {}),
    name,
  });
  return { checkinId: 0, status: 'ok', late: false, photoId: null, at: new Date(Date.parse(ev.at) + ev.offsetMs).toISOString() } as Out;
}

/**
 * The door's call: the console while it answers; on a paired device that cannot reach it, the
 * door pack and the queue. While offline, calls go straight to the device (no wait on the network).
 */
export async function doorCall<M extends DoorMethod>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  // once the device is known, the call goes out at once (a scan's request leaves before the screen re-renders)
  if (deviceState().paired === null) await loadDevice();
  const d = deviceState();
  if (!d.paired) return call(method, input);
  if (!d.online) return offline(method, input);
  try {
    return await call(method, input);
  } catch (e) {
    if (!isNetworkError(e)) throw e;
    markOffline();
    return offline(method, input);
  }
}
