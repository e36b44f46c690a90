// The registered photo beside a verdict: the verdict carries none (every scan stays small), so it
// comes from the room's photos the screen already holds, or is asked for once for anyone else
// (a candidate of another room or session, an earlier sign-in elsewhere).
import { useEffect, useState } from 'react';
import { call } from '../../../api/client';
import type { Verdict } from './types';

export function useVerdictPhoto(sessionId: number, roomId: number, verdict: Verdict | null, roomPhotos: Record<number, string | null> | null | undefined): string | null {
  const id = verdict?.candidate?.id ?? null;
  const known = id !== null && roomPhotos && id in roomPhotos;
  const [fetched, setFetched] = useState<{ id: number; dataUrl: string | null } | null>(null);
  useEffect(() => {
    if (id === null || known) return;
    let live = true;
    call('checkin.candidatePhoto', { sessionId, roomId, candidateId: id })
      .then((p) => live && setFetched({ id, dataUrl: p.dataUrl }))
      .catch(() => live && setFetched({ id, dataUrl: null }));
    return () => {
      live = false;
    };
  }, [sessionId, roomId, id, known]);
  if (id === null) return null;
  if (known) return roomPhotos[id] ?? null;
  return fetched?.id === id ? fetched.dataUrl : null;
}
