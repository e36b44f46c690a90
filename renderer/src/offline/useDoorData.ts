// The door screen's data on any device: the console's view while it answers; on a paired device
// that lost it, the view rebuilt from the door pack and this device's queue (its offline sign-ins
// shown as signed in, the counts to match). A paired device refreshes its pack while online.
import { useEffect, useState } from 'react';
import { useQuery } from '../api/hooks';
import type { DoorPack, QueuedEvent } from './store';
import { siteNow, startContact, useDevice } from './device';
import { loadPack, queuedFor, refreshPack } from './door';

/** How often a paired device refreshes its pack while the console answers. */
const PACK_REFRESH_MS = 30_000;

type DoorView = NonNullable<ReturnType<typeof useQuery<'checkin.door'>>['data']>;

function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

function hms(d: Date, offMin: number): string {
  const t = new Date(d.getTime() + offMin * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}`;
}

/** The door view from the pack, with this device's queued sign-ins applied (E4 on the site's clock). */
export function offlineView(pack: DoorPack, queued: QueuedEvent[], now: Date): DoorView {
  const v = pack.view;
  const off = offsetMinutes(pack.door.startsAt);
  const signed = new Map(queued.filter((e) => e.kind === 'confirm' && e.roomId === pack.door.roomId).map((e) => [e.candidateId, e]));
  const roster = v.roster.map((r) => {
    const e = r.status === 'missing' ? signed.get(r.candidateId) : undefined;
    if (!e) return r;
    const at = new Date(Date.parse(e.at) + e.offsetMs);
    return { ...r, status: 'in' as const, at: at.toISOString(), atLocal: hms(at, off), noPhotoReason: e.noPhotoReason ?? null };
  });
  const n = (s: string) => roster.filter((r) => r.status === s).length;
  const entryClosed = now.getTime() >= Date.parse(v.entryCutoff);
  const counts = { ...v.counts, signedIn: n('in') + n('doubtful') + n('left'), missing: n('missing'), refused: v.counts.refused + queued.filter((e) => e.kind === 'refuse' && e.roomId === pack.door.roomId).length };
  return { ...v, now: now.toISOString(), nowLocal: hms(now, off), entryClosed, absentToConfirm: false, counts, roster };
}

export function useDoorData(sessionId: number, roomId: number) {
  const dev = useDevice();
  const door = useQuery('checkin.door', { sessionId, roomId }, { refreshMs: 5000 });
  const photos = useQuery('checkin.registeredPhotos', { sessionId, roomId });
  const [pack, setPack] = useState<DoorPack | null>(null);
  const [queued, setQueued] = useState<QueuedEvent[]>([]);
  const paired = !!dev.paired;

  // the device looks for the console while the door is open, and replays its queue when it answers
  useEffect(() => (paired ? startContact() : undefined), [paired]);
  useEffect(() => {
    if (!paired) return;
    let live = true;
    const get = () =>
      refreshPack(sessionId, roomId)
        .catch(() => loadPack(sessionId, roomId))
        .then((p) => live && p && setPack(p));
    void loadPack(sessionId, roomId).then((p) => live && p && setPack(p));
    void get();
    const id = setInterval(() => void get(), PACK_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [paired, sessionId, roomId]);
  // the queue as it is now (for the offline roster and counts)
  useEffect(() => {
    if (!paired) return;
    let live = true;
    void queuedFor(sessionId).then((q) => live && setQueued(q));
    return () => {
      live = false;
    };
  }, [paired, sessionId, dev.queued]);

  const networkDown = door.error?.reason === 'system.network';
  const offline = paired && (!dev.online || networkDown);
  if (offline && pack) {
    return {
      offline: true,
      door: { data: offlineView(pack, queued, siteNow()), error: null, reload: door.reload },
      photos: { data: photos.data ?? Object.fromEntries(pack.candidates.filter((c) => c.roomId === roomId).map((c) => [c.id, c.photo])) },
    };
  }
  return { offline, door, photos };
}
