// What the incidents desk shows: a room's view, the case list, one case, the site dashboard.

import type { Db, Sqlite } from '../../../db';
import { maskDocNumber } from '../../domain/gb11643';
import { localTime, offsetMinutes } from '../checkin/rules';
import { DECISIONS, type Decision } from './catalogue';
import { linksAt } from './events';
import { NO_DRAW_NOTE, place, signersOf } from './record';

const local = (iso: string, startsAt: string) => localTime(new Date(iso), offsetMinutes(startsAt), true);

interface IncidentRow {
  id: number;
  sessionId: number;
  roomId: number;
  subjectType: string;
  candidateId: number | null;
  staffId: number | null;
  kind: string;
  kindZh: string;
  occurredAt: string;
  timeEditReason: string | null;
  description: string;
  witnesses: string;
  status: string;
  source: string;
  signerNote: string | null;
  sessionName: string;
  startsAt: string;
  roomCode: string;
  candidateName: string | null;
  ticketNo: string | null;
  doc: string | null;
  staffName: string | null;
  recorderName: string;
  secondName: string | null;
  rulingId: number | null;
  decision: string | null;
  rulingReason: string | null;
  decidedAt: string | null;
  deciderName: string | null;
  photoIds: string | null;
}

const INCIDENT_SQL = `
  SELECT i.id, i.session_id AS sessionId, i.room_id AS roomId, i.subject_type AS subjectType, i.candidate_id AS candidateId, i.staff_id AS staffId,
         i.kind, i.kind_zh AS kindZh, i.occurred_at AS occurredAt, i.time_edit_reason AS timeEditReason, i.description, i.witnesses, i.status, i.source,
         i.signer_note AS signerNote, s.name AS sessionName, s.starts_at AS startsAt, r.code AS roomCode,
         c.name AS candidateName, c.ticket_no AS ticketNo, c.doc_number AS doc, st.name AS staffName, rec.name AS recorderName, sec.name AS secondName,
         ru.id AS rulingId, ru.decision, ru.reason AS rulingReason, ru.decided_at AS decidedAt, dec.name AS deciderName,
         (SELECT group_concat(p.id) FROM incident_photos p WHERE p.incident_id = i.id) AS photoIds
  FROM incidents i JOIN exam_sessions s ON s.id = i.session_id JOIN rooms r ON r.id = i.room_id
  LEFT JOIN candidates c ON c.id = i.candidate_id LEFT JOIN staff st ON st.id = i.staff_id
  JOIN staff rec ON rec.id = i.recorded_by LEFT JOIN staff sec ON sec.id = i.second_signer_id
  LEFT JOIN incident_rulings ru ON ru.incident_id = i.id AND ru.superseded_by IS NULL LEFT JOIN staff dec ON dec.id = ru.decided_by`;

function shape(sqlite: Sqlite, r: IncidentRow) {
  const { doc, photoIds, ...rest } = r;
  return {
    ...rest,
    docMasked: doc ? maskDocNumber(doc) : null,
    occurredLocal: local(r.occurredAt, r.startsAt),
    decisionZh: r.decision ? DECISIONS[r.decision as Decision] : null,
    decidedLocal: r.decidedAt ? local(r.decidedAt, r.startsAt) : null,
    photoIds: photoIds ? photoIds.split(',').map(Number) : [],
    recordings: linksAt(sqlite, r.sessionId, r.roomId, r.occurredAt).map((l) => ({ ...l, startsLocal: local(l.startsAt, r.startsAt), endsLocal: local(l.endsAt, r.startsAt) })),
  };
}

export type IncidentView = ReturnType<typeof shape>;

export function incidentList(sqlite: Sqlite, filter: { sessionId?: number | undefined; roomId?: number | undefined; status?: string | undefined } = {}): IncidentView[] {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (clause: string, arg?: unknown) => {
    where.push(clause);
    if (arg !== undefined) args.push(arg);
  };
  if (filter.sessionId) add('i.session_id = ?', filter.sessionId);
  if (filter.roomId) add('i.room_id = ?', filter.roomId);
  if (filter.status === 'unruled') add("i.status <> 'ruled'");
  else if (filter.status) add('i.status = ?', filter.status);
  const sql = `${INCIDENT_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.occurred_at DESC, i.id DESC`;
  return (sqlite.prepare(sql).all(...args) as IncidentRow[]).map((r) => shape(sqlite, r));
}

/** One case with every ruling ever made on it (superseded ones too, oldest first). */
export function incidentDetail(sqlite: Sqlite, id: number) {
  const row = sqlite.prepare(`${INCIDENT_SQL} WHERE i.id = ?`).get(id) as IncidentRow | undefined;
  if (!row) return null;
  const rulings = sqlite
    .prepare(
      `SELECT ru.id, ru.decision, ru.reason, ru.decided_at AS decidedAt, ru.supersedes, ru.superseded_by AS supersededBy, ru.subject_id AS subjectId, ru.signature, st.name AS deciderName
       FROM incident_rulings ru JOIN staff st ON st.id = ru.decided_by WHERE ru.incident_id = ? ORDER BY ru.id`,
    )
    .all(id) as { id: number; decision: Decision; reason: string; decidedAt: string; supersedes: number | null; supersededBy: number | null; subjectId: number | null; signature: string; deciderName: string }[];
  return { ...shape(sqlite, row), rulings: rulings.map((r) => ({ ...r, decisionZh: DECISIONS[r.decision], decidedLocal: local(r.decidedAt, row.startsAt) })) };
}

/** A room in a session: who sits it, who proctors it (the draw), its incidents, events and recordings. */
export function roomView(db: Db, sqlite: Sqlite, sessionId: number, roomId: number, now: Date) {
  const p = place(sqlite, sessionId, roomId);
  const head = sqlite
    .prepare(`SELECT s.name AS sessionName, s.ends_at AS endsAt, r.code AS roomCode, r.building || ' ' || r.floor || ' ' || r.room_no AS location FROM exam_sessions s, rooms r WHERE s.id = ? AND r.id = ?`)
    .get(sessionId, roomId) as { sessionName: string; endsAt: string; roomCode: string; location: string };
  const candidates = (
    sqlite
      .prepare(
        `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, cs.seat FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
         WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY CAST(cs.seat AS INTEGER), cs.seat, c.ticket_no`,
      )
      .all(sessionId, roomId) as { id: number; name: string; ticketNo: string; doc: string; seat: string | null }[]
  ).map(({ doc, ...c }) => ({ ...c, docMasked: maskDocNumber(doc) }));
  const { drawn, proctors } = signersOf(db, sessionId, roomId);
  const allProctors = sqlite
    .prepare(`SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles sr ON sr.staff_id = s.id AND sr.role = 'proctor' WHERE s.active = 1 ORDER BY s.staff_no`)
    .all() as { staffId: number; staffNo: string; name: string }[];
  const staff = sqlite.prepare(`SELECT id, staff_no AS staffNo, name FROM staff WHERE active = 1 ORDER BY staff_no`).all() as { id: number; staffNo: string; name: string }[];
  const events = (
    sqlite
      .prepare(`SELECT e.id, e.kind, e.at, e.detail, e.outcome, e.incident_id AS incidentId, st.name AS recorderName FROM site_events e JOIN staff st ON st.id = e.recorded_by WHERE e.session_id = ? AND e.room_id = ? ORDER BY e.id`)
      .all(sessionId, roomId) as { id: number; kind: string; at: string; detail: string; outcome: string; incidentId: number | null; recorderName: string }[]
  ).map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown>, atLocal: local(e.at, p.startsAt) }));
  const links = (
    sqlite
      .prepare(`SELECT id, channel, file_name AS fileName, starts_at AS startsAt, ends_at AS endsAt FROM monitoring_links WHERE session_id = ? AND room_id = ? ORDER BY id`)
      .all(sessionId, roomId) as { id: number; channel: string; fileName: string; startsAt: string; endsAt: string }[]
  ).map((l) => ({ ...l, startsLocal: local(l.startsAt, p.startsAt), endsLocal: local(l.endsAt, p.startsAt) }));
  return {
    ...head,
    sessionId,
    roomId,
    batchId: p.batchId,
    startsAt: p.startsAt,
    nowIso: now.toISOString(),
    nowLocal: local(now.toISOString(), p.startsAt),
    offsetMinutes: offsetMinutes(p.startsAt),
    drawn,
    signerNote: drawn ? null : NO_DRAW_NOTE,
    /** who may sign second: the drawn pair, or before a draw every proctor */
    proctors: drawn ? proctors : allProctors,
    candidates,
    staff,
    incidents: incidentList(sqlite, { sessionId, roomId }),
    events,
    links,
  };
}

/** The supervisor's desk: cases to rule, the door's doubtful admissions and its alarm drafts. */
export function caseList(sqlite: Sqlite) {
  const alarms = (
    sqlite
      .prepare(
        `SELECT al.id, al.kind_zh AS kindZh, al.at, al.status, al.candidate_id AS candidateId, c.name, c.ticket_no AS ticketNo, s.name AS sessionName, s.starts_at AS startsAt,
                r.code AS roomCode, st.name AS proctorName, (SELECT i.id FROM incidents i WHERE i.alert_id = al.id) AS incidentId
         FROM checkin_alerts al JOIN candidates c ON c.id = al.candidate_id JOIN exam_sessions s ON s.id = al.session_id JOIN rooms r ON r.id = al.room_id
         JOIN staff st ON st.id = al.proctor_id ORDER BY al.id DESC`,
      )
      .all() as { id: number; kindZh: string; at: string; status: string; candidateId: number; name: string; ticketNo: string; sessionName: string; startsAt: string; roomCode: string; proctorName: string; incidentId: number | null }[]
  ).map((a) => ({ ...a, atLocal: local(a.at, a.startsAt) }));
  const doubtful = (
    sqlite
      .prepare(
        `SELECT ck.id AS checkinId, ck.at, ck.doubt_reason AS reason, ck.reviewed_at AS reviewedAt, ck.review_note AS reviewNote, c.name, c.ticket_no AS ticketNo,
                s.name AS sessionName, s.starts_at AS startsAt, r.code AS roomCode, (SELECT i.id FROM incidents i WHERE i.checkin_id = ck.id AND i.source = 'doubtful') AS incidentId
         FROM checkins ck JOIN candidates c ON c.id = ck.candidate_id JOIN exam_sessions s ON s.id = ck.session_id JOIN rooms r ON r.id = ck.room_id
         WHERE ck.status = 'doubtful' ORDER BY ck.at DESC`,
      )
      .all() as { checkinId: number; at: string; reason: string | null; reviewedAt: string | null; reviewNote: string | null; name: string; ticketNo: string; sessionName: string; startsAt: string; roomCode: string; incidentId: number | null }[]
  ).map((d) => ({ ...d, atLocal: local(d.at, d.startsAt) }));
  return { incidents: incidentList(sqlite), alarms, doubtful };
}

/** The site head's one screen: per session and room, sign-in progress, open incidents, events. */
export function dashboard(sqlite: Sqlite, now: Date) {
  const rows = sqlite
    .prepare(
      `WITH pairs AS (
         SELECT session_id, room_id FROM session_rooms
         UNION SELECT DISTINCT session_id, room_id FROM candidate_subjects WHERE session_id IS NOT NULL AND room_id IS NOT NULL)
       SELECT s.id AS sessionId, s.name AS sessionName, s.starts_at AS startsAt, s.ends_at AS endsAt, r.id AS roomId, r.code AS roomCode,
              (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = r.id) AS expected,
              (SELECT COUNT(*) FROM checkins ck WHERE ck.session_id = s.id AND ck.room_id = r.id) AS signedIn,
              (SELECT COUNT(*) FROM checkins ck WHERE ck.session_id = s.id AND ck.room_id = r.id AND ck.status = 'doubtful') AS doubtful,
              (SELECT COUNT(*) FROM checkins ck WHERE ck.session_id = s.id AND ck.room_id = r.id AND ck.late = 1) AS late,
              (SELECT COUNT(*) FROM checkin_absences a WHERE a.session_id = s.id AND a.room_id = r.id) AS absent,
              (SELECT COUNT(*) FROM incidents i WHERE i.session_id = s.id AND i.room_id = r.id AND i.status <> 'ruled') AS openIncidents,
              (SELECT COUNT(*) FROM incidents i WHERE i.session_id = s.id AND i.room_id = r.id) AS incidents,
              (SELECT COUNT(*) FROM checkin_alerts al WHERE al.session_id = s.id AND al.room_id = r.id AND al.status = 'draft') AS alarms,
              (SELECT group_concat(e.kind) FROM site_events e WHERE e.session_id = s.id AND e.room_id = r.id) AS events,
              (SELECT COUNT(*) FROM site_events e WHERE e.session_id = s.id AND e.room_id = r.id AND e.outcome = 'mismatch') AS mismatches
       FROM pairs p JOIN exam_sessions s ON s.id = p.session_id JOIN rooms r ON r.id = p.room_id
       ORDER BY s.starts_at, r.code`,
    )
    .all() as {
    sessionId: number;
    sessionName: string;
    startsAt: string;
    endsAt: string;
    roomId: number;
    roomCode: string;
    expected: number;
    signedIn: number;
    doubtful: number;
    late: number;
    absent: number;
    openIncidents: number;
    incidents: number;
    alarms: number;
    events: string | null;
    mismatches: number;
  }[];
  const t = now.getTime();
  return {
    nowIso: now.toISOString(),
    rows: rows.map((r) => ({
      ...r,
      events: r.events ? r.events.split(',') : [],
      // the plan writes times with their offset: compare instants, not strings
      phase: t < Date.parse(r.startsAt) ? 'before' : t > Date.parse(r.endsAt) ? 'after' : 'running',
      startsLocal: localTime(new Date(r.startsAt), offsetMinutes(r.startsAt)),
      endsLocal: localTime(new Date(r.endsAt), offsetMinutes(r.startsAt)),
    })),
  };
}
