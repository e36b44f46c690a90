// The real demo plan, staff on duty and the draw, through commands (as integration-plan-draw does);
// then PINs for the drawn pair of one room and for a supervisor, so tests can sign as them.
import type { Sqlite } from '../../db';
import { enrolStaff } from './enrol';

export interface Caller {
  ok<T = unknown>(method: string, input?: unknown, token?: string | null): Promise<T>;
}

export const PIN = '135790';

export interface IncidentsSeed {
  batchId: number;
  sessionId: number;
  roomId: number;
  proctorA: { staffId: number; staffNo: string; name: string };
  proctorB: { staffId: number; staffNo: string; name: string };
  supervisor: { staffId: number; staffNo: string; name: string };
  candidates: { id: number; name: string }[];
}

export async function seedIncidents(c: Caller, sqlite: Sqlite, headToken: string): Promise<IncidentsSeed> {
  await c.ok('plan.loadDemo', {}, headToken);
  const batchId = (await c.ok<{ id: number }[]>('draw.batches', {}, headToken))[0]!.id;
  const people = await c.ok<{ id: number }[]>('draw.duty.list', { batchId }, headToken);
  await c.ok('draw.duty.mark', { batchId, staffIds: people.map((p) => p.id), onDuty: true }, headToken);
  await c.ok('draw.run', { batchId }, headToken);
  // the first theory session's first room
  const first = sqlite
    .prepare(
      `SELECT a.session_id AS sessionId, a.room_id AS roomId FROM draw_assignments a JOIN exam_sessions s ON s.id = a.session_id JOIN subjects su ON su.id = s.subject_id JOIN rooms r ON r.id = a.room_id
       WHERE a.active = 1 AND a.role = 'proctor' AND su.kind = 'theory' ORDER BY s.starts_at, r.code LIMIT 1`,
    )
    .get() as { sessionId: number; roomId: number };
  const pair = sqlite
    .prepare(
      `SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM draw_assignments a JOIN staff s ON s.id = a.staff_id
       WHERE a.session_id = ? AND a.room_id = ? AND a.role = 'proctor' AND a.active = 1 ORDER BY a.position`,
    )
    .all(first.sessionId, first.roomId) as IncidentsSeed['proctorA'][];
  const supervisor = sqlite
    .prepare(`SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles r ON r.staff_id = s.id AND r.role = 'supervisor' ORDER BY s.staff_no LIMIT 1`)
    .get() as IncidentsSeed['supervisor'];
  await enrolStaff(c, headToken, [pair[0]!.staffId, pair[1]!.staffId, supervisor.staffId], PIN);
  const candidates = sqlite
    .prepare(`SELECT c.id, c.name FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY cs.seat`)
    .all(first.sessionId, first.roomId) as { id: number; name: string }[];
  return { batchId, ...first, proctorA: pair[0]!, proctorB: pair[1]!, supervisor, candidates };
}
