// Recording at the door: sign-in (with photo or a reason for none), doubtful admission with the
// second proctor's PIN, late admission by the supervisor (E4), hand-in and leaving (E5), absence
// at the entry cut-off, refusals and the impersonation alarm. Every write re-asks `judge`.

import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { schema, type Db, type Sqlite } from '../../../db';
import type { Actor } from '../auth';
import { verifyStaffPin } from '../auth';
import { AppError } from '../errors';
import type { Role } from '../roles';
import { maskDocNumber } from '../../domain/gb11643';
import { REFUSALS, judge, type Door, type LookupMethod, type Verdict, type VerdictCode } from './lookup';
import { entryClosed, entryCutoff, leaveAllowed, leaveOpensAt, localTime, offsetMinutes } from './rules';

/** Photos arrive as compressed JPEG from the camera page; a door photo needs no more than this. */
export const MAX_PHOTO_BYTES = 200 * 1024;

export const VERDICT_ZH: Record<VerdictCode, string> = {
  ok: '核验通过，可以入场',
  entry_closed: '开考已超过 30 分钟，禁止入场（E4）',
  wrong_room: '不在本考场',
  wrong_session: '不是本场次的考生',
  not_in_plan: '本批次计划中没有此考生，拒绝入场',
  already_here: '已在本考场签到，疑似替考/冒名顶替',
  already_elsewhere: '已在其他考场签到，疑似替考/冒名顶替',
};

const writeStatements = new WeakMap<Sqlite, ReturnType<typeof prepareWrites>>();

function prepareWrites(sqlite: Sqlite) {
  return {
    photo: sqlite.prepare(
      `INSERT INTO checkin_photos (candidate_id, session_id, purpose, mime, bytes, sha256, width, height, taken_at, taken_by, device)
       VALUES (@candidateId, @sessionId, @purpose, 'image/jpeg', @bytes, @sha256, @width, @height, @at, @by, @device)`,
    ),
    checkin: sqlite.prepare(
      `INSERT INTO checkins (session_id, room_id, candidate_id, status, at, proctor_id, device, method, photo_id, no_photo_reason,
                             doubt_reason, second_proctor_id, late, late_reason, late_approved_by)
       VALUES (@sessionId, @roomId, @candidateId, @status, @at, @proctorId, @device, @method, @photoId, @noPhotoReason,
               @doubtReason, @secondProctorId, @late, @lateReason, @lateApprovedBy)`,
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
  if (!jpeg) throw new AppError('BAD_INPUT', '照片不是有效的 JPEG 图像，请重新拍摄。', 'The photo is not a valid JPEG.');
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new AppError('BAD_INPUT', `照片过大（${Math.ceil(bytes.length / 1024)} KB，上限 ${MAX_PHOTO_BYTES / 1024} KB），请重新拍摄。`, 'The photo is too large.');
  }
  return bytes;
}

function staffByNo(db: Db, staffNo: string) {
  return db.select().from(schema.staff).where(eq(schema.staff.staffNo, staffNo.trim())).get();
}

function holds(db: Db, staffId: number, roles: readonly Role[]): boolean {
  const rows = db.select({ role: schema.staffRoles.role }).from(schema.staffRoles).where(eq(schema.staffRoles.staffId, staffId)).all();
  return rows.some((r) => (roles as readonly string[]).includes(r.role));
}

/** A second person confirms with their own PIN: not the signed-in proctor, holding one of `roles`. */
export function confirmWithPin(
  db: Db,
  actor: Actor,
  who: { staffNo: string; pin: string },
  roles: readonly Role[],
  clock: { now(): Date },
  labels: { zh: string; en: string },
): { id: number; name: string } {
  const person = staffByNo(db, who.staffNo);
  if (!person || !person.active) throw new AppError('PIN_WRONG', `${labels.zh}工号或 PIN 不正确。`, `${labels.en}: staff number or PIN is wrong.`, { persist: true });
  if (person.id === actor.staffId) {
    throw new AppError('FORBIDDEN', `${labels.zh}须由另一人确认，不能是本人。`, `${labels.en} must be another person.`);
  }
  if (!holds(db, person.id, roles)) {
    throw new AppError('FORBIDDEN', `${person.name} 不具备${labels.zh}的角色。`, `${person.name} does not hold the role for ${labels.en}.`);
  }
  verifyStaffPin(db, person.id, who.pin, clock);
  return { id: person.id, name: person.name };
}

export interface ConfirmInput {
  candidateId: number;
  method: LookupMethod;
  scanned: string;
  photo?: PhotoInput | undefined;
  noPhotoReason?: string | undefined;
  doubtful?: { reason: string; secondStaffNo: string; secondPin: string } | undefined;
  late?: { reason: string; supervisorStaffNo?: string | undefined; supervisorPin?: string | undefined } | undefined;
}

export interface ConfirmResult {
  checkinId: number;
  status: 'ok' | 'doubtful';
  late: boolean;
  photoId: number | null;
  at: string;
}

function refused(v: Verdict): AppError {
  const where = v.goTo.map((g) => `${g.sessionName} ${g.roomCode ?? ''}${g.seat ? ` ${g.seat}号座` : ''}`).join('；');
  const extra = v.code === 'wrong_room' || v.code === 'wrong_session' ? (where ? `，请前往：${where}` : '') : '';
  return new AppError('DOOR_REFUSED', `${VERDICT_ZH[v.code]}${extra}。`, `Entry refused: ${v.code}.`, { params: { verdict: v.code } });
}

/**
 * One confirm per candidate: the verdict is asked again (never trusted from the screen), the
 * people who must vouch are checked before anything is written, then photo and sign-in go in.
 */
export function confirmSignIn(db: Db, sqlite: Sqlite, door: Door, actor: Actor, device: string, now: Date, input: ConfirmInput): { result: ConfirmResult; verdict: Verdict; detail: Record<string, unknown> } {
  const verdict = judge(sqlite, door, input.candidateId, input.method, input.scanned, now, false);
  const late = verdict.code === 'entry_closed';
  if (verdict.code !== 'ok' && !late) throw refused(verdict);
  if (!input.photo && !input.noPhotoReason?.trim()) {
    throw new AppError('BAD_INPUT', '没有拍照时须说明原因（如“无摄像头”）。', 'Without a photo, give the reason.');
  }
  const photoBytes = input.photo ? decodePhoto(input.photo) : null;

  // E4: after the cut-off only the supervisor admits, with a recorded reason
  let lateApprover: { id: number; name: string } | null = null;
  if (late) {
    if (!input.late?.reason.trim()) {
      const off = offsetMinutes(door.startsAt);
      throw new AppError(
        'ENTRY_CLOSED',
        `开考已超过 30 分钟（${localTime(entryCutoff(door), off)} 起禁止入场，E4），拒绝入场。只有督导员可以记录原因后准许入场。`,
        'Entry closed 30 minutes after the start (E4); only the supervisor may admit, with a reason.',
        { params: { cutoff: entryCutoff(door).toISOString() } },
      );
    }
    if (actor.role === 'supervisor') lateApprover = { id: actor.staffId, name: actor.name };
    else {
      if (!input.late.supervisorStaffNo || !input.late.supervisorPin) {
        throw new AppError('FORBIDDEN', '迟到入场须由督导员输入工号和 PIN 准许。', 'Late entry needs the supervisor’s staff number and PIN.');
      }
      lateApprover = confirmWithPin(db, actor, { staffNo: input.late.supervisorStaffNo, pin: input.late.supervisorPin }, ['supervisor'], { now: () => now }, { zh: '督导员', en: 'Supervisor' });
    }
  }
  let second: { id: number; name: string } | null = null;
  if (input.doubtful) {
    if (!input.doubtful.reason.trim()) throw new AppError('BAD_INPUT', '请选择存疑原因。', 'Choose the reason for doubt.');
    second = confirmWithPin(db, actor, { staffNo: input.doubtful.secondStaffNo, pin: input.doubtful.secondPin }, ['proctor', 'supervisor', 'site_head'], { now: () => now }, { zh: '第二监考人员', en: 'Second proctor' });
  }

  const at = now.toISOString();
  // the hot path of the door: cached prepared statements (drizzle would rebuild the SQL per call)
  const w = writes(sqlite);
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
          device,
        }).lastInsertRowid,
      )
    : null;
  const status = input.doubtful ? 'doubtful' : 'ok';
  const row = {
    id: Number(
      w.checkin.run({
        sessionId: door.sessionId,
        roomId: door.roomId,
        candidateId: input.candidateId,
        status,
        at,
        proctorId: actor.staffId,
        device,
        method: input.method,
        photoId,
        noPhotoReason: photoBytes ? null : input.noPhotoReason!.trim(),
        doubtReason: input.doubtful?.reason.trim() ?? null,
        secondProctorId: second?.id ?? null,
        late: late ? 1 : 0,
        lateReason: late ? input.late!.reason.trim() : null,
        lateApprovedBy: lateApprover?.id ?? null,
      }).lastInsertRowid,
    ),
  };
  let absenceCleared = false;
  if (late) {
    // a latecomer the supervisor admits is no longer absent
    const r = db.delete(schema.checkinAbsences).where(and(eq(schema.checkinAbsences.sessionId, door.sessionId), eq(schema.checkinAbsences.candidateId, input.candidateId))).run();
    absenceCleared = r.changes > 0;
  }
  const c = verdict.candidate!;
  return {
    result: { checkinId: row.id, status, late, photoId, at },
    verdict,
    detail: {
      subject: { candidateId: c.id, ticketNo: c.ticketNo, name: c.name },
      door: { sessionId: door.sessionId, roomId: door.roomId, roomCode: door.roomCode },
      after: {
        checkinId: row.id,
        status,
        method: input.method,
        photoId,
        noPhotoReason: photoBytes ? null : input.noPhotoReason!.trim(),
        doubtReason: input.doubtful?.reason ?? null,
        secondProctor: second,
        late,
        lateReason: late ? input.late!.reason : null,
        lateApprovedBy: lateApprover,
        absenceCleared,
      },
    },
  };
}

/** Records a refusal (and, for a second sign-in, the impersonation alarm's incident draft). */
export function recordRefusal(db: Db, sqlite: Sqlite, door: Door, actor: Actor, device: string, now: Date, candidateId: number | null, method: LookupMethod, scanned: string) {
  const verdict = judge(sqlite, door, candidateId, method, scanned, now, false);
  if (!REFUSALS.includes(verdict.code)) {
    throw new AppError('BAD_INPUT', '该考生核验通过，无需记录拒绝。', 'The candidate may enter; nothing to refuse.');
  }
  const at = now.toISOString();
  const refusal = db
    .insert(schema.checkinRefusals)
    .values({ sessionId: door.sessionId, roomId: door.roomId, candidateId: verdict.candidate?.id ?? null, code: scanned.slice(0, 200), verdict: verdict.code, at, proctorId: actor.staffId, device })
    .returning({ id: schema.checkinRefusals.id })
    .get();
  let alertId: number | null = null;
  if ((verdict.code === 'already_here' || verdict.code === 'already_elsewhere') && verdict.candidate && verdict.earlier) {
    alertId = db
      .insert(schema.checkinAlerts)
      .values({
        kind: 'impersonation_suspect',
        kindZh: '替考/冒名顶替嫌疑',
        candidateId: verdict.candidate.id,
        sessionId: door.sessionId,
        roomId: door.roomId,
        checkinId: verdict.earlier.checkinId,
        at,
        proctorId: actor.staffId,
        device,
        detail: JSON.stringify({ scanned: scanned.slice(0, 200), method, earlierRoom: verdict.earlier.roomCode, earlierAt: verdict.earlier.at, earlierProctor: verdict.earlier.proctorName }),
      })
      .returning({ id: schema.checkinAlerts.id })
      .get().id;
  }
  return {
    result: { refusalId: refusal.id, alertId, verdict: verdict.code },
    detail: {
      subject: verdict.candidate ? { candidateId: verdict.candidate.id, ticketNo: verdict.candidate.ticketNo, name: verdict.candidate.name } : { scanned: scanned.slice(0, 200) },
      door: { sessionId: door.sessionId, roomId: door.roomId, roomCode: door.roomCode },
      verdict: verdict.code,
      alertId,
    },
  };
}

/** E5: hand-in and leaving, refused before the last 30 minutes, saying when it becomes possible. */
export function recordLeave(db: Db, door: Door, actor: Actor, now: Date, candidateId: number, kind: 'hand_in' | 'leave') {
  const row = db
    .select()
    .from(schema.checkins)
    .where(and(eq(schema.checkins.sessionId, door.sessionId), eq(schema.checkins.candidateId, candidateId)))
    .get();
  if (!row || row.roomId !== door.roomId) throw new AppError('NOT_FOUND', '该考生未在本考场签到。', 'The candidate has not signed in at this room.');
  if (row.leftAt) throw new AppError('CONFLICT', '已记录该考生交卷离场。', 'Leaving is already recorded.');
  if (!leaveAllowed(door, now)) {
    const off = offsetMinutes(door.startsAt);
    const from = localTime(leaveOpensAt(door), off);
    throw new AppError('LEAVE_TOO_EARLY', `考试结束前 30 分钟内方可交卷离场（E5）：${from} 起可以交卷离场。`, `No hand-in before the last 30 minutes (E5); possible from ${from}.`, {
      params: { from, fromIso: leaveOpensAt(door).toISOString() },
    });
  }
  const at = now.toISOString();
  db.update(schema.checkins).set({ leftKind: kind, leftAt: at, leftRecordedBy: actor.staffId }).where(eq(schema.checkins.id, row.id)).run();
  return { result: { checkinId: row.id, leftAt: at, kind }, detail: { subject: { candidateId, checkinId: row.id }, before: { leftAt: null }, after: { leftKind: kind, leftAt: at } } };
}

export interface MissingRow {
  candidateId: number;
  name: string;
  ticketNo: string;
  docMasked: string;
  seat: string | null;
}

/** Expected here, not signed in, not yet marked absent. */
export function missingList(sqlite: Sqlite, door: Door): MissingRow[] {
  const rows = sqlite
    .prepare(
      `SELECT c.id AS candidateId, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc, cs.seat
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       WHERE cs.session_id = ? AND cs.room_id = ?
         AND NOT EXISTS (SELECT 1 FROM checkins ck WHERE ck.session_id = cs.session_id AND ck.candidate_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM checkin_absences a WHERE a.session_id = cs.session_id AND a.candidate_id = c.id)
       ORDER BY CAST(cs.seat AS INTEGER), cs.seat, c.ticket_no`,
    )
    .all(door.sessionId, door.roomId) as (Omit<MissingRow, 'docMasked'> & { doc: string })[];
  return rows.map(({ doc, ...r }) => ({ ...r, docMasked: maskDocNumber(doc) }));
}

/** E4: at the entry cut-off the proctor confirms the list shown, and those are marked absent (缺考). */
export function markAbsent(db: Db, sqlite: Sqlite, door: Door, actor: Actor, device: string, now: Date, candidateIds: number[]) {
  const off = offsetMinutes(door.startsAt);
  if (!entryClosed(door, now)) {
    throw new AppError('CONFLICT', `入场截止（${localTime(entryCutoff(door), off)}）后才能标记缺考（E4）。`, 'Absence is marked only after entry closes (E4).');
  }
  const missing = missingList(sqlite, door);
  const want = new Set(missing.map((m) => m.candidateId));
  const given = new Set(candidateIds);
  if (want.size !== given.size || [...want].some((id) => !given.has(id))) {
    throw new AppError('CONFLICT', '缺考名单已变化，请刷新后重新核对确认。', 'The list of missing candidates changed; reload and confirm again.');
  }
  const at = now.toISOString();
  for (const id of candidateIds) {
    db.insert(schema.checkinAbsences).values({ sessionId: door.sessionId, roomId: door.roomId, candidateId: id, markedAt: at, markedBy: actor.staffId, device }).run();
  }
  return {
    result: { marked: candidateIds.length },
    detail: { door: { sessionId: door.sessionId, roomId: door.roomId, roomCode: door.roomCode }, absent: missing.map((m) => ({ candidateId: m.candidateId, ticketNo: m.ticketNo })) },
  };
}
