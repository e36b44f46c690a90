// Scoring commands: standards (G3), examiner sheets (S5, S9), the chief's review (S4), theory import
// (G2) and paper double entry (G4). Thin doors: the input schema, who may call, the service calls.
import { z } from 'zod';
import { provePin, provePins } from '../services/auth';
import { actorOf } from '../services/context';
import { listBatches } from '../services/plan/queries';
import { guardPublishedTheory, settleRescores, settleTheoryByImport } from '../services/results/rescore';
import { enterPaperScore, paperEntryState, settlePaperMismatch } from '../services/scoring/paper';
import { reviewList, recordReview } from '../services/scoring/review';
import { setSpreadThreshold, spreadThreshold } from '../services/scoring/settings';
import { saveDraft, sheetEntry, sheetFor, myCandidates, submitSheet } from '../services/scoring/sheets';
import { sampleStandard, scoringSubjects as subjectsOf, setStandard, standardFor, standardItemInput } from '../services/scoring/standards';
import { withdrawableSheets, withdrawSheet } from '../services/scoring/withdraw';
import { confirmTheoryImport, listTheoryImports, stageTheoryImport, theoryImportDetail } from '../services/scoring/theory';
import { fileData } from '../workers/body';
import { readTheoryOffThread } from '../workers/pool';
import { toBuffer } from '../workers/protocol';
import { defineCommand } from './registry';

const id = z.number().int().positive();
const EXAMINERS = ['examiner', 'chief_examiner'] as const;
const CLERKS = ['score_clerk', 'site_head'] as const;
const READERS = ['site_head', 'admin', 'supervisor', 'score_clerk', 'chief_examiner'] as const;

export const scoringBatches = defineCommand({
  name: 'scoring.batches',
  kind: 'query',
  access: READERS,
  input: z.object({}),
  handler: (ctx) => listBatches(ctx.sqlite),
});

export const scoringSubjects = defineCommand({
  name: 'scoring.subjects',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => subjectsOf(ctx.sqlite, input.batchId),
});

export const scoringStandardGet = defineCommand({
  name: 'scoring.standard.get',
  kind: 'query',
  access: 'signedIn',
  input: z.object({ subjectId: id }),
  handler: (ctx, input) => ({ items: standardFor(ctx.sqlite, input.subjectId), sample: sampleStandard() }),
});

export const scoringStandardSet = defineCommand({
  name: 'scoring.standard.set',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ subjectId: id, items: z.array(standardItemInput).min(1).max(50) }),
  handler: (ctx, input) => setStandard(ctx, input),
});

export const scoringSettingsSet = defineCommand({
  name: 'scoring.settings.set',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, spreadThreshold: z.number().min(1, '阈值至少 1 分').max(50, '阈值至多 50 分') }),
  handler: (ctx, input) => setSpreadThreshold(ctx, input),
});

export const scoringSettingsGet = defineCommand({
  name: 'scoring.settings.get',
  kind: 'query',
  access: READERS,
  input: z.object({ batchId: id }),
  handler: (ctx, input) => ({ spreadThreshold: spreadThreshold(ctx.sqlite, input.batchId) }),
});

export const scoringMine = defineCommand({
  name: 'scoring.my.candidates',
  kind: 'query',
  access: EXAMINERS,
  input: z.object({}),
  handler: (ctx) => myCandidates(ctx.sqlite, actorOf(ctx).staffId),
});

export const scoringSheetGet = defineCommand({
  name: 'scoring.sheet.get',
  kind: 'query',
  access: EXAMINERS,
  input: z.object({ candidateId: id, subjectId: id }),
  handler: (ctx, input) => sheetFor(ctx.sqlite, actorOf(ctx).staffId, input),
});

export const scoringSheetSave = defineCommand({
  name: 'scoring.sheet.save',
  kind: 'mutation',
  access: EXAMINERS,
  input: z.object({ candidateId: id, subjectId: id, entries: z.array(sheetEntry).max(50) }),
  handler: (ctx, input) => saveDraft(ctx, input),
});

export const scoringSheetSubmit = defineCommand({
  name: 'scoring.sheet.submit',
  kind: 'mutation',
  access: EXAMINERS,
  input: z.object({
    candidateId: id,
    subjectId: id,
    entries: z.array(sheetEntry).max(50),
    pin: z.string().min(1, '请输入 PIN 签名').max(64),
    /** made on the tablet before the first attempt: a retried submit carries it again (S9: one sheet) */
    submitKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '提交编号格式不正确').optional(),
  }),
  // S9: the examiner's PIN is proven in the thread pool before the transaction (the doors keep answering)
  prepare: (ctx, input) => provePins(ctx, [{ staffId: actorOf(ctx).staffId, pin: input.pin }]),
  handler: (ctx, input, pins) => {
    const r = submitSheet(ctx, input, pins);
    // G5: the last sheet of a re-scoring round completes the re-examination (a replay did that the first time)
    const rescored = r.round > 1 && !r.replayed ? settleRescores(ctx, input) : [];
    ctx.note({ rescored });
    return { ...r, rescored };
  },
});

export const scoringReviewList = defineCommand({
  name: 'scoring.review.list',
  kind: 'query',
  access: ['chief_examiner', 'site_head', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => {
    const actor = actorOf(ctx);
    return reviewList(ctx.sqlite, actor.role === 'chief_examiner' ? actor.staffId : null);
  },
});

export const scoringReviewRecord = defineCommand({
  name: 'scoring.review.record',
  kind: 'mutation',
  access: ['chief_examiner'],
  input: z.object({ candidateId: id, subjectId: id, note: z.string().trim().min(2, '请填写复核意见').max(1000) }),
  handler: (ctx, input) => {
    const r = recordReview(ctx, input);
    const rescored = settleRescores(ctx, input);
    ctx.note({ rescored });
    return { ...r, rescored };
  },
});

/** S5: sheets of examiners replaced after submitting, in the chief's panels (every panel for the site head and supervisor). */
export const scoringWithdrawList = defineCommand({
  name: 'scoring.withdraw.list',
  kind: 'query',
  access: ['chief_examiner', 'site_head', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => {
    const actor = actorOf(ctx);
    return withdrawableSheets(ctx.sqlite, actor.role === 'chief_examiner' ? actor.staffId : null);
  },
});

/** S5/S9: the chief examiner withdraws a replaced examiner's sheet with a reason and their own PIN. */
export const scoringSheetWithdraw = defineCommand({
  name: 'scoring.sheet.withdraw',
  kind: 'mutation',
  access: ['chief_examiner'],
  input: z.object({ sheetId: id, reason: z.string().trim().min(2, '请写明撤回原因').max(500, '原因至多 500 字'), pin: z.string().min(1, '请输入 PIN 签名').max(64) }),
  // scrypt in the thread pool before the transaction (the doors keep answering)
  prepare: (ctx, input) => provePin(ctx, actorOf(ctx).staffNo, input.pin),
  handler: (ctx, input, proof) => withdrawSheet(ctx, input, proof),
});

const fileInput = z.object({ name: z.string().min(1).max(255), data: fileData(16 * 1024 * 1024, 1) });

export const theoryImport = defineCommand({
  name: 'theory.import',
  kind: 'mutation',
  access: CLERKS,
  input: z.object({ subjectId: id, file: fileInput }),
  // read and matched against the file's rules off the main thread: the door keeps answering
  prepare: (_ctx, input) => readTheoryOffThread(input.file.name, typeof input.file.data === 'string' ? Buffer.from(input.file.data, 'base64') : toBuffer(input.file.data)),
  handler: (ctx, input, read) => ({ ...stageTheoryImport(ctx, { subjectId: input.subjectId, fileName: input.file.name, ...read }), encoding: read.encoding }),
});

export const theoryImportGet = defineCommand({
  name: 'theory.import.get',
  kind: 'query',
  access: [...CLERKS, 'supervisor'],
  input: z.object({ importId: id }),
  handler: (ctx, input) => theoryImportDetail(ctx.sqlite, input.importId),
});

export const theoryImportList = defineCommand({
  name: 'theory.import.list',
  kind: 'query',
  access: [...CLERKS, 'supervisor'],
  input: z.object({ batchId: id }),
  handler: (ctx, input) => listTheoryImports(ctx.sqlite, input.batchId),
});

export const theoryImportConfirm = defineCommand({
  name: 'theory.import.confirm',
  kind: 'mutation',
  access: CLERKS,
  input: z.object({ importId: id }),
  handler: (ctx, input) => {
    const staged = theoryImportDetail(ctx.sqlite, input.importId);
    // G5: once published, a theory score changes only through an upheld objection
    guardPublishedTheory(ctx.sqlite, staged.subjectId, staged.report.matched);
    const r = confirmTheoryImport(ctx, input.importId);
    // G2 for a correction: a re-confirmed import completes the open theory re-examinations it scores
    const rescored = settleTheoryByImport(ctx, input);
    ctx.note({ importId: input.importId, confirmed: r.confirmed, rescored });
    return { ...r, rescored };
  },
});

const paperScore = z.number().min(0, '成绩须在 0–100 之间').max(100, '成绩须在 0–100 之间');

export const theoryPaperEnter = defineCommand({
  name: 'theory.paper.enter',
  kind: 'mutation',
  access: ['score_clerk'],
  input: z.object({ candidateId: id, subjectId: id, score: paperScore }),
  handler: (ctx, input) => enterPaperScore(ctx, input),
});

export const theoryPaperState = defineCommand({
  name: 'theory.paper.state',
  kind: 'query',
  access: [...CLERKS, 'supervisor'],
  input: z.object({ subjectId: id }),
  handler: (ctx, input) => paperEntryState(ctx.sqlite, input.subjectId),
});

export const theoryPaperSettle = defineCommand({
  name: 'theory.paper.settle',
  kind: 'mutation',
  access: CLERKS,
  input: z.object({ candidateId: id, subjectId: id, score: paperScore, note: z.string().trim().min(2, '请写明核对试卷的情况').max(500) }),
  handler: (ctx, input) => settlePaperMismatch(ctx, input),
});

export const scoringCommands = [
  scoringBatches,
  scoringSubjects,
  scoringStandardGet,
  scoringStandardSet,
  scoringSettingsSet,
  scoringSettingsGet,
  scoringMine,
  scoringSheetGet,
  scoringSheetSave,
  scoringSheetSubmit,
  scoringReviewList,
  scoringReviewRecord,
  scoringWithdrawList,
  scoringSheetWithdraw,
  theoryImport,
  theoryImportGet,
  theoryImportList,
  theoryImportConfirm,
  theoryPaperEnter,
  theoryPaperState,
  theoryPaperSettle,
] as const;
