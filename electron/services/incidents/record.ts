// Recording an incident (E6): a candidate or staff member, the room and session, the time (the
// clock's unless edited with a reason), the kind, what happened, photos, witnesses; the room's two
// proctors sign (the second with their PIN). Door alarms and doubtful admissions become incidents here.

import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { schema, type Db, type ReadDb, type ReadSqlite } from '../../../db';
import type { IncidentKind, IncidentStatus, IncidentSubjectType, SignerNote } from '../../../db/schema/incidents';
import { actorOf, nowIso, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { ProvenPins } from '../auth';
import { confirmWithPin, decodePhoto, type PhotoInput } from '../checkin/signin';
import { proctorsFor } from '../draw/service';
import { kindFits } from './catalogue';

/** A time typed by hand may differ from the clock by this much without a reason. */
const TIME_SLACK_MS = 60_000;

export interface Place {
  sessionId: number;
  roomId: number;
  batchId: number;
  subjectId: number;
  startsAt: string;
}

/** A session and one of its rooms; refused when the room does not sit that session. */
export function place(sqlite: ReadSqlite, sessionId: number, roomId: number): Place {
  const row = sqlite
    .prepare<[number, number], Place>(
      `SELECT s.id AS sessionId, r.id AS roomId, s.batch_id AS batchId, s.subject_id AS subjectId, s.starts_at AS startsAt
       FROM exam_sessions s JOIN rooms r ON r.id = ? WHERE s.id = ?
         AND (EXISTS (SELECT 1 FROM session_rooms sr WHERE sr.session_id = s.id AND sr.room_id = r.id)
              OR EXISTS (SELECT 1 FROM candidate_subjects cs WHERE cs.session_id = s.id AND cs.room_id = r.id))`,
    )
    .get(roomId, sessionId);
  if (!row) throw new AppError('NOT_FOUND', 'incidents.noSuchRoom', { sessionId, roomId });
  return row;
}

/** Who signs for a room: the drawn pair (S2), or, before any draw, any two proctors (noted as no_draw). */
export function signersOf(db: ReadDb, sessionId: number, roomId: number): { drawn: boolean; proctors: { staffId: number; staffNo: string; name: string }[] } {
  const drawn = proctorsFor(db, sessionId, roomId);
  return { drawn: drawn.length > 0, proctors: drawn };
}

export function sitsHere(sqlite: ReadSqlite, candidateId: number, sessionId: number, roomId: number): boolean {
  return !!sqlite.prepare<[number, number, number], { one: number }>('SELECT 1 AS one FROM candidate_subjects WHERE candidate_id = ? AND session_id = ? AND room_id = ?').get(candidateId, sessionId, roomId);
}

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
  status: IncidentStatus;
  photoIds: number[];
}

/** The second signature: another proctor of the room, with their PIN (checked before anything is written). */
function secondSigner(ctx: ServiceContext, recorderId: number, p: Place, who: { staffNo: string; pin: string }, pins: ProvenPins): { signer: { id: number; name: string }; note: SignerNote | null } {
  const signer = confirmWithPin(ctx, recorderId, who, ['proctor'], 'secondProctor', pins);
  const { drawn, proctors } = signersOf(ctx.db, p.sessionId, p.roomId);
  if (drawn && !proctors.some((x) => x.staffId === signer.id)) {
    throw new AppError('FORBIDDEN', 'incidents.signerNotDrawn', { name: signer.name, proctors: proctors.map((x) => x.name).join('、') });
  }
  return { signer, note: drawn ? null : 'no_draw' };
}

/** The kind (from the subject's catalogue) and whom the record names: a candidate sitting this room and session, or an existing staff member. */
function checkSubject(ctx: ServiceContext, p: Place, input: RecordInput): IncidentKind {
  const kind = input.kind;
  if (!kindFits(input.subjectType, kind)) throw new AppError('BAD_INPUT', 'incidents.kindNotInCatalogue');
  if (input.subjectType === 'candidate') {
    if (!input.candidateId) throw new AppError('BAD_INPUT', 'incidents.pickCandidate');
    if (!sitsHere(ctx.sqlite, input.candidateId, p.sessionId, p.roomId)) throw new AppError('BAD_INPUT', 'incidents.candidateNotHere');
  } else {
    if (!input.staffId) throw new AppError('BAD_INPUT', 'incidents.pickStaff');
    if (!ctx.db.select().from(schema.staff).where(eq(schema.staff.id, input.staffId)).get()) throw new AppError('NOT_FOUND', 'incidents.noSuchStaff');
  }
  return kind;
}

/** When it happened: the clock's time, or a typed time (not in the future; a reason when it differs). */
function occurredTime(now: Date, input: Pick<RecordInput, 'occurredAt' | 'timeEditReason'>): { occurredAt: string; timeEditReason: string | null } {
  if (!input.occurredAt) return { occurredAt: now.toISOString(), timeEditReason: null };
  const t = new Date(input.occurredAt);
  if (Number.isNaN(t.getTime())) throw new AppError('BAD_INPUT', 'incidents.timeInvalid');
  if (t.getTime() > now.getTime() + TIME_SLACK_MS) throw new AppError('BAD_INPUT', 'incidents.timeFuture');
  let timeEditReason: string | null = null;
  if (Math.abs(t.getTime() - now.getTime()) > TIME_SLACK_MS) {
    if (!input.timeEditReason?.trim()) throw new AppError('BAD_INPUT', 'incidents.timeEditNoReason');
    timeEditReason = input.timeEditReason.trim();
  }
  return { occurredAt: t.toISOString(), timeEditReason };
}

/** `pins`: the second proctor's PIN, proven before the transaction (the command's prepare). */
export function recordIncident(ctx: ServiceContext, input: RecordInput, pins: ProvenPins): Recorded {
  const actor = actorOf(ctx);
  const p = place(ctx.sqlite, input.sessionId, input.roomId);
  const kind = checkSubject(ctx, p, input);
  // the drawn pair signs: a proctor who records must be one of them
  const { drawn, proctors } = signersOf(ctx.db, p.sessionId, p.roomId);
  if (drawn && actor.role === 'proctor' && !proctors.some((x) => x.staffId === actor.staffId)) throw new AppError('FORBIDDEN', 'incidents.recorderNotDrawn');
  const { occurredAt, timeEditReason } = occurredTime(ctx.clock.now(), input);
  const photos = input.photos.map(decodePhoto);
  // PINs first: a wrong PIN is remembered (persisted refusal) and nothing else is written
  const second = input.second ? secondSigner(ctx, actor.staffId, p, input.second, pins) : null;
  const at = nowIso(ctx);
  const row = ctx.db
    .insert(schema.incidents)
    .values({
      batchId: p.batchId,
      sessionId: p.sessionId,
      roomId: p.roomId,
      subjectType: input.subjectType,
      candidateId: input.subjectType === 'candidate' ? input.candidateId! : null,
      staffId: input.subjectType === 'staff' ? input.staffId! : null,
      kind,
      occurredAt,
      timeEditReason,
      description: input.description,
      witnesses: input.witnesses,
      recordedAt: at,
      recordedBy: actor.staffId,
      device: ctx.device,
      secondSignerId: second?.signer.id ?? null,
      secondSignedAt: second ? at : null,
      signerNote: second?.note ?? (drawn ? null : 'no_draw'),
      source: 'manual',
      status: second ? 'open' : 'awaiting_second',
    })
    .returning({ id: schema.incidents.id, status: schema.incidents.status })
    .get();
  const photoIds = addPhotos(ctx.db, row.id, photos, input.photos, actor.staffId, at);
  ctx.note({
    subject: { incidentId: row.id, candidateId: input.candidateId ?? null, staffId: input.staffId ?? null, sessionId: p.sessionId, roomId: p.roomId },
    after: { kind: input.kind, occurredAt, timeEditReason, status: row.status, secondSignerId: second?.signer.id ?? null, photoIds, photoSha256: photos.map(sha) },
  });
  return { incidentId: row.id, status: row.status, photoIds };
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
export function signIncident(ctx: ServiceContext, input: { incidentId: number; staffNo: string; pin: string }, pins: ProvenPins) {
  const inc = ctx.db.select().from(schema.incidents).where(eq(schema.incidents.id, input.incidentId)).get();
  if (!inc) throw new AppError('NOT_FOUND', 'incidents.noSuchIncident');
  if (inc.status !== 'awaiting_second') throw new AppError('CONFLICT', 'incidents.alreadySigned');
  const p = place(ctx.sqlite, inc.sessionId, inc.roomId);
  // the recorder may not sign twice
  const { signer, note } = secondSigner(ctx, inc.recordedBy, p, input, pins);
  const at = nowIso(ctx);
  ctx.db.update(schema.incidents).set({ secondSignerId: signer.id, secondSignedAt: at, status: 'open', signerNote: note ?? inc.signerNote }).where(eq(schema.incidents.id, inc.id)).run();
  ctx.note({ subject: { incidentId: inc.id }, before: { status: inc.status }, after: { status: 'open', secondSignerId: signer.id, secondSignedAt: at } });
  return { status: 'open' as const, signer: signer.name };
}

/** A door alarm (impersonation suspect) taken up by the supervisor as an incident: the alarm's facts, the supervisor's words. */
export function incidentFromAlert(ctx: ServiceContext, input: { alertId: number; description: string }) {
  const al = ctx.db.select().from(schema.checkinAlerts).where(eq(schema.checkinAlerts.id, input.alertId)).get();
  if (!al) throw new AppError('NOT_FOUND', 'incidents.noSuchAlert');
  if (al.status !== 'draft') throw new AppError('CONFLICT', 'incidents.alertTaken');
  const s = ctx.db.select().from(schema.examSessions).where(eq(schema.examSessions.id, al.sessionId)).get()!;
  const row = ctx.db
    .insert(schema.incidents)
    .values({
      batchId: s.batchId,
      sessionId: al.sessionId,
      roomId: al.roomId,
      subjectType: 'candidate',
      candidateId: al.candidateId,
      kind: 'impersonation',
      occurredAt: al.at,
      description: input.description,
      witnesses: '',
      recordedAt: nowIso(ctx),
      recordedBy: actorOf(ctx).staffId,
      device: ctx.device,
      // the alarm's kind and the proctor who scanned are read from the alarm (source door_alert)
      source: 'door_alert',
      alertId: al.id,
      checkinId: al.checkinId,
      status: 'open',
    })
    .returning({ id: schema.incidents.id })
    .get();
  ctx.db.update(schema.checkinAlerts).set({ status: 'taken' }).where(eq(schema.checkinAlerts.id, al.id)).run();
  ctx.note({ subject: { incidentId: row.id, alertId: al.id, candidateId: al.candidateId }, before: { alertStatus: 'draft' }, after: { alertStatus: 'taken', kind: 'impersonation' } });
  return { incidentId: row.id };
}

/** A doubtful admission (存疑考生) the supervisor finds worth a case: an incident on the door's facts. */
export function incidentFromDoubtful(ctx: ServiceContext, input: { checkinId: number; description: string }) {
  const ck = ctx.db.select().from(schema.checkins).where(eq(schema.checkins.id, input.checkinId)).get();
  if (!ck || ck.status !== 'doubtful') throw new AppError('NOT_FOUND', 'incidents.noSuchDoubtful');
  const taken = ctx.db.select({ id: schema.incidents.id }).from(schema.incidents).where(eq(schema.incidents.checkinId, ck.id)).get();
  if (taken) throw new AppError('CONFLICT', 'incidents.doubtfulTaken');
  const s = ctx.db.select().from(schema.examSessions).where(eq(schema.examSessions.id, ck.sessionId)).get()!;
  const row = ctx.db
    .insert(schema.incidents)
    .values({
      batchId: s.batchId,
      sessionId: ck.sessionId,
      roomId: ck.roomId,
      subjectType: 'candidate',
      candidateId: ck.candidateId,
      kind: 'impersonation',
      occurredAt: ck.at,
      description: input.description,
      witnesses: '',
      recordedAt: nowIso(ctx),
      recordedBy: ck.proctorId,
      device: ctx.device,
      secondSignerId: ck.secondProctorId,
      secondSignedAt: ck.secondProctorId ? ck.at : null,
      // the doubt's reason is read from the sign-in (source doubtful); the supervisor who opened it is in the audit
      source: 'doubtful',
      checkinId: ck.id,
      status: 'open',
    })
    .returning({ id: schema.incidents.id })
    .get();
  ctx.note({ subject: { incidentId: row.id, checkinId: ck.id, candidateId: ck.candidateId }, after: { kind: 'impersonation', source: 'doubtful', openedBy: actorOf(ctx).staffId } });
  return { incidentId: row.id };
}

export type { IncidentSubjectType };
