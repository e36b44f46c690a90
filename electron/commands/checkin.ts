// The door's commands (issue 4). Once the draw (issue 5) has assigned a session's proctors, a
// proctor works only the doors they were drawn to (S2); before the draw any proctor may open any door.

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schema } from '../../db';
import { AppError } from '../services/errors';
import type { Role } from '../services/roles';
import { findByCode, judge, openDoor, type Door, pickList, photoDataUrl } from '../services/checkin/lookup';
import { sheetWorkbook, ticketList } from '../services/checkin/paper';
import { confirmSignIn, markAbsent, missingList, recordLeave, recordRefusal } from '../services/checkin/signin';
import { alertList, doorList, doorView, doubtfulList } from '../services/checkin/view';
import { proctorsFor } from '../services/draw/service';
import { defineCommand, type CommandContext } from './registry';

const DOOR_ROLES: readonly Role[] = ['proctor', 'supervisor', 'site_head'];

/** The door a command works at; a proctor must have been drawn to it once the session is drawn (S2). */
function doorFor(ctx: CommandContext, input: { sessionId: number; roomId: number }): Door {
  const door = openDoor(ctx.sqlite, input.sessionId, input.roomId);
  const actor = ctx.actor!;
  if (actor.role === 'proctor') {
    // a drawn session has proctors in every room (S2): none here means the draw has not happened yet
    const drawn = proctorsFor(ctx.db, door.sessionId, door.roomId);
    if (drawn.length > 0 && !drawn.some((p) => p.staffId === actor.staffId)) {
      const names = drawn.map((p) => p.name).join('、');
      throw new AppError('FORBIDDEN', `本场次${door.roomCode}的监考人员经抽签为：${names}。您未被安排在此考场，请到抽签分配的考场。`, `You were not drawn to proctor ${door.roomCode} in this session (S2).`);
    }
  }
  return door;
}
const REVIEW_ROLES: readonly Role[] = ['supervisor', 'site_head'];

const id = z.number().int().positive();
const doorInput = { sessionId: id, roomId: id };
const method = z.enum(['ticket', 'id', 'doc', 'qr', 'ticket_tail', 'doc_tail', 'pick']);
const reason = z.string().trim().min(1, '请填写原因').max(200);
const staffNo = z.string().trim().min(1, '请输入工号').max(32);
const pin = z.string().min(1, '请输入 PIN').max(64);

export const checkinDoors = defineCommand({
  name: 'checkin.doors',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({}),
  handler: (ctx) => doorList(ctx.sqlite, ctx.actor!.staffId),
});

export const checkinDoor = defineCommand({
  name: 'checkin.door',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => doorView(ctx.sqlite, doorFor(ctx, input), ctx.clock.now()),
});

/** A scan or a typed code (or a pick from the list): the verdict, or the pick list for a tail. */
export const checkinScan = defineCommand({
  name: 'checkin.scan',
  kind: 'query',
  access: DOOR_ROLES,
  input: z
    .object({ ...doorInput, code: z.string().max(200).optional(), candidateId: id.optional(), method: z.enum(['ticket_tail', 'doc_tail']).optional() })
    .refine((v) => v.code !== undefined || v.candidateId !== undefined, { message: '请扫描或输入证件号码、准考证号' }),
  handler: (ctx, input) => {
    const door = doorFor(ctx, input);
    const now = ctx.clock.now();
    if (input.candidateId !== undefined) {
      // a pick from the list keeps how the list was found (last 5 of the ticket, last 6 of the ID)
      return { kind: 'verdict' as const, verdict: judge(ctx.sqlite, door, input.candidateId, input.method ?? 'pick', input.code ?? '', now) };
    }
    const code = input.code ?? '';
    const found = findByCode(ctx.sqlite, door, code);
    if (found.kind === 'many') {
      if (found.candidateIds.length === 0) return { kind: 'verdict' as const, verdict: judge(ctx.sqlite, door, null, found.method, code, now) };
      return { kind: 'pick' as const, method: found.method, code, matches: pickList(ctx.sqlite, door, found.candidateIds) };
    }
    return { kind: 'verdict' as const, verdict: judge(ctx.sqlite, door, found.candidateId, found.method, code, now) };
  },
});

export const checkinConfirm = defineCommand({
  name: 'checkin.confirm',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({
    ...doorInput,
    candidateId: id,
    method,
    scanned: z.string().max(200).default(''),
    photo: z.object({ jpegBase64: z.string().min(1).max(400_000), width: z.number().int().positive().max(4096).optional(), height: z.number().int().positive().max(4096).optional() }).optional(),
    noPhotoReason: z.string().trim().max(200).optional(),
    doubtful: z.object({ reason, secondStaffNo: staffNo, secondPin: pin }).optional(),
    late: z.object({ reason, supervisorStaffNo: staffNo.optional(), supervisorPin: pin.optional() }).optional(),
  }),
  handler: (ctx, input) => {
    const door = doorFor(ctx, input);
    const out = confirmSignIn(ctx.db, ctx.sqlite, door, ctx.actor!, ctx.device, ctx.clock.now(), input);
    ctx.note(out.detail);
    return out.result;
  },
});

/** The screen calls this as soon as a verdict refuses: the refusal (and any alarm) is recorded, judged again here. */
export const checkinRefuse = defineCommand({
  name: 'checkin.refuse',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, code: z.string().max(200).default(''), candidateId: id.nullable(), method }),
  handler: (ctx, input) => {
    const door = doorFor(ctx, input);
    const out = recordRefusal(ctx.db, ctx.sqlite, door, ctx.actor!, ctx.device, ctx.clock.now(), input.candidateId, input.method, input.code);
    ctx.note(out.detail);
    return out.result;
  },
});

export const checkinLeave = defineCommand({
  name: 'checkin.leave',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, candidateId: id, kind: z.enum(['hand_in', 'leave']) }),
  handler: (ctx, input) => {
    const door = doorFor(ctx, input);
    const out = recordLeave(ctx.db, door, ctx.actor!, ctx.clock.now(), input.candidateId, input.kind);
    ctx.note(out.detail);
    return out.result;
  },
});

export const checkinMissing = defineCommand({
  name: 'checkin.missing',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => missingList(ctx.sqlite, doorFor(ctx, input)),
});

export const checkinMarkAbsent = defineCommand({
  name: 'checkin.markAbsent',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, candidateIds: z.array(id).min(1, '没有需要标记缺考的考生').max(1000) }),
  handler: (ctx, input) => {
    const door = doorFor(ctx, input);
    const out = markAbsent(ctx.db, ctx.sqlite, door, ctx.actor!, ctx.device, ctx.clock.now(), input.candidateIds);
    ctx.note(out.detail);
    return out.result;
  },
});

export const checkinPhoto = defineCommand({
  name: 'checkin.photo',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ photoId: id }),
  handler: (ctx, input) => {
    const p = ctx.db.select().from(schema.checkinPhotos).where(eq(schema.checkinPhotos.id, input.photoId)).get();
    if (!p) throw new AppError('NOT_FOUND', '找不到该照片。', 'No such photo.');
    return { id: p.id, takenAt: p.takenAt, purpose: p.purpose, dataUrl: photoDataUrl(p.bytes, p.mime)! };
  },
});

/** The registered photos (P7) of a room's roster, fetched once by the door screen. */
export const checkinRegisteredPhotos = defineCommand({
  name: 'checkin.registeredPhotos',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => {
    const door = doorFor(ctx, input);
    const rows = ctx.sqlite
      .prepare(
        `SELECT c.id, c.photo, c.photo_type AS type FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
         WHERE cs.session_id = ? AND cs.room_id = ?`,
      )
      .all(door.sessionId, door.roomId) as { id: number; photo: Buffer | null; type: string | null }[];
    const out: Record<number, string | null> = {};
    for (const r of rows) out[r.id] = photoDataUrl(r.photo, r.type);
    return out;
  },
});

export const checkinDoubtful = defineCommand({
  name: 'checkin.doubtful',
  kind: 'query',
  access: REVIEW_ROLES,
  input: z.object({}),
  handler: (ctx) => doubtfulList(ctx.sqlite),
});

export const checkinAlerts = defineCommand({
  name: 'checkin.alerts',
  kind: 'query',
  access: REVIEW_ROLES,
  input: z.object({}),
  handler: (ctx) => alertList(ctx.sqlite),
});

/** The supervisor notes what they found about a doubtful case (S8); the sign-in itself stays as it was. */
export const checkinReview = defineCommand({
  name: 'checkin.review',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ checkinId: id, note: z.string().trim().min(1, '请填写核查结论').max(500) }),
  handler: (ctx, input) => {
    const row = ctx.db.select().from(schema.checkins).where(eq(schema.checkins.id, input.checkinId)).get();
    if (!row || row.status !== 'doubtful') throw new AppError('NOT_FOUND', '找不到该存疑考生记录。', 'No such doubtful case.');
    if (row.reviewedAt) throw new AppError('CONFLICT', '该存疑记录已核查。', 'Already reviewed.');
    const at = ctx.clock.now().toISOString();
    ctx.db.update(schema.checkins).set({ reviewedAt: at, reviewedBy: ctx.actor!.staffId, reviewNote: input.note }).where(eq(schema.checkins.id, row.id)).run();
    ctx.note({ subject: { checkinId: row.id, candidateId: row.candidateId }, before: { reviewedAt: null }, after: { reviewedAt: at, note: input.note } });
    return { reviewedAt: at };
  },
});

/** The room's sign-in sheet (签到表) or door list as an xlsx file (base64). */
export const checkinSheet = defineCommand({
  name: 'checkin.sheet',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, kind: z.enum(['signSheet', 'doorList']) }),
  prepare: async (ctx, input) => {
    const door = doorFor(ctx, input);
    return sheetWorkbook(ctx.sqlite, door, input.kind);
  },
  handler: (_ctx, _input, prepared) => prepared,
});

/** Admission tickets (准考证) for a room, for sites that print their own; the QR code names the ticket. */
export const checkinTickets = defineCommand({
  name: 'checkin.tickets',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => ticketList(ctx.sqlite, doorFor(ctx, input)),
});

export const checkinCommands = [
  checkinDoors,
  checkinDoor,
  checkinScan,
  checkinConfirm,
  checkinRefuse,
  checkinLeave,
  checkinMissing,
  checkinMarkAbsent,
  checkinPhoto,
  checkinRegisteredPhotos,
  checkinDoubtful,
  checkinAlerts,
  checkinReview,
  checkinSheet,
  checkinTickets,
] as const;
