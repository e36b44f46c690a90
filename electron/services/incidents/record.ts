// Recording an incident (E6): a candidate or staff member, the room and session, the time (the
// clock's unless edited with a reason), the kind, what happened, photos, witnesses; the room's two
// proctors sign (the second with their PIN). Door alarms and doubtful admissions become incidents here.

import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { schema, type Db, type Sqlite } from '../../../db';
import type { Actor } from '../auth';
import { AppError } from '../errors';
import { confirmWithPin, decodePhoto, type PhotoInput } from '../checkin/signin';
import { proctorsFor } from '../draw/service';
import { CANDIDATE_KINDS, kindZh } from './catalogue';

/** A time typed by hand may differ from the clock by this much without a reason. */
const TIME_SLACK_MS = 60_000;

export interface Place {
  sessionId: number;
  roomId: number;
  batchId: number;
  subjectId: number;
  startsAt: string;
}

export function place(sqlite: Sqlite, sessionId: number, roomId: number): Place {
  const row = sqlite
    .prepare(
      `SELECT s.id AS sessionId, r.id AS roomId, s.batch_id AS batchId, s.subject_id AS subjectId, s.starts_at AS startsAt
       FROM exam_sessions s JOIN rooms r ON r.id = ? WHERE s.id = ?
         AND (EXISTS (SELECT 1 FROM session_rooms sr WHERE sr.session_id = s.id AND sr.room_id = r.id)
              OR EXISTS (SELECT 1 FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = r.id))`,
    )
    .get(roomId, sessionId) as Place | undefined;
  if (!row) throw new AppError('NOT_FOUND', '该考场不在此场次中，请重新选择考场和场次。', 'This room does not sit this session.');
  return row;
}

/** Who signs for a room: the drawn pair (S2), or, before any draw, any two proctors (with a note). */
export function signersOf(db: Db, sessionId: number, roomId: number): { drawn: boolean; proctors: { staffId: number; staffNo: string; name: string }[] } {
  const drawn = proctorsFor(db, sessionId, roomId);
  return { drawn: drawn.length > 0, proctors: drawn };
}

export const NO_DRAW_NOTE = '本场次该考场尚未抽签，由两名监考人员签字';

export interface RecordInput {
  sessionId: number;
  roomId: number;
  subjectType: 'candidate' | 'staff';
  candidateId?: number | undefined;
  staffId?: number | undefined;
  kind: string;
  occurredAt?: string | undefined;
  timeEditReason?: string | undefined;
  description: string;
  witnesses: string;
  photos: PhotoInput[];
  second?: { staffNo: string; pin: string } | undefined;
}

export interface Recorded {
  incidentId: number;
  status: string;
  photoIds: number[];
  detail: Record<string, unknown>;
}

/** The second signature: another proctor of the room, with their PIN (checked before anything is written). */
function secondSigner(db: Db, actor: Actor, p: Place, who: { staffNo: string; pin: string }, clock: { now(): Date }) {
  const signer = confirmWithPin(db, actor, who, ['proctor'], clock, { zh: '第二名监考人员', en: 'The second proctor' });
  const { drawn, proctors } = signersOf(db, p.sessionId, p.roomId);
  if (drawn && !proctors.some((x) => x.staffId === signer.id)) {
    const names = proctors.map((x) => x.name).join('、');
    throw new AppError('FORBIDDEN', `${signer.name} 不是本场次本考场抽中的监考人员（${names}），不能签字。`, `${signer.name} is not a drawn proctor of this room.`);
  }
  return { signer, note: drawn ? null : NO_DRAW_NOTE };
}

export function recordIncident(db: Db, sqlite: Sqlite, actor: Actor, device: string, clock: { now(): Date }, input: RecordInput): Recorded {
  const p = place(sqlite, input.sessionId, input.roomId);
  const now = clock.now();
  const zh = kindZh(input.subjectType, input.kind);
  if (!zh) throw new AppError('BAD_INPUT', '请从目录中选择违纪类型。', 'Pick a kind from the catalogue.');
  if (input.subjectType === 'candidate') {
    if (!input.candidateId) throw new AppError('BAD_INPUT', '请选择考生。', 'Pick the candidate.');
    const sits = sqlite.prepare('SELECT 1 FROM candidate_subjects WHERE candidate_id = ? AND session_id = ? AND room_id = ?').get(input.candidateId, p.sessionId, p.roomId);
    if (!sits) throw new AppError('BAD_INPUT', '该考生不在本场次本考场。', 'The candidate does not sit this session in this room.');
  } else {
    if (!input.staffId) throw new AppError('BAD_INPUT', '请选择考评/管理人员。', 'Pick the staff member.');
    if (!db.select().from(schema.staff).where(eq(schema.staff.id, input.staffId)).get()) throw new AppError('NOT_FOUND', '找不到该人员。', 'No such staff member.');
  }
  // the drawn pair signs: a proctor who records must be one of them
  const { drawn, proctors } = signersOf(db, p.sessionId, p.roomId);
  if (drawn && actor.role === 'proctor' && !proctors.some((x) => x.staffId === actor.staffId)) {
    throw new AppError('FORBIDDEN', '您不是本场次本考场抽中的监考人员，不能记录本考场的违纪。', 'You are not a drawn proctor of this room.');
  }
  let occurredAt = now.toISOString();
  let timeEditReason: string | null = null;
  if (input.occurredAt) {
    const t = new Date(input.occurredAt);
    if (Number.isNaN(t.getTime())) throw new AppError('BAD_INPUT', '发生时间无效。', 'Invalid time.');
    if (t.getTime() > now.getTime() + TIME_SLACK_MS) throw new AppError('BAD_INPUT', '发生时间不能晚于当前时间。', 'The time cannot be in the future.');
    if (Math.abs(t.getTime() - now.getTime()) > TIME_SLACK_MS) {
      if (!input.timeEditReason?.trim()) throw new AppError('BAD_INPUT', '修改了发生时间，请填写原因。', 'Say why the time was changed.');
      timeEditReason = input.timeEditReason.trim();
    }
    occurredAt = t.toISOString();
  }
  const photos = input.photos.map(decodePhoto);
  // PINs first: a wrong PIN is remembered (persisted refusal) and nothing else is written
  const second = input.second ? secondSigner(db, actor, p, input.second, clock) : null;
  const at = now.toISOString();
  const row = db
    .insert(schema.incidents)
    .values({
      batchId: p.batchId,
      sessionId: p.sessionId,
      roomId: p.roomId,
      subjectType: input.subjectType,
      candidateId: input.subjectType === 'candidate' ? input.candidateId! : null,
      staffId: input.subjectType === 'staff' ? input.staffId! : null,
      kind: input.kind,
      kindZh: zh,
      occurredAt,
      timeEditReason,
      description: input.description,
      witnesses: input.witnesses,
      recordedAt: at,
      recordedBy: actor.staffId,
      device,
      secondSignerId: second?.signer.id ?? null,
      secondSignedAt: second ? at : null,
      signerNote: second?.note ?? (drawn ? null : NO_DRAW_NOTE),
      source: 'manual',
      status: second ? 'open' : 'awaiting_second',
    })
    .returning({ id: schema.incidents.id, status: schema.incidents.status })
    .get();
  const photoIds = addPhotos(db, row.id, photos, input.photos, actor.staffId, at);
  return {
    incidentId: row.id,
    status: row.status,
    photoIds,
    detail: {
      subject: { incidentId: row.id, candidateId: input.candidateId ?? null, staffId: input.staffId ?? null, sessionId: p.sessionId, roomId: p.roomId },
      after: { kind: input.kind, kindZh: zh, occurredAt, timeEditReason, status: row.status, secondSignerId: second?.signer.id ?? null, photoIds, photoSha256: photos.map(sha) },
    },
  };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function addPhotos(db: Db, incidentId: number, bytes: Buffer[], meta: PhotoInput[], by: number, at: string): number[] {
  return bytes.map(
    (b, i) =>
      db
        .insert(schema.incidentPhotos)
        .values({ incidentId, mime: 'image/jpeg', bytes: b, sha256: sha(b), width: meta[i]?.width ?? null, height: meta[i]?.height ?? null, takenAt: at, takenBy: by })
        .returning({ id: schema.incidentPhotos.id })
        .get().id,
  );
}

/** The second proctor signs an incident recorded without them (they were busy in the room). */
export function signIncident(db: Db, sqlite: Sqlite, actor: Actor, clock: { now(): Date }, incidentId: number, who: { staffNo: string; pin: string }) {
  const inc = db.select().from(schema.incidents).where(eq(schema.incidents.id, incidentId)).get();
  if (!inc) throw new AppError('NOT_FOUND', '找不到该违纪记录。', 'No such incident.');
  if (inc.status !== 'awaiting_second') throw new AppError('CONFLICT', '该记录已有两名监考人员签字。', 'Already signed by two proctors.');
  const p = place(sqlite, inc.sessionId, inc.roomId);
  // the recorder may not sign twice
  const recorder = { ...actor, staffId: inc.recordedBy };
  const { signer, note } = secondSigner(db, recorder, p, who, clock);
  const at = clock.now().toISOString();
  db.update(schema.incidents).set({ secondSignerId: signer.id, secondSignedAt: at, status: 'open', signerNote: note ?? inc.signerNote }).where(eq(schema.incidents.id, inc.id)).run();
  return { result: { status: 'open', signer: signer.name }, detail: { subject: { incidentId: inc.id }, before: { status: inc.status }, after: { status: 'open', secondSignerId: signer.id, secondSignedAt: at } } };
}

/** A door alarm (impersonation suspect) taken up by the supervisor as an incident: the alarm's facts, the supervisor's words. */
export function incidentFromAlert(db: Db, actor: Actor, device: string, clock: { now(): Date }, alertId: number, description: string) {
  const al = db.select().from(schema.checkinAlerts).where(eq(schema.checkinAlerts.id, alertId)).get();
  if (!al) throw new AppError('NOT_FOUND', '找不到该告警。', 'No such alarm.');
  if (al.status !== 'draft') throw new AppError('CONFLICT', '该告警已转为违纪记录。', 'This alarm was already taken up.');
  const s = db.select().from(schema.examSessions).where(eq(schema.examSessions.id, al.sessionId)).get()!;
  const at = clock.now().toISOString();
  const row = db
    .insert(schema.incidents)
    .values({
      batchId: s.batchId,
      sessionId: al.sessionId,
      roomId: al.roomId,
      subjectType: 'candidate',
      candidateId: al.candidateId,
      kind: 'impersonation',
      kindZh: CANDIDATE_KINDS.impersonation,
      occurredAt: al.at,
      description,
      witnesses: '',
      recordedAt: at,
      recordedBy: actor.staffId,
      device,
      signerNote: `门口告警：${al.kindZh}（由监考人员 #${al.proctorId} 扫码触发）`,
      source: 'door_alert',
      alertId: al.id,
      checkinId: al.checkinId,
      status: 'open',
    })
    .returning({ id: schema.incidents.id })
    .get();
  db.update(schema.checkinAlerts).set({ status: 'taken' }).where(eq(schema.checkinAlerts.id, al.id)).run();
  return { result: { incidentId: row.id }, detail: { subject: { incidentId: row.id, alertId: al.id, candidateId: al.candidateId }, before: { alertStatus: 'draft' }, after: { alertStatus: 'taken', kind: 'impersonation' } } };
}

/** A doubtful admission (存疑考生) the supervisor finds worth a case: an incident on the door's facts. */
export function incidentFromDoubtful(db: Db, actor: Actor, device: string, clock: { now(): Date }, checkinId: number, description: string) {
  const ck = db.select().from(schema.checkins).where(eq(schema.checkins.id, checkinId)).get();
  if (!ck || ck.status !== 'doubtful') throw new AppError('NOT_FOUND', '找不到该存疑考生记录。', 'No such doubtful case.');
  const taken = db.select({ id: schema.incidents.id }).from(schema.incidents).where(eq(schema.incidents.checkinId, ck.id)).get();
  if (taken) throw new AppError('CONFLICT', '该存疑记录已立案。', 'A case is already open for it.');
  const s = db.select().from(schema.examSessions).where(eq(schema.examSessions.id, ck.sessionId)).get()!;
  const at = clock.now().toISOString();
  const row = db
    .insert(schema.incidents)
    .values({
      batchId: s.batchId,
      sessionId: ck.sessionId,
      roomId: ck.roomId,
      subjectType: 'candidate',
      candidateId: ck.candidateId,
      kind: 'impersonation',
      kindZh: CANDIDATE_KINDS.impersonation,
      occurredAt: ck.at,
      description,
      witnesses: '',
      recordedAt: at,
      recordedBy: ck.proctorId,
      device,
      secondSignerId: ck.secondProctorId,
      secondSignedAt: ck.secondProctorId ? ck.at : null,
      signerNote: `存疑入场：${ck.doubtReason ?? ''}；由督导员 ${actor.name} 立案`,
      source: 'doubtful',
      checkinId: ck.id,
      status: 'open',
    })
    .returning({ id: schema.incidents.id })
    .get();
  return { result: { incidentId: row.id }, detail: { subject: { incidentId: row.id, checkinId: ck.id, candidateId: ck.candidateId }, after: { kind: 'impersonation', source: 'doubtful' } } };
}
