// A paired door device reloaded while the office PC is out of reach: the signed-in proctor's
// session as the console last confirmed it (kept for the tab's life, like the token), so the door
// opens again from its pack. Only on a paired device, only with the same token.
import { getToken, isNetworkError } from '../api/client';
import type { Session } from '../session';
import { deviceState, loadDevice } from './device';

const KEY = 'esc.session';

export function rememberSession(session: Session): void {
  const token = getToken();
  if (token) sessionStorage.setItem(KEY, JSON.stringify({ token, session }));
}

/** The session to go on with when the console cannot be reached, or null (then the page says it is down). */
export async function offlineSession(e: unknown): Promise<Session | null> {
  if (!isNetworkError(e)) return null;
  await loadDevice();
  if (!deviceState().paired) return null;
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const kept = JSON.parse(raw) as { token: string; session: Session };
    return kept.token === getToken() ? kept.session : null;
  } catch {
    return null;
  }
}
