// Recording at the door: sign-in (with photo or a reason for none), doubtful admission with the
// second proctor's PIN, late admission by the supervisor (E4), hand-in and leaving (E5), absence
// at the entry cut-off, refusals and the impersonation alarm. Every write re-asks `judge`.

import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Sqlite } from '../../../db';
import type { CheckinStatus, LeftKind } from '../../../db/schema/checkin';
import { acceptStaffPin, type PinClaim, type ProvenPins } from '../auth';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { Role } from '../roles';
import { maskDocNumber } from '../../domain/gb11643';
import { doorFor, type DoorRef } from './door';
import { assertDoorOpen, entryHint } from './entry';
import { findByCode, judge, type Door, type LookupMethod, type Verdict } from './lookup';
import type { ReviewOutcome } from '../../../db/schema/checkin';
import { entryClosed, entryCutoff, leaveAllowed, leaveOpensAt, localTime, offsetMinutes } from './rules';

/** Photos arrive as compressed JPEG from the camera page; a door photo needs no more than this. */
export const MAX_PHOTO_BYTES = 200 * 1024;

const writeStatements = new WeakMap<Sqlite, ReturnType<typeof prepareWrites>>();

function prepareWrites(sqlite: Sqlite) {
  return {
    photo: sqlite.prepare(
      `INSERT INTO checkin_photos (candidate_id, session_id, purpose, mime, bytes, sha256, width, height, taken_at, taken_by, device)
       VALUES (@candidateId, @sessionId, @purpose, 'image/jpeg', @bytes, @sha256, @width, @height, @at, @by, @device)`,
    ),
    checkin: sqlite.prepare(
      `INSERT INTO checkins (session_id, room_id, candidate_id, status, at, proctor_id, device, method, photo_id, no_photo_reason,
                             doubt_reason, second_proctor_id, late, late_reason, late_approved_by, confirm_key)
       VALUES (@sessionId, @roomId, @candidateId, @status, @at, @proctorId, @device, @method, @photoId, @noPhotoReason,
               @doubtReason, @secondProctorId, @late, @lateReason, @lateApprovedBy, @confirmKey)`,
    ),
    byKey: sqlite.prepare<[string], { id: number; session_id: number; candidate_id: number; status: CheckinStatus; late: number; photo_id: number | null; at: string }>(
      'SELECT id, session_id, candidate_id, status, late, photo_id, at FROM checkins WHERE confirm_key = ?',
    ),
  };
}

function writes(sqlite: Sqlite) {
  let w = writeStatements.get(sqlite);
  if (!w) {
    w = prepareWrites(sqlite);
    writeStatements.set(sqlite, w);
  }
  return w;
}

export interface PhotoInput {
  jpegBase64: string;
  width?: number | undefined;
  height?: number | undefined;
}

/** Decodes and checks a door photo: JPEG, not empty, not oversized. */
export function decodePhoto(p: PhotoInput): Buffer {
  const b64 = p.jpegBase64.replace(/^data:image\/jpeg;base64,/, '');
  const bytes = Buffer.from(b64, 'base64');
  const jpeg = bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  if (!jpeg) throw new AppError('BAD_INPUT', 'checkin.photoNotJpeg');
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError('BAD_INPUT', 'checkin.photoTooLarge', { kb: Math.ceil(bytes.length / 1024), maxKb: MAX_PHOTO_BYTES / 1024 });
  return bytes;
}

/** Who vouches with their own PIN: the catalogue words the role in the messages (door.vouch.*). */
export type Voucher = 'supervisor' | 'secondProctor';

/**
 * A second person confirms with their own PIN: not the signed-in proctor, holding one of `roles`.
 * The PIN was proven before the transaction (the command's prepare, `provePins`); accepted here.
 */
export function confirmWithPin(
  ctx: Pick<ServiceContext, 'db' | 'sqlite' | 'clock' | 'client'>,
  actorStaffId: number,
  who: { staffNo: string; pin: string },
  roles: readonly Role[],
  as: Voucher,
  pins: ProvenPins,
): { id: number; name: string } {
  const label = `@door.vouch.${as}`;
  const person = ctx.db.select().from(schema.staff).where(eq(schema.staff.staffNo, who.staffNo.trim())).get();
  if (!person || !person.active) throw new AppError('PIN_WRONG', 'checkin.vouchPinWrong', { who: label }, { persist: true });
  if (person.id === actorStaffId) throw new AppError('FORBIDDEN', 'checkin.vouchSelf', { who: label });
  const held = ctx.db.select({ role: schema.staffRoles.role }).from(schema.staffRoles).where(eq(schema.staffRoles.staffId, person.id)).all();
  if (!held.some((r) => (roles as readonly string[]).includes(r.role))) throw new AppError('FORBIDDEN', 'checkin.vouchRole', { name: person.name, who: label });
  acceptStaffPin(ctx, pins, person.id, who.pin);
  return { id: person.id, name: person.name };
}

export interface ConfirmInput extends DoorRef {
  candidateId: number;
  method: LookupMethod;
  scanned: string;
  photo?: PhotoInput | undefined;
  noPhotoReason?: string | undefined;
  doubtful?: { reason: string; secondStaffNo: string; secondPin: string } | undefined;
  late?: { reason: string; supervisorStaffNo?: string | undefined; supervisorPin?: string | undefined } | undefined;
  /** the screen's key for this confirm (one per verdict on screen): a retry with it is the same sign-in */
  confirmKey?: string | undefined;
}

export interface ConfirmResult {
  checkinId: number;
  status: CheckinStatus;
  late: boolean;
  photoId: number | null;
  at: string;
  /** true when this was a retry of a confirm already recorded (its answer was lost on the way) */
  replayed: boolean;
}

/** A retried confirm (same key): the sign-in it made, or null when the key is new. */
function replayOf(ctx: ServiceContext, door: Door, input: ConfirmInput): ConfirmResult | null {
  if (!input.confirmKey) return null;
  const row = writes(ctx.sqlite).byKey.get(input.confirmKey);
  if (!row) return null;
  if (row.session_id !== door.sessionId || row.candidate_id !== input.candidateId) throw new AppError('CONFLICT', 'checkin.confirmKeyReused');
  ctx.note({ subject: { candidateId: row.candidate_id, checkinId: row.id }, replayOf: row.id });
  return { checkinId: row.id, status: row.status, late: row.late === 1, photoId: row.photo_id, at: row.at, replayed: true };
}

function refused(v: Verdict): AppError {
  // where to go instead: data (session, room, seat), worded by the catalogue around it
  const places = v.goTo.map((g) => [g.sessionName, g.roomCode ?? '', g.seat ? `#${g.seat}` : ''].filter(Boolean).join(' ')).join('; ');
  const verdict = `@door.refusal.${v.code}`;
  if ((v.code === 'wrong_room' || v.code === 'wrong_session') && places) return new AppError('DOOR_REFUSED', 'checkin.refusedGoTo', { verdict, places });
  return new AppError('DOOR_REFUSED', 'checkin.refused', { verdict });
}

/** E4: after the cut-off only the supervisor admits, with a recorded reason (by their PIN, or signed in themselves). */
function lateApproval(ctx: ServiceContext, door: Door, late: ConfirmInput['late'], pins: ProvenPins): { id: number; name: string } {
  const actor = actorOf(ctx);
  if (!late?.reason.trim()) throw new AppError('ENTRY_CLOSED', 'checkin.entryClosed', { cutoff: localTime(entryCutoff(door), offsetMinutes(door.startsAt)), cutoffIso: entryCutoff(door).toISOString() });
  if (actor.role === 'supervisor') return { id: actor.staffId, name: actor.name };
  if (!late.supervisorStaffNo || !late.supervisorPin) throw new AppError('FORBIDDEN', 'checkin.lateNeedsSupervisor');
  return confirmWithPin(ctx, actor.staffId, { staffNo: late.supervisorStaffNo, pin: late.supervisorPin }, ['supervisor'], 'supervisor', pins);
}

/** Everything a sign-in must have before anything is written: a verdict that admits, a photo or a reason, the people who vouch. */
function checkConfirm(ctx: ServiceContext, door: Door, input: ConfirmInput, pins: ProvenPins) {
  const verdict = judge(ctx.sqlite, door, { candidateId: input.candidateId, method: input.method, scanned: input.scanned, now: ctx.clock.now(), withPhoto: false });
  const late = verdict.code === 'entry_closed';
  if (verdict.code !== 'ok' && !late) throw refused(verdict);
  if (!input.photo && !input.noPhotoReason?.trim()) throw new AppError('BAD_INPUT', 'checkin.noPhotoReason');
  const photoBytes = input.photo ? decodePhoto(input.photo) : null;
  const lateApprover = late ? lateApproval(ctx, door, input.late, pins) : null;
  let second: { id: number; name: string } | null = null;
  if (input.doubtful) {
    if (!input.doubtful.reason.trim()) throw new AppError('BAD_INPUT', 'checkin.doubtNoReason');
    second = confirmWithPin(ctx, actorOf(ctx).staffId, { staffNo: input.doubtful.secondStaffNo, pin: input.doubtful.secondPin }, ['proctor', 'supervisor', 'site_head'], 'secondProctor', pins);
  }
  return { verdict, late, photoBytes, lateApprover, second };
}

/** The PINs a confirm may carry (the second proctor's, the supervisor's for a latecomer), to prove before the transaction. */
export function confirmClaims(input: Pick<ConfirmInput, 'doubtful' | 'late'>, actorRole: Role): PinClaim[] {
  const claims: PinClaim[] = [];
  if (input.doubtful) claims.push({ staffNo: input.doubtful.secondStaffNo, pin: input.doubtful.secondPin });
  // a supervisor at the door admits a latecomer themselves, without a PIN
  if (actorRole !== 'supervisor' && input.late?.supervisorStaffNo && input.late.supervisorPin) claims.push({ staffNo: input.late.supervisorStaffNo, pin: input.late.supervisorPin });
  return claims;
}

/**
 * One confirm per candidate: the verdict is asked again (never trusted from the screen), the
 * people who must vouch are checked before anything is written, then photo and sign-in go in.
 * `pins`: the vouchers' PINs proven before the transaction (confirmClaims).
 */
export function confirmSignIn(ctx: ServiceContext, input: ConfirmInput, pins: ProvenPins): ConfirmResult {
  const door = doorFor(ctx, input);
  const actor = actorOf(ctx);
  // a retry of a confirm already recorded answers as the first did, even after the session ended
  const replay = replayOf(ctx, door, input);
  if (replay) return replay;
  assertDoorOpen(door, ctx.clock.now());
  const { verdict, late, photoBytes, lateApprover, second } = checkConfirm(ctx, door, input, pins);
  const at = nowIso(ctx);
  // the hot path of the door: cached prepared statements (drizzle would rebuild the SQL per call)
  const w = writes(ctx.sqlite);
  const photoId = photoBytes
    ? Number(
        w.photo.run({
          candidateId: input.candidateId,
          sessionId: door.sessionId,
          purpose: input.doubtful ? 'doubtful' : 'signin',
          bytes: photoBytes,
          sha256: createHash('sha256').update(photoBytes).digest('hex'),
          width: input.photo?.width ?? null,
          height: input.photo?.height ?? null,
          at,
          by: actor.staffId,
          device: ctx.device,
        }).lastInsertRowid,
      )
    : null;
  const status: CheckinStatus = input.doubtful ? 'doubtful' : 'ok';
  const noPhotoReason = photoBytes ? null : input.noPhotoReason!.trim();
  const lateReason = late ? input.late!.reason.trim() : null;
  const checkinId = Number(
    w.checkin.run({
      sessionId: door.sessionId,
      roomId: door.roomId,
      candidateId: input.candidateId,
      status,
      at,
      proctorId: actor.staffId,
      device: ctx.device,
      method: input.method,
      photoId,
      noPhotoReason,
      doubtReason: input.doubtful?.reason.trim() ?? null,
      secondProctorId: second?.id ?? null,
      late: late ? 1 : 0,
      lateReason,
      lateApprovedBy: lateApprover?.id ?? null,
      confirmKey: input.confirmKey ?? null,
    }).lastInsertRowid,
  );
  let absenceCleared = false;
  if (late) {
    // a latecomer the supervisor admits is no longer absent
    const r = ctx.db.delete(schema.checkinAbsences).where(and(eq(schema.checkinAbsences.sessionId, door.sessionId), eq(schema.checkinAbsences.candidateId, input.candidateId))).run();
    absenceCleared = r.changes > 0;
  }
  const c = verdict.candidate!;
  ctx.note({
    subject: { candidateId: c.id, ticketNo: c.ticketNo, name: c.name },
    door: { sessionId: door.sessionId, roomId: door.roomId, roomCode: door.roomCode },
    after: { checkinId, status, method: input.method, photoId, noPhotoReason, doubtReason: input.doubtful?.reason ?? null, secondProctor: second, late, lateReason: late ? input.late!.reason : null, lateApprovedBy: lateApprover, absenceCleared },
  });
  return { checkinId, status, late, photoId, at, replayed: false };
}

export interface RefusalInput extends DoorRef {
  candidateId: number | null;
  method: LookupMethod;
  code: string;
}

/** Records a refusal (and, for a second sign-in, the impersonation alarm's incident draft). */
export function recordRefusal(ctx: ServiceContext, input: RefusalInput) {
  const door = doorFor(ctx, input);
  const actor = actorOf(ctx);
  const scanned = input.code.slice(0, 200);
  assertDoorOpen(door, ctx.clock.now());
  const verdict = judge(ctx.sqlite, door, { candidateId: input.candidateId, method: input.method, scanned: input.code, now: ctx.clock.now(), withPhoto: false });
  // every verdict but ok refuses (REFUSAL_VERDICTS): only ok has nothing to record
  if (verdict.code === 'ok') throw new AppError('BAD_INPUT', 'checkin.nothingToRefuse');
  // E3: an incomplete or mistyped code is a hint at the screen, never a person refused
  if (verdict.code === 'not_in_plan' && entryHint(ctx.sqlite, door, input.code, findByCode(ctx.sqlite, door, input.code))) {
    throw new AppError('BAD_INPUT', 'checkin.notARefusal');
  }
  const at = nowIso(ctx);
  const refusal = ctx.db
    .insert(schema.checkinRefusals)
    .values({ sessionId: door.sessionId, roomId: door.roomId, candidateId: verdict.candidate?.id ?? null, code: scanned, verdict: verdict.code, at, proctorId: actor.staffId, device: ctx.device })
    .returning({ id: schema.checkinRefusals.id })
    .get();
  let alertId: number | null = null;
  // already_here/already_elsewhere always carry the candidate and the earlier sign-in (judge sets both)
  if ((verdict.code === 'already_here' || verdict.code === 'already_elsewhere') && verdict.candidate && verdict.earlier) {
    alertId = ctx.db
      .insert(schema.checkinAlerts)
      .values({
        kind: 'impersonation_suspect',
        candidateId: verdict.candidate.id,
        sessionId: door.sessionId,
        roomId: door.roomId,
        checkinId: verdict.earlier.checkinId,
        at,
        proctorId: actor.staffId,
        device: ctx.device,
        detail: JSON.stringify({ scanned, method: input.method, earlierRoom: verdict.earlier.roomCode, earlierAt: verdict.earlier.at, earlierProctor: verdict.earlier.proctorName }),
      })
      .returning({ id: schema.checkinAlerts.id })
      .get().id;
  }
  ctx.note({
    subject: verdict.candidate ? { candidateId: verdict.candidate.id, ticketNo: verdict.candidate.ticketNo, name: verdict.candidate.name } : { scanned },
    door: { sessionId: door.sessionId, roomId: door.roomId, roomCode: door.roomCode },
    verdict: verdict.code,
    alertId,
  });
  return { refusalId: refusal.id, alertId, verdict: verdict.code };
}

export interface LeaveInput extends DoorRef {
  candidateId: number;
  kind: LeftKind;
}

/** E5: hand-in and leaving, refused before the last 30 minutes, saying when it becomes possible. */
export function recordLeave(ctx: ServiceContext, input: LeaveInput) {
  const door = doorFor(ctx, input);
  const now = ctx.clock.now();
  const row = ctx.db
    .select()
    .from(schema.checkins)
    .where(and(eq(schema.checkins.sessionId, door.sessionId), eq(schema.checkins.candidateId, input.candidateId)))
    .get();
  if (!row || row.roomId !== door.roomId) throw new AppError('NOT_FOUND', 'checkin.notSignedInHere');
  if (row.leftAt) throw new AppError('CONFLICT', 'checkin.leaveRecorded');
  if (!leaveAllowed(door, now)) {
    const from = localTime(leaveOpensAt(door), offsetMinutes(door.startsAt));
    throw new AppError('LEAVE_TOO_EARLY', 'checkin.leaveTooEarly', { from, fromIso: leaveOpensAt(door).toISOString() });
  }
  const at = nowIso(ctx);
  ctx.db.update(schema.checkins).set({ leftKind: input.kind, leftAt: at, leftRecordedBy: actorOf(ctx).staffId }).where(eq(schema.checkins.id, row.id)).run();
  ctx.note({ subject: { candidateId: input.candidateId, checkinId: row.id }, before: { leftAt: null }, after: { leftKind: input.kind, leftAt: at } });
  return { checkinId: row.id, leftAt: at, kind: input.kind };
}

export interface MissingRow {
  candidateId: number;
  name: string;
  ticketNo: string;
  docMasked: string;
  seat: string | null;
}

function missingAt(sqlite: ReadContext['sqlite'], door: Door): MissingRow[] {
  const rows = sqlite
    .prepare<[number, number], Omit<MissingRow, 'docMasked'> & { doc: string }>(
      `SELECT c.id AS candidateId, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, cs.seat
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       WHERE cs.session_id = ? AND cs.room_id = ?
         AND NOT EXISTS (SELECT 1 FROM checkins ck WHERE ck.session_id = cs.session_id AND ck.candidate_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM checkin_absences a WHERE a.session_id = cs.session_id AND a.candidate_id = c.id)
       ORDER BY CAST(cs.seat AS INTEGER), cs.seat, c.ticket_no`,
    )
    .all(door.sessionId, door.roomId);
  return rows.map(({ doc, ...r }) => ({ ...r, docMasked: maskDocNumber(doc) }));
}

/** Expected here, not signed in, not yet marked absent. */
export function missingList(ctx: ReadContext, at: DoorRef): MissingRow[] {
  return missingAt(ctx.sqlite, doorFor(ctx, at));
}

/** E4: at the entry cut-off the proctor confirms the list shown, and the second proctor with their PIN; those are marked absent (缺考). */
export function markAbsent(ctx: ServiceContext, input: DoorRef & { candidateIds: number[]; second: { staffNo: string; pin: string } }, pins: ProvenPins) {
  const door = doorFor(ctx, input);
  assertDoorOpen(door, ctx.clock.now());
  if (!entryClosed(door, ctx.clock.now())) {
    throw new AppError('CONFLICT', 'checkin.absentBeforeCutoff', { cutoff: localTime(entryCutoff(door), offsetMinutes(door.startsAt)) });
  }
  const missing = missingAt(ctx.sqlite, door);
  const want = new Set(missing.map((m) => m.candidateId));
  const given = new Set(input.candidateIds);
  if (want.size !== given.size || [...want].some((id) => !given.has(id))) throw new AppError('CONFLICT', 'checkin.absentListChanged');
  const by = actorOf(ctx).staffId;
  // S2: the list is the two proctors' word: the second confirms with their own PIN before anything is written
  const second = confirmWithPin(ctx, by, input.second, ['proctor', 'supervisor', 'site_head'], 'secondProctor', pins);
  const at = nowIso(ctx);
  for (const id of input.candidateIds) {
    ctx.db.insert(schema.checkinAbsences).values({ sessionId: door.sessionId, roomId: door.roomId, candidateId: id, markedAt: at, markedBy: by, device: ctx.device, secondProctorId: second.id }).run();
  }
  ctx.note({ door: { sessionId: door.sessionId, roomId: door.roomId, roomCode: door.roomCode }, absent: missing.map((m) => ({ candidateId: m.candidateId, ticketNo: m.ticketNo })), secondProctor: second });
  return { marked: input.candidateIds.length };
}

/** The supervisor notes what they found about a doubtful case (S8); the sign-in itself stays as it was. */
export function reviewDoubtful(ctx: ServiceContext, input: { checkinId: number; outcome: ReviewOutcome; note: string }) {
  const row = ctx.db.select().from(schema.checkins).where(eq(schema.checkins.id, input.checkinId)).get();
  if (!row || row.status !== 'doubtful') throw new AppError('NOT_FOUND', 'checkin.noSuchDoubtful');
  if (row.reviewedAt) throw new AppError('CONFLICT', 'checkin.alreadyReviewed');
  const at = nowIso(ctx);
  ctx.db.update(schema.checkins).set({ reviewedAt: at, reviewedBy: actorOf(ctx).staffId, reviewNote: input.note, reviewOutcome: input.outcome }).where(eq(schema.checkins.id, row.id)).run();
  ctx.note({ subject: { checkinId: row.id, candidateId: row.candidateId }, before: { reviewedAt: null }, after: { reviewedAt: at, outcome: input.outcome, note: input.note } });
  return { reviewedAt: at };
}
