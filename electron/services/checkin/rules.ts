// The door's minutes (DOMAIN E4, E5), always measured with the injected clock.

export const ENTRY_CLOSES_AFTER_MS = 30 * 60_000; // E4
export const LEAVE_OPENS_BEFORE_END_MS = 30 * 60_000; // E5

export interface SessionTimes {
  startsAt: string;
  endsAt: string;
}

/** E4: the moment entry closes (start + 30 min). At or after it, nobody enters without the supervisor. */
export function entryCutoff(s: SessionTimes): Date {
  return new Date(new Date(s.startsAt).getTime() + ENTRY_CLOSES_AFTER_MS);
}

export function entryClosed(s: SessionTimes, now: Date): boolean {
  return now.getTime() >= entryCutoff(s).getTime();
}

/** E5: the first moment hand-in and leaving are allowed (end − 30 min). */
export function leaveOpensAt(s: SessionTimes): Date {
  return new Date(new Date(s.endsAt).getTime() - LEAVE_OPENS_BEFORE_END_MS);
}

export function leaveAllowed(s: SessionTimes, now: Date): boolean {
  return now.getTime() >= leaveOpensAt(s).getTime();
}

/** The UTC offset written in a session's ISO time (+08:00 → 480); the site's local time. */
export function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m) return 0;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** HH:mm (or HH:mm:ss) in the site's local time, for messages such as "10:00 起可交卷". */
export function localTime(d: Date, offsetMin: number, seconds = false): string {
  const t = new Date(d.getTime() + offsetMin * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
  return seconds ? `${hm}:${p(t.getUTCSeconds())}` : hm;
}
