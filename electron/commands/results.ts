// Results and publication commands (issue 7): compile, figures, the calendar, 公示 and objections, forms.
import { z } from 'zod';
import { AppError } from '../services/errors';
import { WorkCalendar, loadSchedule, publicationEnd, scheduleInput } from '../services/results/calendar';
import { compileResults } from '../services/results/compile';
import { confirmationWorkbook, publicationWorkbook, scoreSheetsWorkbook, summaryWorkbook } from '../services/results/forms';
import { resultsOverview } from '../services/results/overview';
import { recordSheetsPrint, summaryPrint } from '../services/results/print';
import { enterCorrection, rescoresOf, settleCorrection } from '../services/results/rescore';
import {
  confirmationSheets,
  endPublication,
  investigateObjection,
  objectionsOf,
  openPublication,
  openSupplement,
  publicationBasis,
  publicationsOf,
  recordObjection,
  resolveObjection,
} from '../services/results/publication';
import { siteToday } from './plan';
import { defineCommand } from './registry';

const id = z.number().int().positive();
const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为 YYYY-MM-DD');
// examiners (chiefs included) are not readers: they must not see scores before their own sheet is in
const READERS = ['site_head', 'admin', 'supervisor', 'score_clerk'] as const;
const HEAD = ['site_head'] as const;

export const resultsList = defineCommand({
  name: 'results.list',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => compileResults(ctx.sqlite, input.batchId),
});

export const resultsOverviewCmd = defineCommand({
  name: 'results.overview',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => resultsOverview(ctx.sqlite, input.batchId, compileResults(ctx.sqlite, input.batchId)),
});

export const calendarStatus = defineCommand({
  name: 'results.calendar.status',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => ({ years: new WorkCalendar(ctx.sqlite).coveredYears(), today: siteToday(ctx.clock) }),
});

export const calendarLoad = defineCommand({
  name: 'results.calendar.load',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ schedule: scheduleInput }),
  handler: (ctx, input) => {
    const r = loadSchedule(ctx.sqlite, input.schedule, ctx.clock.now().toISOString(), ctx.actor!.staffId);
    ctx.note(r);
    return r;
  },
});

export const publicationPreview = defineCommand({
  name: 'results.publication.preview',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id, startDate: ymd }),
  handler: (ctx, input) => ({ startDate: input.startDate, endDate: publicationEnd(new WorkCalendar(ctx.sqlite), input.startDate), basis: publicationBasis(ctx.sqlite, input.batchId) }),
});

/** Issue 8: which sealed version a publication would show now, or why there is none yet. */
export const publicationBasisCmd = defineCommand({
  name: 'results.publication.basis',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => publicationBasis(ctx.sqlite, input.batchId),
});

export const publicationOpen = defineCommand({
  name: 'results.publication.open',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ batchId: id, startDate: ymd }),
  handler: (ctx, input) => {
    const r = openPublication(ctx.sqlite, input.batchId, input.startDate, ctx.clock.now().toISOString(), ctx.actor!.staffId);
    ctx.note(r);
    return r;
  },
});

export const publicationList_ = defineCommand({
  name: 'results.publication.list',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => {
    const today = siteToday(ctx.clock);
    return publicationsOf(ctx.sqlite, input.batchId).map((p) => {
      const objections = objectionsOf(ctx.sqlite, p.id);
      return { ...p, objections, today, expired: today > p.endDate, canConfirm: today > p.endDate && objections.every((o) => o.status === 'resolved') };
    });
  },
});

export const objectionRecord = defineCommand({
  name: 'results.objection.record',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ publicationId: id, candidateId: id.optional(), raisedBy: z.string().trim().min(1, '请填写异议人').max(100), content: z.string().trim().min(2, '请填写异议内容').max(2000) }),
  handler: (ctx, input) => {
    const r = recordObjection(ctx.sqlite, ctx.clock.now().toISOString(), ctx.actor!.staffId, input);
    ctx.note({ ...input, objectionId: r.id });
    return r;
  },
});

export const objectionInvestigate = defineCommand({
  name: 'results.objection.investigate',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ objectionId: id, investigation: z.string().trim().min(2, '请填写调查情况').max(2000) }),
  handler: (ctx, input) => {
    ctx.note(input);
    return investigateObjection(ctx.sqlite, input);
  },
});

export const objectionResolve = defineCommand({
  name: 'results.objection.resolve',
  kind: 'mutation',
  access: HEAD,
  input: z.object({
    objectionId: id,
    decision: z.string().trim().min(2, '请填写处理决定').max(2000),
    outcome: z.enum(['upheld', 'rejected']),
    /** upheld: the subject to examine again (issue 7 §6) */
    subjectId: id.optional(),
  }),
  handler: (ctx, input) => {
    const r = resolveObjection(ctx.sqlite, ctx.clock.now().toISOString(), ctx.actor!.staffId, input);
    ctx.note({ ...input, rescore: r.rescore, amendment: r.amendment ? { batchId: r.amendment.batchId, before: { status: 'sealed' }, after: { status: 'amending' }, reason: input.decision } : null });
    return r;
  },
});

export const publicationSupplement = defineCommand({
  name: 'results.publication.supplement',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ batchId: id, startDate: ymd }),
  handler: (ctx, input) => {
    const r = openSupplement(ctx.sqlite, input.batchId, input.startDate, ctx.clock.now().toISOString(), ctx.actor!.staffId);
    ctx.note(r);
    return r;
  },
});

export const rescoreList = defineCommand({
  name: 'results.rescore.list',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => rescoresOf(ctx.sqlite, input.batchId),
});

const correction = z.number().min(0, '成绩须在 0–100 之间').max(100, '成绩须在 0–100 之间');

export const rescoreEnter = defineCommand({
  name: 'results.rescore.enter',
  kind: 'mutation',
  access: ['score_clerk'],
  input: z.object({ rescoreId: id, score: correction }),
  handler: (ctx, input) => {
    const r = enterCorrection(ctx.sqlite, ctx.clock.now().toISOString(), ctx.actor!.staffId, input);
    ctx.note({ ...input, ...r });
    return r;
  },
});

export const rescoreSettle = defineCommand({
  name: 'results.rescore.settle',
  kind: 'mutation',
  access: ['score_clerk', 'site_head'],
  input: z.object({ rescoreId: id, score: correction, note: z.string().trim().min(2, '请说明核对试卷的情况').max(1000) }),
  handler: (ctx, input) => {
    const r = settleCorrection(ctx.sqlite, ctx.clock.now().toISOString(), ctx.actor!.staffId, input);
    ctx.note({ ...input, ...r });
    return r;
  },
});

export const publicationEndCmd = defineCommand({
  name: 'results.publication.end',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ publicationId: id }),
  handler: (ctx, input) => {
    ctx.note(input);
    return endPublication(ctx.sqlite, input.publicationId, siteToday(ctx.clock));
  },
});

export const confirmationGet = defineCommand({
  name: 'results.confirmation',
  kind: 'query',
  access: READERS,
  input: z.object({ publicationId: id }),
  handler: (ctx, input) => confirmationSheets(ctx.sqlite, input.publicationId, siteToday(ctx.clock)),
});

export const formsExport = defineCommand({
  name: 'results.forms.xlsx',
  kind: 'query',
  access: READERS,
  input: z.object({
    batchId: id,
    form: z.enum(['summary', 'publication', 'sheets', 'blank', 'confirmation']),
    subjectId: id.optional(),
    publicationId: id.optional(),
  }),
  prepare: async (ctx, input): Promise<{ fileName: string; data: string }> => {
    const s = ctx.sqlite;
    let buf: Buffer;
    let name: string;
    switch (input.form) {
      case 'summary':
        buf = await summaryWorkbook(s, input.batchId);
        name = '成绩汇总表.xlsx';
        break;
      case 'publication':
        buf = await publicationWorkbook(s, input.batchId, input.publicationId);
        name = '公示名单.xlsx';
        break;
      case 'sheets':
      case 'blank':
        if (!input.subjectId) throw new AppError('BAD_INPUT', '请选择科目。', 'Choose a subject.');
        buf = await scoreSheetsWorkbook(s, input.batchId, input.subjectId, { blank: input.form === 'blank' });
        name = input.form === 'blank' ? '评分记录表（空白）.xlsx' : '评分记录表.xlsx';
        break;
      case 'confirmation':
        if (!input.publicationId) throw new AppError('BAD_INPUT', '请选择公示。', 'Choose a publication.');
        buf = await confirmationWorkbook(s, input.publicationId, siteToday(ctx.clock));
        name = '公示结果确认单.xlsx';
        break;
    }
    return { fileName: name, data: buf.toString('base64') };
  },
  handler: (_ctx, _input, prepared) => prepared,
});

export const printSummary = defineCommand({
  name: 'results.print.summary',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => summaryPrint(ctx.sqlite, input.batchId),
});

export const printRecordSheets = defineCommand({
  name: 'results.print.sheets',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id, subjectId: id }),
  handler: (ctx, input) => recordSheetsPrint(ctx.sqlite, input.batchId, input.subjectId),
});

export const resultsCommands = [
  resultsList,
  resultsOverviewCmd,
  calendarStatus,
  calendarLoad,
  publicationPreview,
  publicationBasisCmd,
  publicationOpen,
  publicationList_,
  objectionRecord,
  objectionInvestigate,
  objectionResolve,
  publicationEndCmd,
  publicationSupplement,
  rescoreList,
  rescoreEnter,
  rescoreSettle,
  confirmationGet,
  formsExport,
  printSummary,
  printRecordSheets,
] as const;
