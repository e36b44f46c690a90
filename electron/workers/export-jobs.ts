// The files the console builds for people to print or send (sign-in sheets and door lists, the
// arrangement, the supervision report, the plan export, the results forms, the yearly summary, the
// records archive): each as a job the export worker runs on its own read-only connection, so the
// reading and the building (exceljs, pdfkit, the zip) never hold the event loop the doors use.
// A job is plain data; its answer is what the command returns (base64 text, names, figures).
import { join } from 'node:path';
import type { Db, ReadSqlite, Sqlite } from '../../db';
import type { ReadContext } from '../services/context';
import { AppError } from '../services/errors';
import type { DoorRef } from '../services/checkin/door';
import type { MaterialClass } from '../services/records/classes';

export type ResultsForm = 'summary' | 'publication' | 'sheets' | 'blank' | 'confirmation';
export const FORM_NAMES: Record<ResultsForm, string> = { summary: '成绩汇总表.xlsx', publication: '公示名单.xlsx', sheets: '评分记录表.xlsx', blank: '评分记录表（空白）.xlsx', confirmation: '公示结果确认单.xlsx' };

export type ExportWork =
  | { kind: 'checkin.sheet'; door: DoorRef & { kind: 'signSheet' | 'doorList' } }
  | { kind: 'draw.paper'; batchId: number }
  | { kind: 'report.xlsx'; batchId: number }
  | { kind: 'plan.export'; batchId?: number | undefined; photos: boolean }
  | { kind: 'results.forms'; batchId: number; form: ResultsForm; subjectId?: number | undefined; publicationId?: number | undefined }
  | { kind: 'records.summary'; year: number; format: 'xlsx' | 'pdf' }
  /** the records archive (A2) built into dataDir/archives/.tmp; the command puts it in place once its transaction commits */
  | { kind: 'records.archive'; batchId: number; classes: MaterialClass[]; extra: [string, string][]; dataDir: string };

export function organisationName(ctx: { sqlite: ReadSqlite }): string {
  return (ctx.sqlite.prepare('SELECT name FROM organisations ORDER BY id LIMIT 1').get() as { name: string } | undefined)?.name ?? '';
}

/** The archive as written to the temporary folder: what the command records and puts in place. */
export interface BuiltArchive {
  temp: string;
  fileName: string;
  bagName: string;
  manifestSha256: string;
  fileSha256: string;
  byteSize: number;
  payloadOxum: string;
  figures: string;
  classes: MaterialClass[];
}

/**
 * Runs one export against a read context (the worker's own connection; the main thread's only where
 * there is no file to share). Each kind loads its builders when first asked for (a worker that only
 * prints sign-in sheets never loads the PDF fonts or the archive's zip writer).
 */
export async function runExport(ctx: ReadContext, work: ExportWork): Promise<unknown> {
  switch (work.kind) {
    case 'checkin.sheet': {
      const { sheetWorkbook } = await import('../services/checkin/paper');
      return sheetWorkbook(ctx, work.door);
    }
    case 'draw.paper': {
      const { arrangement, arrangementXlsx } = await import('../services/draw/paper');
      const data = arrangement(ctx, work.batchId);
      return { examDate: data.examDate, base64: (await arrangementXlsx(data)).toString('base64') };
    }
    case 'report.xlsx': {
      const { reportWorkbook } = await import('../services/incidents/report');
      return reportWorkbook(ctx, work.batchId);
    }
    case 'plan.export': {
      const { planExportFiles } = await import('../services/plan/export');
      return planExportFiles(ctx.sqlite, work.batchId, work.photos);
    }
    case 'results.forms':
      return { fileName: FORM_NAMES[work.form], data: (await resultsForm(ctx, work)).toString('base64') };
    case 'records.summary': {
      const [{ formPdf, formXlsx }, { summaryForm, yearlySummary }] = await Promise.all([import('../services/records/pdf'), import('../services/records/summary')]);
      const org = organisationName(ctx);
      const form = summaryForm(yearlySummary(ctx.sqlite, work.year), org);
      const bytes = work.format === 'pdf' ? await formPdf([form], { title: form.title, author: org || '考点通', createdAt: ctx.clock.now() }) : await formXlsx([form]);
      return { fileName: `${work.year}年度认定工作总结.${work.format}`, base64: bytes.toString('base64') };
    }
    case 'records.archive': {
      const { buildPayload, writeArchive } = await import('../services/records/archive');
      // buildPayload only reads; it is typed for the writable handles its other callers hold, and
      // here gets the read-only ones (a write would be refused by query_only, never made)
      const built = await buildPayload(ctx.db as Db, ctx.sqlite as Sqlite, ctx.clock, work.batchId, work.classes);
      const w = await writeArchive(join(work.dataDir, 'archives', '.tmp'), built, work.extra);
      const out: BuiltArchive = { temp: w.file, fileName: w.fileName, bagName: w.bagName, manifestSha256: w.manifestSha256, fileSha256: w.fileSha256, byteSize: w.byteSize, payloadOxum: w.payloadOxum, figures: JSON.stringify(built.index.figures), classes: work.classes };
      return out;
    }
  }
}

async function resultsForm(ctx: ReadContext, w: Extract<ExportWork, { kind: 'results.forms' }>): Promise<Buffer> {
  const [{ scoreSheetsWorkbook, summaryWorkbook }, { confirmationWorkbook, publicationWorkbook }] = await Promise.all([import('../services/results/forms'), import('../services/publication/forms')]);
  switch (w.form) {
    case 'summary':
      return summaryWorkbook(ctx.sqlite, w.batchId);
    case 'publication':
      return publicationWorkbook(ctx, w.batchId, w.publicationId);
    case 'sheets':
    case 'blank':
      if (!w.subjectId) throw new AppError('BAD_INPUT', 'results.pickSubject');
      return scoreSheetsWorkbook(ctx.sqlite, w.batchId, w.subjectId, { blank: w.form === 'blank' });
    case 'confirmation':
      if (!w.publicationId) throw new AppError('BAD_INPUT', 'results.pickPublication');
      return confirmationWorkbook(ctx, w.publicationId);
  }
}
