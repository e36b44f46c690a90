// The incidents desk (issue 6): incidents (E6), the supervisor's rulings (S8), site events (E1, E2,
// E7, E8, E9), monitoring links (R4), the supervisor's report (003 附件10) and the site dashboard.

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schema } from '../../db';
import { photoDataUrl } from '../services/checkin/lookup';
import { AppError } from '../services/errors';
import type { Role } from '../services/roles';
import { CANDIDATE_KINDS, CHECKLIST_KEYS, DECISION_CODES, DECISIONS, EVENT_KINDS, STAFF_KINDS, type ChecklistKey } from '../services/incidents/catalogue';
import { addMonitoringLink, bagExpectation, recordEvent } from '../services/incidents/events';
import { incidentFromAlert, incidentFromDoubtful, recordIncident, signIncident } from '../services/incidents/record';
import { reportView, reportWorkbook, signReport, type Checklist } from '../services/incidents/report';
import { rule, supersede } from '../services/incidents/rulings';
import { caseList, dashboard, incidentDetail, incidentList, roomView } from '../services/incidents/views';
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
  handler: () => ({ candidateKinds: CANDIDATE_KINDS, staffKinds: STAFF_KINDS, decisions: DECISIONS, events: EVENT_KINDS }),
});

export const incidentsBatches = defineCommand({
  name: 'incidents.batches',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({}),
  handler: (ctx) => ctx.sqlite.prepare('SELECT id, name, plan_code AS planCode, exam_date AS examDate FROM batches ORDER BY id DESC').all() as { id: number; name: string; planCode: string; examDate: string }[],
});

export const incidentsRooms = defineCommand({
  name: 'incidents.rooms',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({}),
  handler: (ctx) => dashboard(ctx.sqlite, ctx.clock.now()),
});

export const incidentsRoom = defineCommand({
  name: 'incidents.room',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object(room),
  handler: (ctx, input) => ({ ...roomView(ctx.db, ctx.sqlite, input.sessionId, input.roomId, ctx.clock.now()), bag: bagExpectation(ctx.sqlite, input.sessionId, input.roomId) }),
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
  handler: (ctx, input) => {
    const out = recordIncident(ctx.db, ctx.sqlite, ctx.actor!, ctx.device, ctx.clock, input);
    ctx.note(out.detail);
    return { incidentId: out.incidentId, status: out.status, photoIds: out.photoIds };
  },
});

export const incidentsSign = defineCommand({
  name: 'incidents.sign',
  kind: 'mutation',
  access: RECORD_ROLES,
  input: z.object({ incidentId: id, staffNo: z.string().trim().min(1, '请选择第二名监考人员').max(32), pin }),
  handler: (ctx, input) => {
    const out = signIncident(ctx.db, ctx.sqlite, ctx.actor!, ctx.clock, input.incidentId, input);
    ctx.note(out.detail);
    return out.result;
  },
});

export const incidentsFromAlert = defineCommand({
  name: 'incidents.fromAlert',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ alertId: id, description: text(2000, '请填写核查情况') }),
  handler: (ctx, input) => {
    const out = incidentFromAlert(ctx.db, ctx.actor!, ctx.device, ctx.clock, input.alertId, input.description);
    ctx.note(out.detail);
    return out.result;
  },
});

export const incidentsFromDoubtful = defineCommand({
  name: 'incidents.fromDoubtful',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ checkinId: id, description: text(2000, '请填写核查情况') }),
  handler: (ctx, input) => {
    const out = incidentFromDoubtful(ctx.db, ctx.actor!, ctx.device, ctx.clock, input.checkinId, input.description);
    ctx.note(out.detail);
    return out.result;
  },
});

export const incidentsList = defineCommand({
  name: 'incidents.list',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ sessionId: id.optional(), roomId: id.optional(), status: z.enum(['awaiting_second', 'open', 'ruled', 'unruled']).optional() }),
  handler: (ctx, input) => incidentList(ctx.sqlite, input),
});

export const incidentsGet = defineCommand({
  name: 'incidents.get',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ incidentId: id }),
  handler: (ctx, input) => {
    const d = incidentDetail(ctx.sqlite, input.incidentId);
    if (!d) throw new AppError('NOT_FOUND', '找不到该违纪记录。', 'No such incident.');
    return d;
  },
});

export const incidentsPhoto = defineCommand({
  name: 'incidents.photo',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ photoId: id }),
  handler: (ctx, input) => {
    const p = ctx.db.select().from(schema.incidentPhotos).where(eq(schema.incidentPhotos.id, input.photoId)).get();
    if (!p) throw new AppError('NOT_FOUND', '找不到该照片。', 'No such photo.');
    return { id: p.id, takenAt: p.takenAt, sha256: p.sha256, dataUrl: photoDataUrl(p.bytes, p.mime)! };
  },
});

export const incidentsCases = defineCommand({
  name: 'incidents.cases',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({}),
  handler: (ctx) => caseList(ctx.sqlite),
});

const ruling = { incidentId: id, decision: z.enum(DECISION_CODES), reason: text(1000, '请填写处理理由'), pin };

/** S8: the supervisor's decision, signed with the PIN; final (a second call is refused). */
export const incidentsRule = defineCommand({
  name: 'incidents.rule',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object(ruling),
  handler: (ctx, input) => {
    const out = rule(ctx.db, ctx.actor!, ctx.device, ctx.clock.now(), input);
    ctx.note(out.detail);
    return out.result;
  },
});

/** A change of decision: a new, attributed ruling that supersedes the current one. */
export const incidentsSupersede = defineCommand({
  name: 'incidents.supersede',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ ...ruling, rulingId: id }),
  handler: (ctx, input) => {
    const out = supersede(ctx.db, ctx.actor!, ctx.device, ctx.clock.now(), input);
    ctx.note(out.detail);
    return out.result;
  },
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
  handler: (ctx, input) => {
    const out = recordEvent(ctx.db, ctx.sqlite, ctx.actor!, ctx.device, ctx.clock.now(), input);
    ctx.note(out.detail);
    return out.result;
  },
});

export const eventsBriefings = defineCommand({
  name: 'events.briefings',
  kind: 'query',
  access: ROOM_ROLES,
  input: z.object({ batchId: id }),
  handler: (ctx, input) =>
    (
      ctx.sqlite
        .prepare(`SELECT e.id, e.at, e.detail, st.name AS recorderName FROM site_events e JOIN staff st ON st.id = e.recorded_by WHERE e.batch_id = ? AND e.kind = 'briefing' ORDER BY e.at`)
        .all(input.batchId) as { id: number; at: string; detail: string; recorderName: string }[]
    ).map((e) => ({ ...e, detail: JSON.parse(e.detail) as { place: string; attendees: string; minutes: string } })),
});

export const monitoringAdd = defineCommand({
  name: 'monitoring.add',
  kind: 'mutation',
  access: DESK_ROLES,
  input: z.object({ ...room, channel: text(100, '请填写摄像头或通道'), fileName: text(300, '请填写录像文件名'), startsAt: iso, endsAt: iso }),
  handler: (ctx, input) => {
    const out = addMonitoringLink(ctx.db, ctx.sqlite, ctx.actor!, ctx.clock.now(), input);
    ctx.note(out.detail);
    return out.result;
  },
});

export const reportGet = defineCommand({
  name: 'report.get',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => reportView(ctx.db, ctx.sqlite, input.batchId),
});

const option = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const checklist = z.object(Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, option])) as Record<ChecklistKey, typeof option>);

export const reportSign = defineCommand({
  name: 'report.sign',
  kind: 'mutation',
  access: ['supervisor'],
  input: z.object({ batchId: id, supervisorUnit: z.string().trim().max(200).default(''), checklist, opinion: text(5000, '请填写督导人员意见'), issues: z.string().trim().max(5000).default(''), pin }),
  handler: (ctx, input) => {
    const out = signReport(ctx.db, ctx.sqlite, ctx.actor!, ctx.clock.now(), { ...input, checklist: input.checklist as Checklist });
    ctx.note(out.detail);
    return out.result;
  },
});

export const reportXlsx = defineCommand({
  name: 'report.xlsx',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({ batchId: id }),
  prepare: (ctx, input) => reportWorkbook(ctx.db, ctx.sqlite, input.batchId),
  handler: (_ctx, _input, prepared) => prepared,
});

export const incidentsDashboard = defineCommand({
  name: 'incidents.dashboard',
  kind: 'query',
  access: DESK_ROLES,
  input: z.object({}),
  handler: (ctx) => dashboard(ctx.sqlite, ctx.clock.now()),
});

export const incidentCommands = [
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
