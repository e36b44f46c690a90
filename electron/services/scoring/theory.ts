// Theory scores. G2: the on-screen exam system's result file (xlsx or CSV in UTF-8 or GBK) is read,
// matched by ticket AND ID number, staged with its unmatched and duplicate rows, and a marker confirms.
// G4: paper theory is entered twice by two clerks; a mismatch blocks until someone checks the paper.
import ExcelJS from 'exceljs';
import type { Sqlite } from '../../../db';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import { decodeText, parseCsv } from '../plan/text';
import type { Clock } from '../runtime';

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
export interface TheoryReport {
  matched: MatchedRow[];
  unmatched: (TheoryRow & { problem: string })[];
  duplicates: (TheoryRow & { problem: string })[];
  /** candidates of the subject with no row in the file */
  missing: { candidateId: number; name: string; ticketNo: string }[];
}

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

async function readGrid(fileName: string, data: Buffer): Promise<{ grid: string[][]; encoding: string }> {
  if (/\.xlsx$/i.test(fileName)) {
    const wb = new ExcelJS.Workbook();
    try {
      // exceljs's own Buffer type differs from Node's newer generic Buffer
      await wb.xlsx.load(data as unknown as ArrayBuffer);
    } catch {
      throw new AppError('BAD_INPUT', `无法读取工作簿“${fileName}”，请确认是 .xlsx 文件。`, 'Cannot read the workbook.');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError('BAD_INPUT', '工作簿中没有工作表。', 'The workbook has no sheet.');
    const grid: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).text;
        cells.push(typeof v === 'string' ? v.trim() : '');
      }
      grid.push(cells);
    });
    return { grid, encoding: 'xlsx' };
  }
  if (/\.(csv|txt)$/i.test(fileName)) {
    const { text, encoding } = decodeText(data);
    return { grid: parseCsv(text).map((r) => r.map((c) => c.trim())), encoding: encoding === 'gb18030' ? 'gbk' : 'utf-8' };
  }
  throw new AppError('BAD_INPUT', '请上传智能化考试系统导出的成绩文件（.xlsx 或 .csv）。', 'Upload an .xlsx or .csv result file.');
}

/** Reads the file into rows; refuses a file without the ticket, ID number and score columns. */
export async function readTheoryFile(fileName: string, data: Buffer): Promise<{ rows: TheoryRow[]; encoding: string; digest: string }> {
  const { grid, encoding } = await readGrid(fileName, data);
  const headerAt = grid.findIndex((r) => findCol(r, HEADERS.ticket) >= 0 && findCol(r, HEADERS.score) >= 0);
  if (headerAt < 0) throw new AppError('BAD_INPUT', '成绩文件缺少表头：须有“准考证号”“身份证号”和“成绩”列。', 'Missing header row (准考证号, 身份证号, 成绩).');
  const header = grid[headerAt]!;
  const col = { ticket: findCol(header, HEADERS.ticket), doc: findCol(header, HEADERS.doc), name: findCol(header, HEADERS.name), score: findCol(header, HEADERS.score) };
  if (col.doc < 0) throw new AppError('BAD_INPUT', '成绩文件缺少“身份证号”列：须按准考证号和身份证号共同匹配（G2）。', 'Missing the ID number column.');
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
export function matchTheoryRows(sqlite: Sqlite, subjectId: number, rows: readonly TheoryRow[]): TheoryReport {
  const cands = sqlite
    .prepare(
      `SELECT c.id, c.name, c.ticket_no AS ticketNo, c.doc_number AS doc FROM candidates c JOIN candidate_subjects cs ON cs.candidate_id = c.id WHERE cs.subject_id = ?`,
    )
    .all(subjectId) as { id: number; name: string; ticketNo: string; doc: string }[];
  const byTicket = new Map(cands.map((c) => [c.ticketNo, c]));
  const report: TheoryReport = { matched: [], unmatched: [], duplicates: [], missing: [] };
  const seen = new Map<number, TheoryRow>();
  for (const row of rows) {
    const c = byTicket.get(row.ticketNo);
    if (!c) {
      report.unmatched.push({ ...row, problem: '准考证号不在本科目考生中' });
      continue;
    }
    if (c.doc.toUpperCase() !== row.docNumber) {
      report.unmatched.push({ ...row, problem: '准考证号与身份证号不属于同一考生' });
      continue;
    }
    if (row.score === null) {
      report.unmatched.push({ ...row, problem: `成绩“${row.raw}”不是 0–100 的数` });
      continue;
    }
    const first = seen.get(c.id);
    if (first) {
      report.duplicates.push({ ...row, problem: `与第 ${first.line} 行为同一考生` });
      continue;
    }
    seen.set(c.id, row);
    report.matched.push({ ...row, candidateId: c.id, score: row.score });
  }
  // a candidate whose rows are duplicated is not taken from either row: the marker must look
  const dupIds = new Set(report.duplicates.map((d) => byTicket.get(d.ticketNo)!.id));
  report.matched = report.matched.filter((m) => {
    if (!dupIds.has(m.candidateId)) return true;
    report.duplicates.push({ ...m, problem: '同一考生有多行成绩' });
    return false;
  });
  for (const c of cands) if (!seen.has(c.id)) report.missing.push({ candidateId: c.id, name: c.name, ticketNo: c.ticketNo });
  return report;
}

function theorySubject(sqlite: Sqlite, subjectId: number): { id: number; batchId: number; mode: string } {
  const s = sqlite.prepare('SELECT id, batch_id AS batchId, kind, mode FROM subjects WHERE id = ?').get(subjectId) as { id: number; batchId: number; kind: string; mode: string } | undefined;
  if (!s) throw new AppError('NOT_FOUND', '找不到该科目。', 'No such subject.');
  if (s.kind !== 'theory') throw new AppError('BAD_INPUT', '只有理论知识科目可导入理论成绩。', 'Only theory subjects take theory scores.');
  return s;
}

/** Stages an import (pending) with its report; nothing counts until a marker confirms it. */
export function stageTheoryImport(
  sqlite: Sqlite,
  clock: Clock,
  actorId: number,
  input: { subjectId: number; fileName: string; encoding: string; digest: string; rows: TheoryRow[] },
) {
  const subject = theorySubject(sqlite, input.subjectId);
  if (input.rows.length === 0) throw new AppError('BAD_INPUT', '成绩文件没有数据行。', 'The file has no rows.');
  const report = matchTheoryRows(sqlite, input.subjectId, input.rows);
  const id = sqlite
    .prepare('INSERT INTO theory_imports (batch_id, subject_id, file_name, encoding, digest, status, report, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(subject.batchId, input.subjectId, input.fileName, input.encoding, input.digest, 'pending', canonicalJson(report), clock.now().toISOString(), actorId).lastInsertRowid;
  return { importId: Number(id), report: { matched: report.matched.length, unmatched: report.unmatched, duplicates: report.duplicates, missing: report.missing } };
}

export function theoryImportDetail(sqlite: Sqlite, importId: number) {
  const row = sqlite.prepare('SELECT * FROM theory_imports WHERE id = ?').get(importId) as
    | { id: number; subject_id: number; file_name: string; encoding: string; status: string; report: string; imported_at: string; confirmed_at: string | null }
    | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到该次导入。', 'No such import.');
  return {
    id: row.id,
    subjectId: row.subject_id,
    fileName: row.file_name,
    encoding: row.encoding,
    status: row.status,
    importedAt: row.imported_at,
    confirmedAt: row.confirmed_at,
    report: JSON.parse(row.report) as TheoryReport,
  };
}

/** G2: the marker reviewed the staged scores and confirms them; only now do they count. */
export function confirmTheoryImport(sqlite: Sqlite, clock: Clock, actorId: number, importId: number) {
  const imp = theoryImportDetail(sqlite, importId);
  if (imp.status !== 'pending') throw new AppError('CONFLICT', '该次导入已处理，不能重复确认。', 'The import is not pending.');
  const now = clock.now().toISOString();
  const up = sqlite.prepare(
    `INSERT INTO theory_scores (candidate_id, subject_id, score, source, import_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, 'computer', ?, ?, ?)
     ON CONFLICT (candidate_id, subject_id) DO UPDATE SET score = excluded.score, source = excluded.source, import_id = excluded.import_id, confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
  );
  for (const m of imp.report.matched) up.run(m.candidateId, imp.subjectId, m.score, importId, now, actorId);
  sqlite.prepare("UPDATE theory_imports SET status = 'confirmed', confirmed_at = ?, confirmed_by = ? WHERE id = ?").run(now, actorId, importId);
  return { confirmed: imp.report.matched.length };
}

export function listTheoryImports(sqlite: Sqlite, batchId: number) {
  return sqlite
    .prepare(
      `SELECT ti.id, ti.subject_id AS subjectId, ti.file_name AS fileName, ti.encoding, ti.status, ti.imported_at AS importedAt, ti.confirmed_at AS confirmedAt,
              a.name AS importedBy, b.name AS confirmedBy
       FROM theory_imports ti LEFT JOIN staff a ON a.id = ti.imported_by LEFT JOIN staff b ON b.id = ti.confirmed_by WHERE ti.batch_id = ? ORDER BY ti.id DESC`,
    )
    .all(batchId);
}

// ---- G4: paper double entry ----

/** A clerk's entry. Pass 1 and pass 2 must come from two different clerks; an entry is never overwritten. */
export function enterPaperScore(sqlite: Sqlite, clock: Clock, clerkId: number, input: { candidateId: number; subjectId: number; score: number }) {
  theorySubject(sqlite, input.subjectId);
  const sits = sqlite.prepare('SELECT 1 FROM candidate_subjects WHERE candidate_id = ? AND subject_id = ?').get(input.candidateId, input.subjectId);
  if (!sits) throw new AppError('NOT_FOUND', '该考生不考此科目。', 'The candidate does not sit this subject.');
  if (Math.round(input.score * 10) !== input.score * 10) throw new AppError('BAD_INPUT', '成绩最多一位小数。', 'One decimal at most.');
  const entries = sqlite.prepare('SELECT pass, clerk_id AS clerkId, score FROM paper_entries WHERE candidate_id = ? AND subject_id = ? ORDER BY pass').all(input.candidateId, input.subjectId) as {
    pass: number;
    clerkId: number;
    score: number;
  }[];
  if (entries.some((e) => e.clerkId === clerkId)) throw new AppError('CONFLICT', '您已录入过该考生的成绩；复核须由另一名登分人员录入（G4）。', 'The second entry must be by another clerk.');
  if (entries.length >= 2) throw new AppError('CONFLICT', '该考生成绩已两次录入。', 'Both entries exist.');
  const pass = entries.length + 1;
  const now = clock.now().toISOString();
  sqlite.prepare('INSERT INTO paper_entries (candidate_id, subject_id, pass, clerk_id, score, at) VALUES (?, ?, ?, ?, ?, ?)').run(input.candidateId, input.subjectId, pass, clerkId, input.score, now);
  if (pass === 2) {
    const first = entries[0]!;
    if (first.score === input.score) {
      upsertPaperScore(sqlite, input.candidateId, input.subjectId, input.score, now, clerkId);
      return { pass, state: 'agreed' as const };
    }
    return { pass, state: 'mismatch' as const };
  }
  return { pass, state: 'waiting' as const };
}

function upsertPaperScore(sqlite: Sqlite, candidateId: number, subjectId: number, score: number, at: string, by: number): void {
  sqlite
    .prepare(
      `INSERT INTO theory_scores (candidate_id, subject_id, score, source, import_id, confirmed_at, confirmed_by) VALUES (?, ?, ?, 'paper', NULL, ?, ?)
       ON CONFLICT (candidate_id, subject_id) DO UPDATE SET score = excluded.score, source = 'paper', confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
    )
    .run(candidateId, subjectId, score, at, by);
}

/** G4: the mismatches side by side, each with both entries and who made them. */
export function paperEntryState(sqlite: Sqlite, subjectId: number) {
  return sqlite
    .prepare(
      `SELECT c.id AS candidateId, c.name, c.ticket_no AS ticketNo,
              e1.score AS first, s1.name AS firstClerk, e2.score AS second, s2.name AS secondClerk,
              ps.score AS settled, ps.note AS settleNote, s3.name AS settledBy, ts.score AS final
       FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id
       LEFT JOIN paper_entries e1 ON e1.candidate_id = c.id AND e1.subject_id = cs.subject_id AND e1.pass = 1 LEFT JOIN staff s1 ON s1.id = e1.clerk_id
       LEFT JOIN paper_entries e2 ON e2.candidate_id = c.id AND e2.subject_id = cs.subject_id AND e2.pass = 2 LEFT JOIN staff s2 ON s2.id = e2.clerk_id
       LEFT JOIN paper_settlements ps ON ps.candidate_id = c.id AND ps.subject_id = cs.subject_id LEFT JOIN staff s3 ON s3.id = ps.settled_by
       LEFT JOIN theory_scores ts ON ts.candidate_id = c.id AND ts.subject_id = cs.subject_id
       WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
    )
    .all(subjectId) as {
    candidateId: number;
    name: string;
    ticketNo: string;
    first: number | null;
    firstClerk: string | null;
    second: number | null;
    secondClerk: string | null;
    settled: number | null;
    settleNote: string | null;
    settledBy: string | null;
    final: number | null;
  }[];
}

/** G4: settles a mismatch by the paper: the score on the paper and a note of who checked it. */
export function settlePaperMismatch(sqlite: Sqlite, clock: Clock, actorId: number, input: { candidateId: number; subjectId: number; score: number; note: string }) {
  const e = sqlite.prepare('SELECT pass, score FROM paper_entries WHERE candidate_id = ? AND subject_id = ? ORDER BY pass').all(input.candidateId, input.subjectId) as { pass: number; score: number }[];
  if (e.length < 2) throw new AppError('CONFLICT', '两次录入尚未完成，无需核对。', 'Both entries are not in yet.');
  if (e[0]!.score === e[1]!.score) throw new AppError('CONFLICT', '两次录入一致，无需核对。', 'The entries agree.');
  const done = sqlite.prepare('SELECT 1 FROM paper_settlements WHERE candidate_id = ? AND subject_id = ?').get(input.candidateId, input.subjectId);
  if (done) throw new AppError('CONFLICT', '该不一致已核对处理。', 'Already settled.');
  const now = clock.now().toISOString();
  sqlite.prepare('INSERT INTO paper_settlements (candidate_id, subject_id, score, note, settled_by, at) VALUES (?, ?, ?, ?, ?, ?)').run(input.candidateId, input.subjectId, input.score, input.note, actorId, now);
  upsertPaperScore(sqlite, input.candidateId, input.subjectId, input.score, now, actorId);
  return { score: input.score, entries: e.map((x) => x.score) };
}
