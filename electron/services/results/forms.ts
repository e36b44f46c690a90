// G6: the results forms as xlsx: 成绩汇总表 and 评分记录表 (per candidate, with the examiners' names;
// blank for paper-first sites). The publication's forms (公示名单, 确认单) are the publication's.
// Chinese here is the forms' own, from the domain vocabulary.
import ExcelJS from 'exceljs';
import type { ReadSqlite } from '../../../db';
import { LEVEL_ZH, SUBJECT_KIND_RESULT_ZH, occupationZh } from '../../domain/vocabulary';
import { compileResults, subjectRemarkZh, type CandidateResult } from './compile';
import { itemCell, recordRounds, recordSubject, type RecordRound } from './sheets-record';
import { summaryRows } from './summary';
import { addRows, batchHead, grid, title } from './xlsx';

export { neutralise } from './xlsx';

/** 成绩汇总表: one row per candidate, a column per subject kind, 是否通过 and remarks. */
export async function summaryWorkbook(sqlite: ReadSqlite, batchId: number): Promise<Buffer> {
  const b = batchHead(sqlite, batchId);
  const docs = new Map(sqlite.prepare<[number], { id: number; d: string; g: string | null }>('SELECT id, doc_number AS d, gender AS g FROM candidates WHERE batch_id = ?').all(batchId).map((r) => [r.id, r]));
  // the full ID number on the office's own summary (the print masks it)
  const { columns, rows } = summaryRows(compileResults(sqlite, batchId), (r) => docs.get(r.candidateId)?.d ?? '', (r) => docs.get(r.candidateId)?.g ?? '', (s) => s.score ?? '');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩汇总表');
  title(ws, '技能等级认定考生成绩汇总表', columns.length);
  addRows(ws, [[`评价机构：${b.orgName}`], [`认定计划号：${b.planCode}　批次：${b.name}　考试日期：${b.examDate}`]]);
  const start = ws.rowCount + 1;
  addRows(ws, [columns]);
  ws.getRow(ws.rowCount).font = { bold: true };
  addRows(ws, rows);
  grid(ws, start);
  addRows(ws, [[], ['统分人（签名）：', '', '', '复核人（签名）：', '', '', '督导员（签名）：']]);
  ws.columns.forEach((c, i) => (c.width = [6, 12, 6, 22, 14, 22, 14][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface RecordCandidate {
  id: number;
  name: string;
  ticketNo: string;
  room: string | null;
  seat: string | null;
}

/** One block of the 评分记录表: a candidate's round (or a blank form) with its items and signatures. */
function recordBlock(ws: ExcelJS.Worksheet, head: { orgName: string; planCode: string; title: string }, items: ReturnType<typeof recordSubject>['items'], c: RecordCandidate | null, blk: RecordRound, note: string) {
  const sheets = blk.sheets;
  const examiners = c && sheets.length ? sheets.map((s) => s.examinerName) : ['考评员1', '考评员2', '考评员3'];
  title(ws, `${head.title}${note}`, Math.max(6, 3 + examiners.length));
  addRows(ws, [
    [`评价机构：${head.orgName}`, '', '', `认定计划号：${head.planCode}`],
    [`姓名：${c?.name ?? ''}`, '', '', `准考证号：${c?.ticketNo ?? ''}`, `考场：${c?.room ?? ''}`, `工位：${c?.seat ?? ''}`],
  ]);
  const start = ws.rowCount + 1;
  addRows(ws, [['序号', '评分项目', '配分', ...examiners]]);
  ws.getRow(ws.rowCount).font = { bold: true };
  for (const it of items) addRows(ws, [[it.position, it.criteria ? `${it.name}（${it.criteria}）` : it.name, it.maxPoints, ...sheets.map((s) => itemCell(s, it.id))]]);
  addRows(ws, [['', '合计', 100, ...sheets.map((s) => s.total ?? '')]]);
  addRows(ws, [['', '考评员签名', '', ...examiners.map((n) => (c ? n : ''))]]);
  return start;
}

/** 评分记录表 per candidate with every examiner's points per item and their names; blank when asked. */
export async function scoreSheetsWorkbook(sqlite: ReadSqlite, batchId: number, subjectId: number, opts: { blank?: boolean } = {}): Promise<Buffer> {
  const b = batchHead(sqlite, batchId);
  const { subject, items } = recordSubject(sqlite, batchId, subjectId);
  const head = { orgName: b.orgName, planCode: b.planCode, title: `${occupationZh(subject.occ, subject.wt)} ${LEVEL_ZH[subject.level] ?? ''} ${SUBJECT_KIND_RESULT_ZH[subject.kind]} 评分记录表` };
  const cands: (RecordCandidate | null)[] = opts.blank
    ? [null]
    : sqlite
        .prepare<[number], RecordCandidate>(
          `SELECT c.id, c.name, c.ticket_no AS ticketNo, r.code AS room, cs.seat FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id LEFT JOIN rooms r ON r.id = cs.room_id
           WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
        )
        .all(subjectId);
  const compiled = opts.blank ? new Map<number, CandidateResult>() : new Map(compileResults(sqlite, batchId).map((r) => [r.candidateId, r]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分记录表');
  for (const c of cands) {
    const { current, rounds } = c ? recordRounds(sqlite, c.id, subjectId) : { current: 1, rounds: [] };
    const blocks = rounds.length ? rounds : [{ round: current, superseded: false, sheets: [] }];
    blocks.forEach((blk, bi) => {
      const note = blocks.length > 1 || blk.round > 1 ? `（第 ${blk.round} 轮${blk.superseded ? '，已由后一轮取代，存档' : ''}）` : '';
      const start = recordBlock(ws, head, items, c, blk, note);
      if (c && bi === blocks.length - 1) {
        const mean = compiled.get(c.id)?.subjects.find((s) => s.subjectId === subjectId);
        addRows(ws, [['', '科目成绩（平均分，保留一位小数）', '', mean ? (mean.score ?? subjectRemarkZh(mean) ?? '') : '']]);
      }
      grid(ws, start);
      addRows(ws, [[], []]);
    });
  }
  ws.columns.forEach((col, i) => (col.width = [6, 40, 8][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
