// The dashboard as a picture: each room's state in one word (a colour on the room grid) and the
// sign-in curve of each session over the morning. Both read the injected clock, never the wall's.
import type { ReadContext } from '../context';
import { entryCutoff, localTime, offsetMinutes } from '../checkin/rules';

/**
 * A room in a session, as the grid colours it. `incidents` outranks the rest (someone must act);
 * after the entry cut-off (E4) a room is `missing` while people of its list have not signed in
 * (absent or not yet marked), `complete` when all came.
 */
export const ROOM_STATES = ['notStarted', 'signingIn', 'complete', 'missing', 'incidents'] as const;
export type RoomState = (typeof ROOM_STATES)[number];

/** From this long before the start a room counts as signing in (the doors open about then). */
export const DOORS_OPEN_BEFORE_MS = 60 * 60_000;

export interface RoomFigures {
  startsAt: string;
  endsAt: string;
  expected: number;
  signedIn: number;
  openIncidents: number;
  alarms: number;
}

export function roomState(r: RoomFigures, now: Date): RoomState {
  if (r.openIncidents > 0 || r.alarms > 0) return 'incidents';
  const t = now.getTime();
  if (t >= entryCutoff(r).getTime()) return r.signedIn < r.expected ? 'missing' : 'complete';
  if (r.signedIn > 0 || t >= Date.parse(r.startsAt) - DOORS_OPEN_BEFORE_MS) return 'signingIn';
  return 'notStarted';
}

/** At most this many points per session: one per minute of a long morning is plenty. */
const MAX_POINTS = 24 * 60;

/**
 * Per session, the number signed in over time: one point per minute in which someone signed in
 * (site-local minutes since midnight), cumulative, with the start and the E4 cut-off to mark.
 */
export function signInCurves(ctx: ReadContext) {
  const sessions = ctx.sqlite
    .prepare<[], { id: number; name: string; startsAt: string; endsAt: string; expected: number }>(
      `SELECT es.id, es.name, es.starts_at AS startsAt, es.ends_at AS endsAt,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = es.id) AS expected
       FROM exam_sessions es ORDER BY es.starts_at, es.id`,
    )
    .all();
  const times = ctx.sqlite.prepare<[number], { at: string }>('SELECT at FROM checkins WHERE session_id = ?');
  const now = ctx.clock.now();
  return {
    nowIso: now.toISOString(),
    sessions: sessions.map((s) => {
      const offset = offsetMinutes(s.startsAt);
      const minuteOfDay = (ms: number) => Math.floor((ms + offset * 60_000) / 60_000) % (24 * 60);
      // one bucket per minute (times are compared as instants: a door may write its own offset)
      const buckets = new Map<number, number>();
      for (const { at } of times.all(s.id)) {
        const m = Math.floor(Date.parse(at) / 60_000);
        if (Number.isFinite(m)) buckets.set(m, (buckets.get(m) ?? 0) + 1);
      }
      let total = 0;
      const points = [...buckets.entries()]
        .sort((a, b) => a[0] - b[0])
        .slice(0, MAX_POINTS)
        .map(([m, n]) => {
          total += n;
          return { minute: minuteOfDay(m * 60_000), signedIn: total };
        });
      const start = Date.parse(s.startsAt);
      return {
        sessionId: s.id,
        name: s.name,
        expected: s.expected,
        startsLocal: localTime(new Date(start), offset),
        startMinute: minuteOfDay(start),
        cutoffMinute: minuteOfDay(entryCutoff(s).getTime()),
        cutoffLocal: localTime(entryCutoff(s), offset),
        endMinute: minuteOfDay(Date.parse(s.endsAt)),
        nowMinute: minuteOfDay(now.getTime()),
        points,
      };
    }),
  };
}
