// G2: the on-screen exam system's result file (xlsx, or CSV in UTF-8 or GBK) read into rows and
// matched to the subject's candidates by ticket AND ID number. Each row that cannot be taken carries
// a problem code (`scoring.theory.problem.<reason>`) the theory page words.
import { z } from 'zod';
import type { ReadSqlite } from '../../../db';
import type { TheoryFileEncoding } from '../../../db/schema/scoring';
import { sha256Hex } from '../canonical';
import { AppError, type Issue } from '../errors';
import { CsvFormatError, readCsvBytes } from '../plan/text';
import { readXlsx, XlsxFormatError, type XlsxSheet } from '../plan/xlsx';
import { ZipFormatError } from '../plan/zip';

export interface TheoryRow {
  line: number;
  ticketNo: string;
  docNumber: string;
  name: string;
  score: number | null;
  raw: string;
}
export interface MatchedRow extends TheoryRow {
  candidateId: number;
  score: number;
}
/** a row not taken and why: a code, or (imports staged by earlier versions) the sentence it was stored with */
export type ProblemRow = TheoryRow & { problem: Issue | string };
export interface TheoryReport {
  matched: MatchedRow[];
  unmatched: ProblemRow[];
  duplicates: ProblemRow[];
  /** candidates of the subject with no row in the file */
  missing: { candidateId: number; name: string; ticketNo: string }[];
}

const rowSchema = z.object({ line: z.number(), ticketNo: z.string(), docNumber: z.string(), name: z.string(), score: z.number().nullable(), raw: z.string() });
const problemSchema = z.union([z.object({ reason: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }), z.string()]);
/** The report as theory_imports stores it (canonical JSON), read back through this schema. */
export const theoryReportSchema = z.object({
  matched: z.array(rowSchema.extend({ candidateId: z.number(), score: z.number() })),
  unmatched: z.array(rowSchema.extend({ problem: problemSchema })),
  duplicates: z.array(rowSchema.extend({ problem: problemSchema })),
  missing: z.array(z.object({ candidateId: z.number(), name: z.string(), ticketNo: z.string() })),
});

const HEADERS = {
  ticket: ['准考证号', '准考证', '考号', 'ticket'],
  doc: ['身份证号', '身份证号码', '证件号码', '证件号', 'idnumber', 'id'],
  name: ['姓名', 'name'],
  score: ['成绩', '总分', '得分', '理论成绩', '分数', 'score'],
};

function findCol(header: string[], names: string[]): number {
  const norm = header.map((h) => h.replace(/\s+/g, '').toLowerCase());
  for (const n of names) {
    const i = norm.indexOf(n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** The first sheet's cells that hold a value (xlsx.ts: a far-right cell costs nothing), under WORKBOOK_LIMITS. */
async function readWorkbook(fileName: string, data: Buffer): Promise<string[][]> {
  let sheets: XlsxSheet[];
  try {
    sheets = await readXlsx(data, fileName, { firstSheetOnly: true });
  } catch (e) {
    if (e instanceof XlsxFormatError || e instanceof ZipFormatError) throw new AppError('BAD_INPUT', 'scoring.theoryUnreadable', { file: fileName });
    throw e;
  }
  const ws = sheets[0];
  if (!ws) throw new AppError('BAD_INPUT', 'scoring.theoryNoSheet');
  return ws.rows;
}

async function readGrid(fileName: string, data: Buffer): Promise<{ grid: string[][]; encoding: TheoryFileEncoding }> {
  if (/\.xlsx$/i.test(fileName)) return { grid: await readWorkbook(fileName, data), encoding: 'xlsx' };
  if (/\.(csv|txt)$/i.test(fileName)) {
    let read: { rows: string[][]; encoding: 'utf-8' | 'gb18030' };
    try {
      read = readCsvBytes(data, fileName);
    } catch (e) {
      if (e instanceof CsvFormatError) throw new AppError('BAD_INPUT', 'scoring.theoryCsvUnreadable', { file: fileName });
      throw e;
    }
    return { grid: read.rows.map((r) => r.map((c) => c.trim())), encoding: read.encoding === 'gb18030' ? 'gbk' : 'utf-8' };
  }
  throw new AppError('BAD_INPUT', 'scoring.theoryFileType', { file: fileName });
}

/** Reads the file into rows; refuses a file without the ticket, ID number and score columns. */
export async function readTheoryFile(fileName: string, data: Buffer): Promise<{ rows: TheoryRow[]; encoding: TheoryFileEncoding; digest: string }> {
  const { grid, encoding } = await readGrid(fileName, data);
  const headerAt = grid.findIndex((r) => findCol(r, HEADERS.ticket) >= 0 && findCol(r, HEADERS.score) >= 0);
  if (headerAt < 0) throw new AppError('BAD_INPUT', 'scoring.theoryNoHeader');
  const header = grid[headerAt]!;
  const col = { ticket: findCol(header, HEADERS.ticket), doc: findCol(header, HEADERS.doc), name: findCol(header, HEADERS.name), score: findCol(header, HEADERS.score) };
  if (col.doc < 0) throw new AppError('BAD_INPUT', 'scoring.theoryNoDocColumn');
  const rows: TheoryRow[] = [];
  for (let i = headerAt + 1; i < grid.length; i++) {
    const r = grid[i]!;
    if (r.every((c) => c === '')) continue;
    const scoreText = r[col.score] ?? '';
    const n = /^\d{1,3}(\.\d+)?$/.test(scoreText) ? Number(scoreText) : NaN;
    rows.push({
      line: i + 1,
      ticketNo: r[col.ticket] ?? '',
      docNumber: (r[col.doc] ?? '').toUpperCase(),
      name: col.name >= 0 ? (r[col.name] ?? '') : '',
      score: Number.isFinite(n) && n >= 0 && n <= 100 ? n : null,
      raw: scoreText,
    });
  }
  return { rows, encoding, digest: sha256Hex(data) };
}

/** Matches rows to the subject's candidates: both the ticket and the ID number must agree. */
export function matchTheoryRows(sqlite: ReadSqlite, subjectId: number, rows: readonly TheoryRow[]): TheoryReport {
  const cands = sqlite
    .prepare<[number], { id: number; name: string; ticketNo: string; doc: string }>(
      `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ?`,
    )
    .all(subjectId);
  const byTicket = new Map(cands.map((c) => [c.ticketNo, c]));
  const report: TheoryReport = { matched: [], unmatched: [], duplicates: [], missing: [] };
  const seen = new Map<number, TheoryRow>();
  for (const row of rows) {
    const c = byTicket.get(row.ticketNo);
    if (!c) report.unmatched.push({ ...row, problem: { reason: 'ticketUnknown' } });
    else if (c.doc.toUpperCase() !== row.docNumber) report.unmatched.push({ ...row, problem: { reason: 'docMismatch' } });
    else if (row.score === null) report.unmatched.push({ ...row, problem: { reason: 'scoreInvalid', params: { raw: row.raw } } });
    else if (seen.has(c.id)) report.duplicates.push({ ...row, problem: { reason: 'duplicateOf', params: { line: seen.get(c.id)!.line } } });
    else {
      seen.set(c.id, row);
      report.matched.push({ ...row, candidateId: c.id, score: row.score });
    }
  }
  // a candidate whose rows are duplicated is not taken from either row: the marker must look
  const dupIds = new Set(report.duplicates.map((d) => byTicket.get(d.ticketNo)!.id));
  report.matched = report.matched.filter((m) => {
    if (!dupIds.has(m.candidateId)) return true;
    report.duplicates.push({ ...m, problem: { reason: 'multipleRows' } });
    return false;
  });
  for (const c of cands) if (!seen.has(c.id)) report.missing.push({ candidateId: c.id, name: c.name, ticketNo: c.ticketNo });
  return report;
}
