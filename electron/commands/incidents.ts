// The incidents desk: incidents (E6), the supervisor's rulings (S8), site events (E1, E2,
// E7, E8, E9), monitoring links (R4), the supervisor's report (003 附件10) and the site dashboard.

import { z } from 'zod';
import { DECISIONS, INCIDENT_STATUSES } from '../../db/schema/incidents';
import type { Role } from '../services/roles';
import { provePins } from '../services/auth';
import { actorOf } from '../services/context';
import { CHECKLIST_KEYS, catalogueCodes, type ChecklistKey } from '../services/incidents/catalogue';
import { addMonitoringLink, briefings, recordEvent } from '../services/incidents/events';
import { incidentFromAlert, incidentFromDoubtful, recordIncident, signIncident } from '../services/incidents/record';
import { reportView, signReport, type Checklist, type reportWorkbook } from '../services/incidents/report';
import { exportOffThread } from '../workers/export-pool';

import { rule, supersede } from '../services/incidents/rulings';
import { batchList, caseList, dashboard, incidentCase, incidentListFor, incidentPhoto, roomView } from '../services/incidents/views';
import { signInCurves } from '../services/incidents/floor';
import { defineCommand } from './registry';

const ROOM_ROLES: readonly Role[] = ['proctor', 'examiner', 'chief_examiner', 'supervisor', 'site_head'];
const RECORD_ROLES: readonly Role[] = ['proctor', 'supervisor', 'site_head'];
const DESK_ROLES: readonly Role[] = ['supervisor', 'site_head'];

const id = z.number().int().positive();
const room = { sessionId: id, roomId: id };
const text = (max: number, msg: string) => z.string().trim().min(1, msg).max(max);
const pin = z.string().min(1, '请输入 PIN').max(64);
const iso = z.string().max(40).refine((s) => !Number.isNaN(new Date(s).getTime()), '时间格式无效');
const photo = z.object({ jpegBase64: z.string().min(1).max(400_000), width: z.number().int().positive().max(4096).optional(), height: z.number().int().positive().max(4096).optional() });

export const incidentsCatalogue = defineCommand({
  name: 'incidents.catalogue',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: () => catalogueCodes(),
});

export const incidentsBatches = defineCommand({
  name: 'incidents.batches',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({}),
  handler: (ctx) => batchList(ctx),
});

export const incidentsRooms = defineCommand({
  name: 'incidents.rooms',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({}),
  handler: (ctx) => dashboard(ctx),
});

export const incidentsRoom = defineCommand({
  name: 'incidents.room',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object(room),
  handler: (ctx, input) => roomView(ctx, input),
});

/** E6: a proctor records what happened; the second proctor signs with their PIN (now or later). */
export const incidentsRecord = defineCommand({
  name: 'incidents.record',
  kind: 'mutation',
  access: RECORD_ROLES,
  input: z.object({
    ...room,
    subjectType: z.enum(['candidate', 'staff']),
    candidateId: id.optional(),
    staffId: id.optional(),
    kind: z.string().min(1, '请选择违纪类型').max(40),
    occurredAt: iso.optional(),
    timeEditReason: z.string().trim().max(200).optional(),
    description: text(2000, '请填写违纪事实经过'),
    witnesses: z.string().trim().max(500).default(''),
    photos: z.array(photo).max(6).default([]),
    second: z.object({ staffNo: z.string().trim().min(1, '请选择第二名监考人员').max(32), pin }).optional(),
  }),
  // the second proctor's PIN proven in the thread pool before the transaction (S9)
  prepare: (ctx, input) => provePins(ctx, input.second ? [input.second] : []),
  handler: (ctx, input, pins) => recordIncident(ctx, input, pins),
});

export const incidentsSign = defineCommand({
  name: 'incidents.sign',
  kind: 'mutation',
  access: RECORD_ROLES,
  input: z.object({ incidentId: id, staffNo: z.string().trim().min(1, '请选择第二名监考人员').max(32), pin }),
  prepare: (ctx, input) => provePins(ctx, [{ staffNo: input.staffNo, pin: input.pin }]),
  handler: (ctx, input, pins) => signIncident(ctx, input, pins),
});

export const incidentsFromAlert = defineCommand({
  name: 'incidents.fromAlert',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ alertId: id, description: text(2000, '请填写核查情况') }),
  handler: (ctx, input) => incidentFromAlert(ctx, input),
});

export const incidentsFromDoubtful = defineCommand({
  name: 'incidents.fromDoubtful',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ checkinId: id, description: text(2000, '请填写核查情况') }),
  handler: (ctx, input) => incidentFromDoubtful(ctx, input),
});

export const incidentsList = defineCommand({
  name: 'incidents.list',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ sessionId: id.optional(), roomId: id.optional(), status: z.enum([...INCIDENT_STATUSES, 'unruled']).optional() }),
  handler: (ctx, input) => incidentListFor(ctx, input),
});

export const incidentsGet = defineCommand({
  name: 'incidents.get',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ incidentId: id }),
  handler: (ctx, input) => incidentCase(ctx, input.incidentId),
});

export const incidentsPhoto = defineCommand({
  name: 'incidents.photo',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ photoId: id }),
  handler: (ctx, input) => incidentPhoto(ctx, input.photoId),
});

export const incidentsCases = defineCommand({
  name: 'incidents.cases',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({}),
  handler: (ctx) => caseList(ctx),
});

const ruling = { incidentId: id, decision: z.enum(DECISIONS), reason: text(1000, '请填写处理理由'), pin };

/** S8: the supervisor's decision, signed with the PIN; final (a second call is refused). */
export const incidentsRule = defineCommand({
  name: 'incidents.rule',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object(ruling),
  // S9: the supervisor's PIN proven in the thread pool before the transaction
  prepare: (ctx, input) => provePins(ctx, [{ staffId: actorOf(ctx).staffId, pin: input.pin }]),
  handler: (ctx, input, pins) => rule(ctx, input, pins),
});

/** A change of decision: a new, attributed ruling that supersedes the current one. */
export const incidentsSupersede = defineCommand({
  name: 'incidents.supersede',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ ...ruling, rulingId: id }),
  prepare: (ctx, input) => provePins(ctx, [{ staffId: actorOf(ctx).staffId, pin: input.pin }]),
  handler: (ctx, input, pins) => supersede(ctx, input, pins),
});

const count = z.number().int().min(0).max(100_000);

export const eventsRecord = defineCommand({
  name: 'events.record',
  kind: 'mutation',
  access: ROOM_ROLES,
  input: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('bag_received'), ...room, occupationCode: text(40, '请填写试卷袋上的职业编码'), level: z.number().int().min(1).max(5), count, sealIntact: z.boolean(), note: z.string().trim().max(500).default('') }),
    z.object({ kind: z.literal('equipment_failure'), ...room, candidateId: id.optional(), equipment: text(200, '请填写故障设备'), startedAt: iso.optional(), minutesLost: z.number().int().min(0).max(600), action: text(1000, '请填写处理情况') }),
    z.object({ kind: z.literal('papers_sealed'), ...room, papers: count, answerSheets: count, signInSheets: count, sealNo: z.string().trim().max(60).default(''), note: z.string().trim().max(500).default('') }),
    z.object({ kind: z.literal('briefing'), batchId: id, heldAt: iso, place: text(200, '请填写会议地点'), attendees: text(1000, '请填写参会人员'), minutes: text(5000, '请填写会议记录') }),
  ]),
  handler: (ctx, input) => recordEvent(ctx, input),
});

export const eventsBriefings = defineCommand({
  name: 'events.briefings',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => briefings(ctx.sqlite, input.batchId),
});

export const monitoringAdd = defineCommand({
  name: 'monitoring.add',
  kind: 'mutation',
  access: DESK_ROLES,
  input: z.object({ ...room, channel: text(100, '请填写摄像头或通道'), fileName: text(300, '请填写录像文件名'), startsAt: iso, endsAt: iso }),
  handler: (ctx, input) => addMonitoringLink(ctx, input),
});

export const reportGet = defineCommand({
  name: 'report.get',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => reportView(ctx, input.batchId),
});

const option = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const checklist = z.object(Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, option])) as Record<ChecklistKey, typeof option>);

export const reportSign = defineCommand({
  name: 'report.sign',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ batchId: id, supervisorUnit: z.string().trim().max(200).default(''), checklist, opinion: text(5000, '请填写督导人员意见'), issues: z.string().trim().max(5000).default(''), pin }),
  prepare: (ctx, input) => provePins(ctx, [{ staffId: actorOf(ctx).staffId, pin: input.pin }]),
  handler: (ctx, input, pins) => signReport(ctx, { ...input, checklist: input.checklist as Checklist }, pins),
});

export const reportXlsx = defineCommand({
  name: 'report.xlsx',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({ batchId: id }),
  prepare: (ctx, input) => exportOffThread<Awaited<ReturnType<typeof reportWorkbook>>>(ctx, { kind: 'report.xlsx', batchId: input.batchId }),
  handler: (_ctx, _input, prepared) => prepared,
});

export const incidentsDashboard = defineCommand({
  name: 'incidents.dashboard',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({}),
  handler: (ctx) => dashboard(ctx),
});

/** The dashboard's sign-in curve: per session, how many had signed in by each minute. */
export const incidentsSignInCurves = defineCommand({
  name: 'incidents.signInCurves',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({}),
  handler: (ctx) => signInCurves(ctx),
});

export const incidentCommands = [
  incidentsSignInCurves,
  incidentsCatalogue,
  incidentsBatches,
  incidentsRooms,
  incidentsRoom,
  incidentsRecord,
  incidentsSign,
  incidentsFromAlert,
  incidentsFromDoubtful,
  incidentsList,
  incidentsGet,
  incidentsPhoto,
  incidentsCases,
  incidentsRule,
  incidentsSupersede,
  eventsRecord,
  eventsBriefings,
  monitoringAdd,
  reportGet,
  reportSign,
  reportXlsx,
  incidentsDashboard,
] as const;
