// What the reliability suite (crash, full disk) starts from: the demo day played in-process up to
// the draw (site, plan, staff with their PINs, the draw confirmed), then the doors and the skill
// panels read from the database, and door photos that pass the console's JPEG check.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Sqlite } from '../../db';
import { playDemoDayUntil, SITE, STAFF_PIN } from '../../scripts/demo-day';

export { SITE, STAFF_PIN };

export interface Door {
  sessionId: number;
  roomId: number;
  startsAt: string;
  proctorNo: string;
  candidates: { id: number; ticket: string }[];
}

export interface Panel {
  subjectId: number;
  members: { staffNo: string; role: string }[];
  candidateIds: number[];
}

/** The demo day to 'drawn' in `dir/data` (backups to `dir/usb`); ~15 s on two cores. */
export async function drawnDay(dir: string): Promise<string> {
  const dataDir = join(dir, 'data');
  mkdirSync(join(dir, 'usb'), { recursive: true });
  await playDemoDayUntil('drawn', { dataDir, backupDir: join(dir, 'usb'), platformDir: join(dir, 'platform') });
  return dataDir;
}

/** Every door of every session, in start order, with its first proctor and its candidates by seat. */
export function doorsOf(sqlite: Sqlite): Door[] {
  const rows = sqlite
    .prepare(
      `SELECT cs.session_id AS sessionId, cs.room_id AS roomId, es.starts_at AS startsAt, c.id, c.ticket_no AS ticket
       FROM candidate_subjects cs JOIN exam_sessions es ON es.id = cs.session_id JOIN candidates c ON c.id = cs.candidate_id
       ORDER BY es.starts_at, cs.session_id, cs.room_id, CAST(cs.seat AS INTEGER), c.ticket_no`,
    )
    .all() as { sessionId: number; roomId: number; startsAt: string; id: number; ticket: string }[];
  const doors = new Map<string, Door>();
  for (const r of rows) {
    const key = `${r.sessionId}:${r.roomId}`;
    let d = doors.get(key);
    if (!d) {
      const p = sqlite
        .prepare("SELECT s.staff_no AS staffNo FROM draw_assignments a JOIN staff s ON s.id = a.staff_id WHERE a.session_id = ? AND a.room_id = ? AND a.role = 'proctor' AND a.active = 1 ORDER BY a.position LIMIT 1")
        .get(r.sessionId, r.roomId) as { staffNo: string };
      d = { sessionId: r.sessionId, roomId: r.roomId, startsAt: r.startsAt, proctorNo: p.staffNo, candidates: [] };
      doors.set(key, d);
    }
    d.candidates.push({ id: r.id, ticket: r.ticket });
  }
  return [...doors.values()];
}

/** The skill panels: their examiners (chief included) and candidates. */
export function panelsOf(sqlite: Sqlite): Panel[] {
  const rows = sqlite
    .prepare(
      `SELECT cs.subject_id AS subjectId, cs.session_id AS sessionId, cs.room_id AS roomId, group_concat(cs.candidate_id) AS ids
       FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id WHERE su.kind <> 'theory' GROUP BY cs.session_id, cs.room_id ORDER BY cs.session_id, cs.room_id`,
    )
    .all() as { subjectId: number; sessionId: number; roomId: number; ids: string }[];
  return rows.map((p) => ({
    subjectId: p.subjectId,
    candidateIds: p.ids.split(',').map(Number),
    members: sqlite
      .prepare(
        `SELECT s.staff_no AS staffNo, a.role FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
         WHERE a.session_id = ? AND a.room_id = ? AND a.active = 1 AND a.role IN ('examiner','chief_examiner') ORDER BY a.position`,
      )
      .all(p.sessionId, p.roomId) as { staffNo: string; role: string }[],
  }));
}

/** A door photo the console accepts (JPEG markers at both ends) of `bytes` incompressible bytes. */
export function doorPhoto(bytes = 120 * 1024): string {
  const b = randomBytes(bytes);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  b[3] = 0xe0;
  b[bytes - 2] = 0xff;
  b[bytes - 1] = 0xd9;
  return b.toString('base64');
}

export const plusMinutes = (iso: string, minutes: number): string => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
