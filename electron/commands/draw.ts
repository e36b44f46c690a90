// Commands of the draw: on duty (E2), the draw (S2–S7), confirmation (S8), verification,
// manual changes, paper. The work is in electron/services/draw; these are the doors to it.
import { z } from 'zod';
import { drawBoard, drawResult } from '../services/draw/board';
import { changeAssignment, checkChange } from '../services/draw/change';
import { markDuty } from '../services/draw/duty';
import { arrangement, badges } from '../services/draw/paper';
import { exportOffThread } from '../workers/export-pool';

import { drawBatches, dutyList } from '../services/draw/queries';
import { provePins } from '../services/auth';
import { confirmDraw, runDraw } from '../services/draw/record';
import { verifyDraw } from '../services/draw/verify';
import { DRAW_CHANGE_KINDS } from '../../db/schema/draw';
import { defineCommand } from './registry';

const id = z.number().int().positive();
const HEADS = ['site_head', 'supervisor'] as const;
const VIEWERS = ['site_head', 'supervisor', 'admin'] as const;

export const drawBatchesCmd = defineCommand({
  name: 'draw.batches',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  handler: (ctx) => drawBatches(ctx.db),
});

export const drawDutyList = defineCommand({
  name: 'draw.duty.list',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => dutyList(ctx.db, input.batchId),
});

/** E2: the supervisor or site head marks who has arrived. */
export const drawDutyMark = defineCommand({
  name: 'draw.duty.mark',
  kind: 'mutation',
  access: HEADS,
  input: z.object({ batchId: id, staffIds: z.array(id).min(1, '请选择人员'), onDuty: z.boolean() }),
  handler: (ctx, input) => markDuty(ctx, input),
});

export const drawRun = defineCommand({
  name: 'draw.run',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({
    batchId: id,
    /** empty or absent: the whole day */
    sessionIds: z.array(id).optional(),
    avoidSameUnit: z.boolean().default(false),
    panelSize: z.number().int().min(3, '考评组至少3人').max(15).refine((n) => n % 2 === 1, '考评组人数须为单数（S5）').default(3),
    /** S2: a redraw says why (required once a session has been drawn) */
    reason: z.string().max(200, '重新抽签原因至多 200 字').optional(),
  }),
  handler: (ctx, input) =>
    runDraw(ctx, { batchId: input.batchId, sessionIds: input.sessionIds, reason: input.reason, options: { avoidSameUnit: input.avoidSameUnit, panelSize: input.panelSize } }),
});

export const drawBoardCmd = defineCommand({
  name: 'draw.board',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => drawBoard(ctx, input.batchId),
});

/** One draw's own assignment and whether it is in force (the projector, S2/S8). */
export const drawResultCmd = defineCommand({
  name: 'draw.result',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ drawId: id }),
  handler: (ctx, input) => drawResult(ctx, input.drawId),
});

/** The supervisor witnesses and confirms with their own PIN (the site head may be signed in). */
export const drawConfirm = defineCommand({
  name: 'draw.confirm',
  kind: 'mutation',
  access: HEADS,
  input: z.object({ drawId: id, staffNo: z.string().trim().min(1, '请输入督导员工号').max(32), pin: z.string().min(1, '请输入 PIN').max(64) }),
  // S8: the supervisor's PIN proven in the thread pool before the transaction
  prepare: (ctx, input) => provePins(ctx, [{ staffNo: input.staffNo, pin: input.pin }]),
  handler: (ctx, input, pins) => confirmDraw(ctx, input, pins),
});

/** Anyone with the record can re-run the draw: same inputs and seed, same result. */
export const drawVerify = defineCommand({
  name: 'draw.verify',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ drawId: id }),
  handler: (ctx, input) => verifyDraw(ctx.db, ctx.sqlite, input.drawId),
});

const change = z.object({
  sessionId: id,
  kind: z.enum(DRAW_CHANGE_KINDS),
  staffId: id,
  otherStaffId: id,
  reason: z.string().max(200).optional(),
});

export const drawCheckChange = defineCommand({
  name: 'draw.checkChange',
  kind: 'query',
  access: HEADS,
  input: change,
  handler: (ctx, input) => checkChange(ctx.db, input),
});

export const drawChange = defineCommand({
  name: 'draw.change',
  kind: 'mutation',
  access: HEADS,
  input: change.extend({ reason: z.string().trim().min(1, '请填写调整原因').max(200) }),
  handler: (ctx, input) => changeAssignment(ctx, input),
});

/** The 考场安排表 and badges as data, for the printable pages. */
export const drawPrint = defineCommand({
  name: 'draw.print',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => ({ ...arrangement(ctx, input.batchId), badges: badges(ctx.db, input.batchId) }),
});

/** The 考场安排表 as an xlsx workbook (base64), built before the (read-only) handler runs. */
export const drawPaper = defineCommand({
  name: 'draw.paper',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  prepare: (ctx, input) => exportOffThread<{ examDate: string; base64: string }>(ctx, { kind: 'draw.paper', batchId: input.batchId }),
  handler: (_ctx, _input, prepared) => ({
    fileName: `考场安排表_${prepared.examDate}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: prepared.base64,
  }),
});

export const drawPaperCommands = [drawPrint, drawPaper] as const;

export const drawCommands = [drawBatchesCmd, drawDutyList, drawDutyMark, drawRun, drawBoardCmd, drawResultCmd, drawConfirm, drawVerify, drawCheckChange, drawChange, ...drawPaperCommands] as const;
