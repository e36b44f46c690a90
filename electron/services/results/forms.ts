// G6: the forms as xlsx: 成绩汇总表, 评分记录表 (per candidate, with the examiners' names; blank for
// paper-first sites), 公示名单 and 公示结果确认单. Every text cell is neutralised against formula
// injection: a value starting with = + - @ or a tab/CR gets a leading apostrophe.
import ExcelJS from 'exceljs';
import type { Sqlite } from '../../../db';
import { AppError } from '../errors';
import { KIND_ZH, compileResults, type CandidateResult } from './compile';
import { LEVEL_ZH, confirmationSheets, publicationList, publicationsOf, sealedVersion } from './publication';
import { standardFor } from '../scoring/standards';
import { currentRound, panelComplete, submittedSheetsAllRounds } from '../scoring/sheets';

/** Spreadsheet formula injection: text that a spreadsheet would read as a formula is made inert. */
export function neutralise(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function addRows(ws: ExcelJS.Worksheet, rows: readonly (readonly unknown[])[]): void {
  for (const r of rows) ws.addRow(r.map(neutralise));
}

function title(ws: ExcelJS.Worksheet, text: string, width: number): void {
  ws.addRow([neutralise(text)]);
  ws.mergeCells(ws.rowCount, 1, ws.rowCount, width);
  const c = ws.getRow(ws.rowCount).getCell(1);
  c.font = { bold: true, size: 16 };
  c.alignment = { horizontal: 'center' };
}

function grid(ws: ExcelJS.Worksheet, fromRow: number): void {
  for (let r = fromRow; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  }
}

function batchInfo(sqlite: Sqlite, batchId: number) {
  const b = sqlite
    .prepare('SELECT b.plan_code AS planCode, b.name, b.exam_date AS examDate, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?')
    .get(batchId) as { planCode: string; name: string; examDate: string; orgName: string } | undefined;
  if (!b) throw new AppError('NOT_FOUND', '找不到该批次。', 'No such batch.');
  return b;
}

const KINDS = ['theory', 'skill', 'review'] as const;
function kindsIn(results: readonly CandidateResult[]): string[] {
  const present = new Set(results.flatMap((r) => r.subjects.map((s) => s.kind)));
  return KINDS.filter((k) => present.has(k));
}

function subjectCell(r: CandidateResult, kind: string): string | number {
  const s = r.subjects.find((x) => x.kind === kind);
  if (!s) return '—';
  if (s.status === 'absent') return '缺考';
  if (s.status === 'void') return '成绩无效';
  return s.score ?? '待定';
}

/** 成绩汇总表: one row per candidate, a column per subject kind, 是否通过 and remarks. */
export async function summaryWorkbook(sqlite: Sqlite, batchId: number): Promise<Buffer> {
  const b = batchInfo(sqlite, batchId);
  const results = compileResults(sqlite, batchId);
  const kinds = kindsIn(results);
  const docs = new Map((sqlite.prepare('SELECT id, doc_number AS d, gender AS g FROM candidates WHERE batch_id = ?').all(batchId) as { id: number; d: string; g: string }[]).map((r) => [r.id, r]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩汇总表');
  const header = ['序号', '姓名', '性别', '证件号码', '准考证号', '职业（工种）', '等级', ...kinds.map((k) => `${KIND_ZH[k]}成绩`), '是否通过', '备注'];
  title(ws, '技能等级认定考生成绩汇总表', header.length);
  addRows(ws, [[`评价机构：${b.orgName}`], [`认定计划号：${b.planCode}　批次：${b.name}　考试日期：${b.examDate}`]]);
  const start = ws.rowCount + 1;
  addRows(ws, [header]);
  ws.getRow(ws.rowCount).font = { bold: true };
  results.forEach((r, i) => {
    const remarks = [...r.subjects.filter((s) => s.reason && s.status !== 'scored').map((s) => `${KIND_ZH[s.kind]}：${s.reason}`), ...r.rulings.map((x) => x.reason)];
    addRows(ws, [
      [
        i + 1,
        r.name,
        docs.get(r.candidateId)?.g ?? '',
        docs.get(r.candidateId)?.d ?? '',
        r.ticketNo,
        r.workType ? `${r.occupation}（${r.workType}）` : r.occupation,
        LEVEL_ZH[r.level] ?? r.level,
        ...kinds.map((k) => subjectCell(r, k)),
        r.outcome === 'passed' ? '是' : '否',
        [...new Set(remarks)].join('；'),
      ],
    ]);
  });
  grid(ws, start);
  addRows(ws, [[], ['统分人（签名）：', '', '', '复核人（签名）：', '', '', '督导员（签名）：']]);
  ws.columns.forEach((c, i) => (c.width = [6, 12, 6, 22, 14, 22, 14][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 公示名单 (G5): masked ID numbers. */
export async function publicationWorkbook(sqlite: Sqlite, batchId: number, publicationId?: number): Promise<Buffer> {
  const b = batchInfo(sqlite, batchId);
  const pub = publicationId ? publicationsOf(sqlite, batchId).find((p) => p.id === publicationId) : undefined;
  // issue 8: a list not yet published is the sealed version's (refused, saying why, before the seal)
  const rows = pub ? pub.snapshot : publicationList(sealedVersion(sqlite, batchId).results);
  const labels = [...new Set(rows.flatMap((r) => r.subjects.map((s) => s.label)))];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('公示名单');
  const header = ['序号', '姓名', '证件号码', '职业（工种）', '等级', ...labels, '是否通过'];
  title(ws, `${b.orgName}职业技能等级认定结果公示`, header.length);
  if (pub) addRows(ws, [[`公示期：${pub.startDate} 至 ${pub.endDate}（5 个工作日）${pub.version ? `　公示依据：封存第 ${pub.version} 版（SHA-256 ${(pub.hash ?? '').slice(0, 16)}…）` : ''}`]]);
  const start = ws.rowCount + 1;
  addRows(ws, [header]);
  ws.getRow(ws.rowCount).font = { bold: true };
  rows.forEach((r, i) => addRows(ws, [[i + 1, r.name, r.docMasked, r.occupation, r.level, ...labels.map((l) => r.subjects.find((s) => s.label === l)?.result ?? '—'), r.passed]]));
  grid(ws, start);
  ws.columns.forEach((c, i) => (c.width = [6, 12, 22, 22, 14][i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 评分记录表 per candidate with every examiner's points per item and their names; blank when asked. */
export async function scoreSheetsWorkbook(sqlite: Sqlite, batchId: number, subjectId: number, opts: { blank?: boolean } = {}): Promise<Buffer> {
  const b = batchInfo(sqlite, batchId);
  const items = standardFor(sqlite, subjectId);
  if (!items.length) throw new AppError('CONFLICT', '该科目尚未设定评分标准。', 'The subject has no standard.');
  const subj = sqlite
    .prepare('SELECT su.kind, o.name AS occ, o.work_type_name AS wt, o.level FROM subjects su JOIN occupations o ON o.id = su.occupation_id WHERE su.id = ?')
    .get(subjectId) as { kind: string; occ: string; wt: string | null; level: number };
  const cands = opts.blank
    ? [null]
    : (sqlite
        .prepare(
          `SELECT c.id, c.name, c.ticket_no AS ticketNo, r.code AS room, cs.seat FROM candidate_subjects cs JOIN candidates c ON c.id = cs.candidate_id LEFT JOIN rooms r ON r.id = cs.room_id
           WHERE cs.subject_id = ? ORDER BY c.ticket_no`,
        )
        .all(subjectId) as { id: number; name: string; ticketNo: string; room: string | null; seat: string | null }[]);
  const compiled = opts.blank ? new Map<number, CandidateResult>() : new Map(compileResults(sqlite, batchId).map((r) => [r.candidateId, r]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分记录表');
  const width = 6;
  for (const c of cands) {
    // independence: an examiner's sheet is shown only once the whole panel has submitted; a re-scored
    // candidate (issue 7 §6) shows every round, the earlier ones marked superseded and kept on record
    const current = c ? currentRound(sqlite, c.id, subjectId) : 1;
    const all = c ? submittedSheetsAllRounds(sqlite, c.id, subjectId) : [];
    const complete = c ? panelComplete(sqlite, c.id, subjectId) : false;
    const rounds = [...new Set(all.map((s) => s.round))].filter((r) => r < current || complete).sort((x, y) => x - y);
    const blocks = rounds.length ? rounds.map((r) => ({ round: r, sheets: all.filter((s) => s.round === r) })) : [{ round: current, sheets: [] as typeof all }];
    blocks.forEach((blk, bi) => {
      const sheets = blk.sheets;
      const examiners = c && sheets.length ? sheets.map((s) => s.examinerName) : ['考评员1', '考评员2', '考评员3'];
      const roundNote = blocks.length > 1 || blk.round > 1 ? `（第 ${blk.round} 轮${blk.round < current ? '，已由后一轮取代，存档' : ''}）` : '';
      title(ws, `${subj.wt ? `${subj.occ}（${subj.wt}）` : subj.occ} ${LEVEL_ZH[subj.level] ?? ''} ${KIND_ZH[subj.kind] ?? ''} 评分记录表${roundNote}`, Math.max(width, 3 + examiners.length));
      addRows(ws, [[`评价机构：${b.orgName}`, '', '', `认定计划号：${b.planCode}`], [`姓名：${c?.name ?? ''}`, '', '', `准考证号：${c?.ticketNo ?? ''}`, `考场：${c?.room ?? ''}`, `工位：${c?.seat ?? ''}`]]);
      const start = ws.rowCount + 1;
      addRows(ws, [['序号', '评分项目', '配分', ...examiners]]);
      ws.getRow(ws.rowCount).font = { bold: true };
      for (const it of items) {
        addRows(ws, [
          [
            it.position,
            it.criteria ? `${it.name}（${it.criteria}）` : it.name,
            it.maxPoints,
            ...sheets.map((s) => {
              const e = s.entries.find((x) => x.itemId === it.id);
              return e?.missing ? '缺项' : (e?.points ?? '');
            }),
          ],
        ]);
      }
      addRows(ws, [['', '合计', 100, ...sheets.map((s) => s.total ?? '')]]);
      addRows(ws, [['', '考评员签名', '', ...examiners.map((n) => (c ? n : ''))]]);
      if (c && bi === blocks.length - 1) {
        const mean = compiled.get(c.id)?.subjects.find((s) => s.subjectId === subjectId);
        addRows(ws, [['', '科目成绩（平均分，保留一位小数）', '', mean?.score ?? mean?.reason ?? '']]);
      }
      grid(ws, start);
      addRows(ws, [[], []]);
    });
  }
  ws.columns.forEach((col, i) => (col.width = [6, 40, 8][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 职业技能等级认定公示结果确认单: one worksheet per occupation and level, as in 附件11. */
export async function confirmationWorkbook(sqlite: Sqlite, publicationId: number, today: string): Promise<Buffer> {
  const sheets = confirmationSheets(sqlite, publicationId, today);
  const wb = new ExcelJS.Workbook();
  sheets.forEach((s, i) => {
    const ws = wb.addWorksheet(`确认单${i + 1}`);
    title(ws, '职业技能等级认定公示结果确认单', 4);
    addRows(ws, [['评价机构名称', s.orgName, '', ''], ['认定计划号', s.planCode, '', ''], ['认定职业', s.occupation, '认定等级', s.level], [s.names.join('、')], [s.sentence], [], ['评价机构负责人（签名）：'], ['评价机构（盖章）：', '', '日期：    年  月  日']]);
    ws.getColumn(1).width = 18;
    ws.getColumn(2).width = 36;
    ws.getColumn(3).width = 12;
    ws.getColumn(4).width = 18;
    for (const r of [5, 6]) {
      ws.mergeCells(r, 1, r, 4);
      ws.getRow(r).getCell(1).alignment = { wrapText: true };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

