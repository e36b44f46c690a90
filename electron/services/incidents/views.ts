// What the incidents desk shows: a room's view, the case list, one case, the site dashboard.
// Kinds, decisions and notes travel as codes; the screens word them through the catalogue.

import { mayReadRoom, requireRoom } from '../checkin/room-access';
import type { ReadSqlite } from '../../../db';
import type { AlertKind, AlertStatus } from '../../../db/schema/checkin';
import type { Decision, IncidentKind, IncidentSource, IncidentStatus, IncidentSubjectType, SignerNote, SiteEventKind, SiteEventOutcome } from '../../../db/schema/incidents';
import type { ReadContext } from '../context';
import { AppError, type Issue } from '../errors';
import { photoDataUrl } from '../checkin/lookup';
import { maskDocNumber } from '../../domain/gb11643';
import { localTime, offsetMinutes } from '../checkin/rules';
import { bagExpectation, linksAt, type LinkRow } from './events';
import { place, signersOf } from './record';
import { roomState } from './floor';

const local = (iso: string, startsAt: string) => localTime(new Date(iso), offsetMinutes(startsAt), true);

interface IncidentRow {
  id: number;
  sessionId: number;
  roomId: number;
  subjectType: IncidentSubjectType;
  candidateId: number | null;
  staffId: number | null;
  kind: IncidentKind;
  occurredAt: string;
  timeEditReason: string | null;
  description: string;
  witnesses: string;
  status: IncidentStatus;
  source: IncidentSource;
  signerNote: SignerNote | null;
  alertKind: AlertKind | null;
  alertProctorName: string | null;
  doubtReason: string | null;
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
  decision: Decision | null;
  rulingReason: string | null;
  decidedAt: string | null;
  deciderName: string | null;
  photoIds: string | null;
}

const INCIDENT_SQL = `
  SELECT i.id, i.session_id AS sessionId, i.room_id AS roomId, i.subject_type AS subjectType, i.candidate_id AS candidateId, i.staff_id AS staffId,
         i.kind, i.occurred_at AS occurredAt, i.time_edit_reason AS timeEditReason, i.description, i.witnesses, i.status, i.source,
         i.signer_note AS signerNote, al.kind AS alertKind, alp.name AS alertProctorName, dck.doubt_reason AS doubtReason,
         s.name AS sessionName, s.starts_at AS startsAt, r.code AS roomCode,
         c.name AS candidateName, c.ticket_no AS ticketNo, c.doc_number AS doc, st.name AS staffName, rec.name AS recorderName, sec.name AS secondName,
         ru.id AS rulingId, ru.decision, ru.reason AS rulingReason, ru.decided_at AS decidedAt, dec.name AS deciderName,
         (SELECT group_concat(p.id) FROM incident_photos p WHERE p.incident_id = i.id) AS photoIds
  FROM incidents i JOIN exam_sessions s ON s.id = i.session_id JOIN rooms r ON r.id = i.room_id
  LEFT JOIN candidates c ON c.id = i.candidate_id LEFT JOIN staff st ON st.id = i.staff_id
  JOIN staff rec ON rec.id = i.recorded_by LEFT JOIN staff sec ON sec.id = i.second_signer_id
  LEFT JOIN checkin_alerts al ON al.id = i.alert_id LEFT JOIN staff alp ON alp.id = al.proctor_id
  LEFT JOIN checkins dck ON dck.id = i.checkin_id AND i.source = 'doubtful'
  LEFT JOIN incident_rulings ru ON ru.incident_id = i.id AND ru.superseded_by IS NULL LEFT JOIN staff dec ON dec.id = ru.decided_by`;

/**
 * Why the signers are who they are, as a code the screen words (inc.signerNote.*): signed before
 * the draw, taken up from a door alarm (which proctor scanned), or from a doubtful admission (why).
 */
function signerNoteOf(r: Pick<IncidentRow, 'signerNote' | 'source' | 'alertKind' | 'alertProctorName' | 'doubtReason'>): Issue | null {
  if (r.source === 'door_alert') return { reason: 'door_alert', params: { kind: `@door.alert.kind.${r.alertKind ?? 'impersonation_suspect'}`, proctor: r.alertProctorName ?? '' } };
  if (r.source === 'doubtful') return { reason: 'doubtful', params: { reason: r.doubtReason ?? '' } };
  return r.signerNote ? { reason: r.signerNote } : null;
}

function shape(sqlite: ReadSqlite, r: IncidentRow) {
  const { doc, photoIds, signerNote: _code, alertKind: _kind, alertProctorName: _proctor, doubtReason: _reason, ...rest } = r;
  return {
    ...rest,
    signerNote: signerNoteOf(r),
    docMasked: doc ? maskDocNumber(doc) : null,
    occurredLocal: local(r.occurredAt, r.startsAt),
    decidedLocal: r.decidedAt ? local(r.decidedAt, r.startsAt) : null,
    photoIds: photoIds ? photoIds.split(',').map(Number) : [],
    recordings: linksAt(sqlite, r.sessionId, r.roomId, r.occurredAt).map((l) => ({ ...l, startsLocal: local(l.startsAt, r.startsAt), endsLocal: local(l.endsAt, r.startsAt) })),
  };
}

export type IncidentView = ReturnType<typeof shape>;

export interface IncidentFilter {
  sessionId?: number | undefined;
  roomId?: number | undefined;
  status?: IncidentStatus | 'unruled' | undefined;
}

export function incidentList(sqlite: ReadSqlite, filter: IncidentFilter = {}): IncidentView[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (clause: string, arg?: string | number) => {
    where.push(clause);
    if (arg !== undefined) args.push(arg);
  };
  if (filter.sessionId) add('i.session_id = ?', filter.sessionId);
  if (filter.roomId) add('i.room_id = ?', filter.roomId);
  if (filter.status === 'unruled') add("i.status <> 'ruled'");
  else if (filter.status) add('i.status = ?', filter.status);
  const sql = `${INCIDENT_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.occurred_at DESC, i.id DESC`;
  return sqlite
    .prepare<(string | number)[], IncidentRow>(sql)
    .all(...args)
    .map((r) => shape(sqlite, r));
}

interface RulingRow {
  id: number;
  decision: Decision;
  reason: string;
  decidedAt: string;
  supersedes: number | null;
  supersededBy: number | null;
  subjectId: number | null;
  signature: string;
  deciderName: string;
}

/** One case with every ruling ever made on it (superseded ones too, oldest first); null when there is none. */
export function incidentDetail(sqlite: ReadSqlite, id: number) {
  const row = sqlite.prepare<[number], IncidentRow>(`${INCIDENT_SQL} WHERE i.id = ?`).get(id);
  if (!row) return null;
  const rulings = sqlite
    .prepare<[number], RulingRow>(
      `SELECT ru.id, ru.decision, ru.reason, ru.decided_at AS decidedAt, ru.supersedes, ru.superseded_by AS supersededBy, ru.subject_id AS subjectId, ru.signature, st.name AS deciderName
       FROM incident_rulings ru JOIN staff st ON st.id = ru.decided_by WHERE ru.incident_id = ? ORDER BY ru.id`,
    )
    .all(id);
  return { ...shape(sqlite, row), rulings: rulings.map((r) => ({ ...r, decidedLocal: local(r.decidedAt, row.startsAt) })) };
}

interface RoomHead {
  sessionName: string;
  endsAt: string;
  roomCode: string;
  location: string;
}

interface EventRow {
  id: number;
  kind: SiteEventKind;
  at: string;
  detail: string;
  outcome: SiteEventOutcome;
  incidentId: number | null;
  recorderName: string;
}

/** Who sits the room, and who may be named or sign: the site's active staff and its proctors. */
function roomPeople(sqlite: ReadSqlite, sessionId: number, roomId: number) {
  const candidates = sqlite
    .prepare<[number, number], { id: number; name: string; ticketNo: string; doc: string; seat: string | null }>(
      `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, cs.seat FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       WHERE cs.session_id = ? AND cs.room_id = ? ORDER BY CAST(cs.seat AS INTEGER), cs.seat, c.ticket_no`,
    )
    .all(sessionId, roomId)
    .map(({ doc, ...c }) => ({ ...c, docMasked: maskDocNumber(doc) }));
  const allProctors = sqlite
    .prepare<[], { staffId: number; staffNo: string; name: string }>(
      `SELECT s.id AS staffId, s.staff_no AS staffNo, s.name FROM staff s JOIN staff_roles sr ON sr.staff_id = s.id AND sr.role = 'proctor' WHERE s.active = 1 ORDER BY s.staff_no`,
    )
    .all();
  const staff = sqlite.prepare<[], { id: number; staffNo: string; name: string }>(`SELECT id, staff_no AS staffNo, name FROM staff WHERE active = 1 ORDER BY staff_no`).all();
  return { candidates, allProctors, staff };
}

/** A room in a session: who sits it, who proctors it (the draw), its incidents, events, recordings and the bag it expects. */
export function roomView(ctx: ReadContext, input: { sessionId: number; roomId: number }) {
  const { sessionId, roomId } = input;
  const { sqlite } = ctx;
  requireRoom(sqlite, ctx.actor, sessionId, roomId, 'candidate'); // S2: the room's candidates and incidents, for those drawn there
  const now = ctx.clock.now();
  const p = place(sqlite, sessionId, roomId);
  const head = sqlite
    .prepare<[number, number], RoomHead>(`SELECT s.name AS sessionName, s.ends_at AS endsAt, r.code AS roomCode, r.building || ' ' || r.floor || ' ' || r.room_no AS location FROM exam_sessions s, rooms r WHERE s.id = ? AND r.id = ?`)
    .get(sessionId, roomId)!;
  const { candidates, allProctors, staff } = roomPeople(sqlite, sessionId, roomId);
  const { drawn, proctors } = signersOf(ctx.db, sessionId, roomId);
  const events = sqlite
    .prepare<[number, number], EventRow>(`SELECT e.id, e.kind, e.at, e.detail, e.outcome, e.incident_id AS incidentId, st.name AS recorderName FROM site_events e JOIN staff st ON st.id = e.recorded_by WHERE e.session_id = ? AND e.room_id = ? ORDER BY e.id`)
    .all(sessionId, roomId)
    .map((e) => ({ ...e, detail: JSON.parse(e.detail) as Record<string, unknown>, atLocal: local(e.at, p.startsAt) }));
  const links = sqlite
    .prepare<[number, number], LinkRow>(`SELECT id, channel, file_name AS fileName, starts_at AS startsAt, ends_at AS endsAt FROM monitoring_links WHERE session_id = ? AND room_id = ? ORDER BY id`)
    .all(sessionId, roomId)
    .map((l) => ({ ...l, startsLocal: local(l.startsAt, p.startsAt), endsLocal: local(l.endsAt, p.startsAt) }));
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
    signerNote: drawn ? null : ({ reason: 'no_draw' } satisfies Issue),
    /** who may sign second: the drawn pair, or before a draw every proctor */
    proctors: drawn ? proctors : allProctors,
    candidates,
    staff,
    incidents: incidentList(sqlite, { sessionId, roomId }),
    events,
    links,
    bag: bagExpectation(sqlite, sessionId, roomId),
  };
}

interface AlarmRow {
  id: number;
  kind: AlertKind;
  at: string;
  status: AlertStatus;
  candidateId: number;
  name: string;
  ticketNo: string;
  sessionName: string;
  startsAt: string;
  roomCode: string;
  proctorName: string;
  incidentId: number | null;
}

interface DoubtfulRow {
  checkinId: number;
  at: string;
  reason: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  name: string;
  ticketNo: string;
  sessionName: string;
  startsAt: string;
  roomCode: string;
  incidentId: number | null;
}

/** The supervisor's desk: cases to rule, the door's doubtful admissions and its alarm drafts. */
export function caseList(ctx: ReadContext) {
  const { sqlite } = ctx;
  const alarms = sqlite
    .prepare<[], AlarmRow>(
      `SELECT al.id, al.kind, al.at, al.status, al.candidate_id AS candidateId, c.name, c.ticket_no AS ticketNo, s.name AS sessionName, s.starts_at AS startsAt,
              r.code AS roomCode, st.name AS proctorName, (SELECT i.id FROM incidents i WHERE i.alert_id = al.id) AS incidentId
       FROM checkin_alerts al JOIN candidates c ON c.id = al.candidate_id JOIN exam_sessions s ON s.id = al.session_id JOIN rooms r ON r.id = al.room_id
       JOIN staff st ON st.id = al.proctor_id ORDER BY al.id DESC`,
    )
    .all()
    .map((a) => ({ ...a, atLocal: local(a.at, a.startsAt) }));
  const doubtful = sqlite
    .prepare<[], DoubtfulRow>(
      `SELECT ck.id AS checkinId, ck.at, ck.doubt_reason AS reason, ck.reviewed_at AS reviewedAt, ck.review_note AS reviewNote, c.name, c.ticket_no AS ticketNo,
              s.name AS sessionName, s.starts_at AS startsAt, r.code AS roomCode, (SELECT i.id FROM incidents i WHERE i.checkin_id = ck.id AND i.source = 'doubtful') AS incidentId
       FROM checkins ck JOIN candidates c ON c.id = ck.candidate_id JOIN exam_sessions s ON s.id = ck.session_id JOIN rooms r ON r.id = ck.room_id
       WHERE ck.status = 'doubtful' ORDER BY ck.at DESC`,
    )
    .all()
    .map((d) => ({ ...d, atLocal: local(d.at, d.startsAt) }));
  return { incidents: incidentList(sqlite), alarms, doubtful };
}

interface DashboardRow {
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
}

/** The site head's one screen: per session and room, sign-in progress, open incidents, events. */
export function dashboard(ctx: ReadContext) {
  const rows = ctx.sqlite
    .prepare<[], DashboardRow>(
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
    .all();
  const now = ctx.clock.now();
  const t = now.getTime();
  return {
    nowIso: now.toISOString(),
    rows: rows.map((r) => ({
      ...r,
      events: r.events ? (r.events.split(',') as SiteEventKind[]) : [],
      // the plan writes times with their offset: compare instants, not strings
      phase: t < Date.parse(r.startsAt) ? ('before' as const) : t > Date.parse(r.endsAt) ? ('after' as const) : ('running' as const),
      // the room grid's colour (floor.ts), and how many of its list have not signed in
      state: roomState(r, now),
      missing: Math.max(0, r.expected - r.signedIn),
      startsLocal: localTime(new Date(r.startsAt), offsetMinutes(r.startsAt)),
      endsLocal: localTime(new Date(r.endsAt), offsetMinutes(r.startsAt)),
    })),
  };
}

/** The batches the desk can pick, newest first. */
export function batchList(ctx: ReadContext) {
  return ctx.sqlite.prepare<[], { id: number; name: string; planCode: string; examDate: string }>('SELECT id, name, plan_code AS planCode, exam_date AS examDate FROM batches ORDER BY id DESC').all();
}

/** An incident's photo evidence by id. */
export function incidentPhoto(ctx: ReadContext, photoId: number) {
  const p = ctx.sqlite
    .prepare<[number], { id: number; takenAt: string; sha256: string; mime: string; bytes: Buffer; sessionId: number; roomId: number; recordedBy: number }>(
      `SELECT p.id, p.taken_at AS takenAt, p.sha256, p.mime, p.bytes, i.session_id AS sessionId, i.room_id AS roomId, i.recorded_by AS recordedBy
       FROM incident_photos p JOIN incidents i ON i.id = p.incident_id WHERE p.id = ?`,
    )
    .get(photoId);
  if (!p) throw new AppError('NOT_FOUND', 'incidents.noSuchPhoto');
  if (p.recordedBy !== ctx.actor?.staffId) requireRoom(ctx.sqlite, ctx.actor, p.sessionId, p.roomId, 'photo');
  return { id: p.id, takenAt: p.takenAt, sha256: p.sha256, dataUrl: photoDataUrl(p.bytes, p.mime)! };
}

const recorderOf = (sqlite: ReadSqlite, incidentId: number) => sqlite.prepare<[number], { by: number }>('SELECT recorded_by AS by FROM incidents WHERE id = ?').get(incidentId)?.by ?? null;

/** S2: the incidents of the rooms `actor` may read (every room for the desk), and those they recorded. */
export function incidentListFor(ctx: ReadContext, filter: IncidentFilter = {}): IncidentView[] {
  return incidentList(ctx.sqlite, filter).filter((i) => mayReadRoom(ctx.sqlite, ctx.actor, i.sessionId, i.roomId) || recorderOf(ctx.sqlite, i.id) === ctx.actor?.staffId);
}

/** One case, or a refusal when there is none. */
export function incidentCase(ctx: ReadContext, incidentId: number) {
  const d = incidentDetail(ctx.sqlite, incidentId);
  if (!d) throw new AppError('NOT_FOUND', 'incidents.noSuchIncident');
  if (recorderOf(ctx.sqlite, incidentId) !== ctx.actor?.staffId) requireRoom(ctx.sqlite, ctx.actor, d.sessionId, d.roomId, 'incident');
  return d;
}
