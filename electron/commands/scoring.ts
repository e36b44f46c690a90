// Scoring commands (issue 7): standards, examiner sheets, the chief's review, theory import and
// paper double entry. Services do the work; these say who may call and with what.
import { z } from 'zod';
import { listBatches } from '../services/plan/queries';
import { spreadThreshold } from '../services/results/compile';
import { reviewList, recordReview } from '../services/scoring/review';
import { saveDraft, sheetEntry, sheetFor, myCandidates, submitSheet } from '../services/scoring/sheets';
import { sampleStandard, setStandard, standardFor, standardItemInput } from '../services/scoring/standards';
import {
  confirmTheoryImport,
  enterPaperScore,
  listTheoryImports,
  paperEntryState,
  readTheoryFile,
  settlePaperMismatch,
  stageTheoryImport,
  theoryImportDetail,
} from '../services/scoring/theory';
import { guardPublishedTheory, settleRescores, settleTheoryByImport } from '../services/results/rescore';
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
  handler: (ctx, input) =>
    ctx.sqlite
      .prepare(
        `SELECT su.id, su.kind, su.mode, o.name AS occupation, o.work_type_name AS workType, o.level,
                (SELECT COUNT(*) FROM scoring_items i WHERE i.subject_id = su.id) AS items,
                (SELECT COUNT(*) FROM candidate_subjects cs WHERE cs.subject_id = su.id) AS candidates
         FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.batch_id = ? ORDER BY o.code, o.level, su.kind = 'theory' DESC`,
      )
      .all(input.batchId) as { id: number; kind: string; mode: string; occupation: string; workType: string | null; level: number; items: number; candidates: number }[],
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
  handler: (ctx, input) => {
    const before = standardFor(ctx.sqlite, input.subjectId);
    const after = setStandard(ctx.sqlite, input.subjectId, input.items);
    ctx.note({ subjectId: input.subjectId, before, after });
    return after;
  },
});

export const scoringSettingsSet = defineCommand({
  name: 'scoring.settings.set',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id, spreadThreshold: z.number().min(1, '阈值至少 1 分').max(50, '阈值至多 50 分') }),
  handler: (ctx, input) => {
    ctx.sqlite
      .prepare('INSERT INTO scoring_settings (batch_id, spread_threshold) VALUES (?, ?) ON CONFLICT (batch_id) DO UPDATE SET spread_threshold = excluded.spread_threshold')
      .run(input.batchId, input.spreadThreshold);
    ctx.note({ batchId: input.batchId, spreadThreshold: input.spreadThreshold });
    return { spreadThreshold: input.spreadThreshold };
  },
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
  handler: (ctx) => myCandidates(ctx.sqlite, ctx.actor!.staffId),
});

export const scoringSheetGet = defineCommand({
  name: 'scoring.sheet.get',
  kind: 'query',
  access: EXAMINERS,
  input: z.object({ candidateId: id, subjectId: id }),
  handler: (ctx, input) => sheetFor(ctx.sqlite, ctx.actor!.staffId, input.candidateId, input.subjectId),
});

export const scoringSheetSave = defineCommand({
  name: 'scoring.sheet.save',
  kind: 'mutation',
  access: EXAMINERS,
  input: z.object({ candidateId: id, subjectId: id, entries: z.array(sheetEntry).max(50) }),
  handler: (ctx, input) => {
    const r = saveDraft(ctx.sqlite, ctx.clock, ctx.actor!.staffId, input);
    ctx.note({ candidateId: input.candidateId, subjectId: input.subjectId, draft: true });
    return r;
  },
});

export const scoringSheetSubmit = defineCommand({
  name: 'scoring.sheet.submit',
  kind: 'mutation',
  access: EXAMINERS,
  input: z.object({ candidateId: id, subjectId: id, entries: z.array(sheetEntry).max(50), pin: z.string().min(1, '请输入 PIN 签名') }),
  handler: (ctx, input) => {
    const r = submitSheet(ctx.db, ctx.sqlite, ctx.clock, ctx.actor!.staffId, input);
    // issue 7 §6: the last sheet of a re-scoring round completes the re-examination
    const rescored = r.round > 1 ? settleRescores(ctx.sqlite, r.submittedAt, input.candidateId, input.subjectId) : [];
    ctx.note({ candidateId: input.candidateId, subjectId: input.subjectId, round: r.round, total: r.total, signature: r.signature, rescored });
    return { ...r, rescored };
  },
});

export const scoringReviewList = defineCommand({
  name: 'scoring.review.list',
  kind: 'query',
  access: ['chief_examiner', 'site_head', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => reviewList(ctx.sqlite, ctx.actor!.role === 'chief_examiner' ? ctx.actor!.staffId : null),
});

export const scoringReviewRecord = defineCommand({
  name: 'scoring.review.record',
  kind: 'mutation',
  access: ['chief_examiner'],
  input: z.object({ candidateId: id, subjectId: id, note: z.string().trim().min(2, '请填写复核意见').max(1000) }),
  handler: (ctx, input) => {
    const r = recordReview(ctx.sqlite, ctx.clock, ctx.actor!.staffId, input);
    const rescored = settleRescores(ctx.sqlite, r.at, input.candidateId, input.subjectId);
    ctx.note({ ...input, spread: r.spread, rescored });
    return { ...r, rescored };
  },
});

const fileInput = z.object({ name: z.string().min(1).max(255), data: z.string().min(1).max(16 * 1024 * 1024) });

export const theoryImport = defineCommand({
  name: 'theory.import',
  kind: 'mutation',
  access: CLERKS,
  input: z.object({ subjectId: id, file: fileInput }),
  prepare: (_ctx, input) => readTheoryFile(input.file.name, Buffer.from(input.file.data, 'base64')),
  handler: (ctx, input, read) => {
    const r = stageTheoryImport(ctx.sqlite, ctx.clock, ctx.actor!.staffId, { subjectId: input.subjectId, fileName: input.file.name, ...read });
    ctx.note({
      importId: r.importId,
      fileName: input.file.name,
      encoding: read.encoding,
      digest: read.digest,
      matched: r.report.matched,
      unmatched: r.report.unmatched.length,
      duplicates: r.report.duplicates.length,
    });
    return { ...r, encoding: read.encoding };
  },
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
  handler: (ctx, input) =>
    listTheoryImports(ctx.sqlite, input.batchId) as {
      id: number;
      subjectId: number;
      fileName: string;
      encoding: string;
      status: string;
      importedAt: string;
      confirmedAt: string | null;
      importedBy: string | null;
      confirmedBy: string | null;
    }[],
});

export const theoryImportConfirm = defineCommand({
  name: 'theory.import.confirm',
  kind: 'mutation',
  access: CLERKS,
  input: z.object({ importId: id }),
  handler: (ctx, input) => {
    const staged = theoryImportDetail(ctx.sqlite, input.importId);
    guardPublishedTheory(ctx.sqlite, staged.subjectId, staged.report.matched);
    const r = confirmTheoryImport(ctx.sqlite, ctx.clock, ctx.actor!.staffId, input.importId);
    // G2 for a correction: a re-confirmed import completes the open theory re-examinations it scores
    const rescored = settleTheoryByImport(ctx.sqlite, ctx.clock.now().toISOString(), input.importId);
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
  handler: (ctx, input) => {
    const r = enterPaperScore(ctx.sqlite, ctx.clock, ctx.actor!.staffId, input);
    ctx.note({ ...input, pass: r.pass, state: r.state });
    return r;
  },
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
  handler: (ctx, input) => {
    const r = settlePaperMismatch(ctx.sqlite, ctx.clock, ctx.actor!.staffId, input);
    ctx.note({ ...input, entries: r.entries });
    return r;
  },
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
  theoryImport,
  theoryImportGet,
  theoryImportList,
  theoryImportConfirm,
  theoryPaperEnter,
  theoryPaperState,
  theoryPaperSettle,
] as const;
