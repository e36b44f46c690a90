// Results and publication commands: compile, figures, the calendar, 公示 and objections, forms.
// Thin doors: the input schema, who may call, one service call.
import { z } from 'zod';
import { siteDate } from '../domain/vocabulary';
import { batchStatus, moveBatch } from '../services/batch';
import { confirmationSheets } from '../services/publication/confirmation';
import { endPublication, openPublication, openSupplement, publicationsOf } from '../services/publication/lifecycle';
import { publicationBasis } from '../services/publication/list';
import { investigateObjection, objectionsOf, recordObjection, resolveObjection } from '../services/publication/objections';
import { WorkCalendar, loadSchedule, nextWorkday, publicationEnd, scheduleInput } from '../services/results/calendar';
import { compileResults } from '../services/results/compile';
import { resultsOverview } from '../services/results/overview';
import { recordSheetsPrint, summaryPrint } from '../services/results/print';
import { enterCorrection, rescoresOf, settleCorrection } from '../services/results/rescore';
import { exportOffThread } from '../workers/export-pool';
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
  handler: (ctx) => {
    const cal = new WorkCalendar(ctx.sqlite);
    const today = siteDate(ctx.clock.now());
    // G5: a publication starts by default on the next working day of the site's clock
    return { years: cal.coveredYears(), today, nextWorkday: nextWorkday(cal, today) };
  },
});

export const calendarLoad = defineCommand({
  name: 'results.calendar.load',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ schedule: scheduleInput, confirmReplace: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
  handler: (ctx, input) => loadSchedule(ctx, input.schedule, { confirmReplace: input.confirmReplace }),
});

export const publicationPreview = defineCommand({
  name: 'results.publication.preview',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id, startDate: ymd }),
  handler: (ctx, input) => ({ startDate: input.startDate, endDate: publicationEnd(new WorkCalendar(ctx.sqlite), input.startDate), basis: publicationBasis(ctx.sqlite, input.batchId) }),
});

/** S9, G5: which sealed version a publication would show now, or why there is none yet. */
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
  handler: (ctx, input) => openPublication(ctx, input),
});

export const publicationList_ = defineCommand({
  name: 'results.publication.list',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => {
    const today = siteDate(ctx.clock.now());
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
  handler: (ctx, input) => recordObjection(ctx, input),
});

export const objectionInvestigate = defineCommand({
  name: 'results.objection.investigate',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ objectionId: id, investigation: z.string().trim().min(2, '请填写调查情况').max(2000) }),
  handler: (ctx, input) => investigateObjection(ctx, input),
});

export const objectionResolve = defineCommand({
  name: 'results.objection.resolve',
  kind: 'mutation',
  access: HEAD,
  input: z.object({
    objectionId: id,
    decision: z.string().trim().min(2, '请填写处理决定').max(2000),
    outcome: z.enum(['upheld', 'rejected']),
    /** upheld: the subject to examine again (G5) */
    subjectId: id.optional(),
  }),
  handler: (ctx, input) => {
    const r = resolveObjection(ctx, input);
    // G7: the published results are sealed; re-examining a subject reopens the batch as an amendment
    // (the sealed versions stay as they are), to be sealed again before it is published again. The
    // batch lifecycle moves it (sealed → amending); the seal area seals the amendment later.
    let amendment: { batchId: number; status: 'amending' } | null = null;
    if (r.rescore && r.batchId !== null && batchStatus(ctx.db, r.batchId) === 'sealed') {
      moveBatch(ctx, r.batchId, 'amending');
      amendment = { batchId: r.batchId, status: 'amending' };
      ctx.note({ amendment: { batchId: r.batchId, before: { status: 'sealed' }, after: { status: 'amending' }, reason: input.decision } });
    }
    return { status: r.status, rescore: r.rescore, amendment };
  },
});

export const publicationSupplement = defineCommand({
  name: 'results.publication.supplement',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ batchId: id, startDate: ymd }),
  handler: (ctx, input) => openSupplement(ctx, input),
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
  handler: (ctx, input) => enterCorrection(ctx, input),
});

export const rescoreSettle = defineCommand({
  name: 'results.rescore.settle',
  kind: 'mutation',
  access: ['score_clerk', 'site_head'],
  input: z.object({ rescoreId: id, score: correction, note: z.string().trim().min(2, '请说明核对试卷的情况').max(1000) }),
  handler: (ctx, input) => settleCorrection(ctx, input),
});

export const publicationEndCmd = defineCommand({
  name: 'results.publication.end',
  kind: 'mutation',
  access: HEAD,
  input: z.object({ publicationId: id }),
  handler: (ctx, input) => endPublication(ctx, input),
});

export const confirmationGet = defineCommand({
  name: 'results.confirmation',
  kind: 'query',
  access: READERS,
  input: z.object({ publicationId: id }),
  handler: (ctx, input) => confirmationSheets(ctx, input.publicationId),
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
  prepare: (ctx, input) =>
    exportOffThread<{ fileName: string; data: string }>(ctx, { kind: 'results.forms', batchId: input.batchId, form: input.form, subjectId: input.subjectId, publicationId: input.publicationId }),
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
