// The door's commands (DOMAIN E3–E5, S2, S8): thin doors over services/checkin. Which door a call
// works at, and whether a proctor was drawn to it, is decided in the services (checkin/door.ts).

import { z } from 'zod';
import { ALERT_CLOSE_REASONS, LEFT_KINDS, LOOKUP_METHODS, REVIEW_OUTCOMES } from '../../db/schema/checkin';
import { provePins } from '../services/auth';
import { actorOf } from '../services/context';
import { candidatePhoto, casePhotos, closeAlert } from '../services/checkin/cases';
import type { Role } from '../services/roles';
import { ticketList, type SheetFile } from '../services/checkin/paper';
import { exportOffThread } from '../workers/export-pool';

import { confirmInput } from '../services/checkin/confirm-input';
import { confirmClaims, confirmSignIn, markAbsent, missingList, recordLeave, recordRefusal, reviewDoubtful } from '../services/checkin/signin';
import { alertList, doorList, doorPhoto, doorView, doubtfulList, registeredPhotos, scanAtDoor } from '../services/checkin/view';
import { defineCommand } from './registry';

const DOOR_ROLES: readonly Role[] = ['proctor', 'supervisor', 'site_head'];
const REVIEW_ROLES: readonly Role[] = ['supervisor', 'site_head'];

const id = z.number().int().positive();
const doorInput = { sessionId: id, roomId: id };
const method = z.enum(LOOKUP_METHODS);
const staffNo = z.string().trim().min(1, '请输入工号').max(32);
const pin = z.string().min(1, '请输入 PIN').max(64);

export const checkinDoors = defineCommand({
  name: 'checkin.doors',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({}),
  handler: (ctx) => doorList(ctx),
});

export const checkinDoor = defineCommand({
  name: 'checkin.door',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => doorView(ctx, input),
});

/** A scan or a typed code (or a pick from the list): the verdict, or the pick list for a tail. */
export const checkinScan = defineCommand({
  name: 'checkin.scan',
  kind: 'query',
  access: DOOR_ROLES,
  input: z
    .object({ ...doorInput, code: z.string().max(200).optional(), candidateId: id.optional(), method: z.enum(['ticket_tail', 'doc_tail']).optional() })
    .refine((v) => v.code !== undefined || v.candidateId !== undefined, { message: '请扫描或输入证件号码、准考证号' }),
  handler: (ctx, input) => scanAtDoor(ctx, input),
});

export const checkinConfirm = defineCommand({
  name: 'checkin.confirm',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: confirmInput,
  // the vouchers' PINs (second proctor, supervisor) proven in the thread pool before the transaction
  prepare: (ctx, input) => provePins(ctx, confirmClaims(input, actorOf(ctx).role)),
  handler: (ctx, input, pins) => confirmSignIn(ctx, input, pins),
});

/** The screen calls this as soon as a verdict refuses: the refusal (and any alarm) is recorded, judged again here. */
export const checkinRefuse = defineCommand({
  name: 'checkin.refuse',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, code: z.string().max(200).default(''), candidateId: id.nullable(), method }),
  handler: (ctx, input) => recordRefusal(ctx, input),
});

export const checkinLeave = defineCommand({
  name: 'checkin.leave',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, candidateId: id, kind: z.enum(LEFT_KINDS) }),
  handler: (ctx, input) => recordLeave(ctx, input),
});

export const checkinMissing = defineCommand({
  name: 'checkin.missing',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => missingList(ctx, input),
});

export const checkinMarkAbsent = defineCommand({
  name: 'checkin.markAbsent',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, candidateIds: z.array(id).min(1, '没有需要标记缺考的考生').max(1000), second: z.object({ staffNo, pin }) }),
  prepare: (ctx, input) => provePins(ctx, [input.second]),
  handler: (ctx, input, pins) => markAbsent(ctx, input, pins),
});

export const checkinPhoto = defineCommand({
  name: 'checkin.photo',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ photoId: id }),
  handler: (ctx, input) => doorPhoto(ctx, input.photoId),
});

/** The registered photos (P7) of a room's roster, fetched once by the door screen. */
export const checkinRegisteredPhotos = defineCommand({
  name: 'checkin.registeredPhotos',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => registeredPhotos(ctx, input),
});

export const checkinDoubtful = defineCommand({
  name: 'checkin.doubtful',
  kind: 'query',
  access: REVIEW_ROLES,
  input: z.object({}),
  handler: (ctx) => doubtfulList(ctx),
});

export const checkinAlerts = defineCommand({
  name: 'checkin.alerts',
  kind: 'query',
  access: REVIEW_ROLES,
  input: z.object({}),
  handler: (ctx) => alertList(ctx),
});

/** The supervisor notes what they found about a doubtful case (S8); the sign-in itself stays as it was. */
export const checkinReview = defineCommand({
  name: 'checkin.review',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ checkinId: id, outcome: z.enum(REVIEW_OUTCOMES, { message: '请选择核查结果' }), note: z.string().trim().min(1, '请填写核查说明').max(500) }),
  handler: (ctx, input) => reviewDoubtful(ctx, input),
});

/** A candidate's registered photo at a door, for a verdict about someone outside the room's roster (the verdict carries none). */
export const checkinCandidatePhoto = defineCommand({
  name: 'checkin.candidatePhoto',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, candidateId: id }),
  handler: (ctx, input) => candidatePhoto(ctx, input),
});

/** The photos of a doubtful admission side by side: registered, at the door, and the card's when a reader gave one. */
export const checkinCasePhotos = defineCommand({
  name: 'checkin.casePhotos',
  kind: 'query',
  access: REVIEW_ROLES,
  input: z.object({ checkinId: id }),
  handler: (ctx, input) => casePhotos(ctx, input.checkinId),
});

/** A duplicate alarm closed as a false alarm (a double read, a re-entry) with a note: it does not become an incident. */
export const checkinCloseAlert = defineCommand({
  name: 'checkin.closeAlert',
  kind: 'mutation',
  access: DOOR_ROLES,
  input: z.object({ alertId: id, reason: z.enum(ALERT_CLOSE_REASONS, { message: '请选择误报原因' }), note: z.string().trim().min(1, '请填写说明').max(200) }),
  handler: (ctx, input) => closeAlert(ctx, input),
});

/** The room's sign-in sheet (签到表) or door list as an xlsx file (base64). */
export const checkinSheet = defineCommand({
  name: 'checkin.sheet',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object({ ...doorInput, kind: z.enum(['signSheet', 'doorList']) }),
  prepare: (ctx, input) => exportOffThread<SheetFile>(ctx, { kind: 'checkin.sheet', door: input }),
  handler: (_ctx, _input, prepared) => prepared,
});

/** Admission tickets (准考证) for a room, for sites that print their own; the QR code names the ticket. */
export const checkinTickets = defineCommand({
  name: 'checkin.tickets',
  kind: 'query',
  access: DOOR_ROLES,
  input: z.object(doorInput),
  handler: (ctx, input) => ticketList(ctx, input),
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
  checkinCasePhotos,
  checkinCloseAlert,
  checkinCandidatePhoto,
  checkinSheet,
  checkinTickets,
] as const;
