// Writes the workbook form: a blank template a site fills in, or a plan as the console holds it
// (the export). The same sheet definitions as the reader, so a written workbook reads back.
import ExcelJS from 'exceljs';
import { siteMinute } from '../../domain/vocabulary';
import {
  EXAMINER_GRADE_ZH,
  LEVEL_ZH,
  MODE_ZH,
  ORG_TYPE_ZH,
  PLAN_ROLE_ZH,
  PLAN_VERSION,
  ROOM_KIND_ZH,
  SUBJECT_KIND_SHORT_ZH,
  SUBJECT_KIND_ZH,
  type PlanPackage,
} from './format';
import { BATCH_FIELDS, BATCH_SHEET, CANDIDATE_SHEET, DATA_SHEETS, ROOM_SHEET, SEAT_SHEET, SESSION_SHEET, STAFF_SHEET, SUBJECT_SHEET, type SheetDef } from './sheets';

/** ISO with offset → "YYYY-MM-DD HH:mm" in the site's time (Beijing), as the sheet takes it. */
export function beijingTime(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : siteMinute(iso);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function addTable(wb: ExcelJS.Workbook, def: SheetDef, rows: readonly Record<string, unknown>[]): void {
  const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = def.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12, style: c.text ? { numFmt: '@' } : {} }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  def.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = HEADER_FILL;
    if (c.note) cell.note = c.note;
  });
  for (const r of rows) {
    const row = ws.addRow(Object.fromEntries(def.columns.map((c) => [c.key, (r[c.key] ?? null) as ExcelJS.CellValue])));
    // text columns stay text (ID numbers, tickets), never numbers
    def.columns.forEach((c, i) => {
      if (c.text) {
        const cell = row.getCell(i + 1);
        if (cell.value !== null && cell.value !== undefined) cell.value = String(cell.value);
      }
    });
  }
}

const join = (xs: readonly string[] | undefined) => (xs ?? []).join('、');

/** The batch sheet: one row per field (项目 | 内容 | 说明), the content a text cell. */
function addBatchSheet(wb: ExcelJS.Workbook, pkg: PlanPackage | null): void {
  const bs = wb.addWorksheet(BATCH_SHEET);
  bs.columns = [
    { header: '项目', key: 'k', width: 16 },
    { header: '内容', key: 'v', width: 48 },
    { header: '说明', key: 'n', width: 48 },
  ];
  bs.getRow(1).font = { bold: true };
  const o = pkg?.organisation;
  const values: Record<string, string> =
    pkg && o
      ? {
          version: String(PLAN_VERSION),
          name: pkg.batch.name,
          planCode: pkg.batch.planCode,
          examDate: pkg.batch.examDate,
          orgName: o.name,
          orgCode: o.code,
          orgType: ORG_TYPE_ZH[o.type],
          levelCap: o.levelCap ? String(o.levelCap) : '',
        }
      : { version: String(PLAN_VERSION) };
  for (const f of BATCH_FIELDS) {
    const row = bs.addRow({ k: f.header, v: values[f.key] ?? '', n: 'note' in f ? f.note : '' });
    row.getCell(2).numFmt = '@';
  }
}

/** The data sheets, each value in the words of the official forms (the vocabulary's Chinese). */
function addDataSheets(wb: ExcelJS.Workbook, p: PlanPackage | null): void {
  addTable(wb, SUBJECT_SHEET, (p?.subjects ?? []).map((s) => ({ ...s, level: LEVEL_ZH[s.level] ?? s.level, kind: SUBJECT_KIND_ZH[s.kind], mode: MODE_ZH[s.mode] })));
  addTable(wb, ROOM_SHEET, (p?.rooms ?? []).map((r) => ({ ...r, kind: ROOM_KIND_ZH[r.kind] })));
  addTable(wb, SESSION_SHEET, (p?.sessions ?? []).map((s) => ({ ...s, startsAt: beijingTime(s.startsAt), endsAt: beijingTime(s.endsAt), rooms: join(s.rooms) })));
  addTable(
    wb,
    CANDIDATE_SHEET,
    (p?.candidates ?? []).map((c, i) => ({
      ...c,
      seq: i + 1,
      level: LEVEL_ZH[c.level] ?? c.level,
      subjects: join(c.subjects.map((k) => SUBJECT_KIND_SHORT_ZH[k])),
      modes: join((c.modes ?? []).map((m) => MODE_ZH[m])),
      photo: null,
    })),
  );
  const seats = (p?.candidates ?? []).flatMap((c) => c.seats.map((s) => ({ ticketNo: c.ticketNo, name: c.name, session: s.session, room: s.room, seat: s.seat ?? null, retake: s.retake ? '补考' : '新考' })));
  addTable(wb, SEAT_SHEET, seats);
  addTable(
    wb,
    STAFF_SHEET,
    (p?.staff ?? []).map((s) => ({
      ...s,
      roles: join(s.roles.map((r) => PLAN_ROLE_ZH[r])),
      examinerGrade: s.examinerGrade ? EXAMINER_GRADE_ZH[s.examinerGrade] : null,
      sessions: join(s.sessions),
      trained: join(s.trained),
    })),
  );
}

/** The instructions sheet of the template (the form's own words, in Chinese). */
function addHelpSheet(wb: ExcelJS.Workbook): void {
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '填写说明', key: 't', width: 110 }];
  help.getRow(1).font = { bold: true };
  for (const line of [
    `格式版本 ${PLAN_VERSION}。工作表：${[BATCH_SHEET, ...DATA_SHEETS.map((d) => d.name)].join('、')}。列名与《技工院校学生学籍统计表》《职业技能等级认定申报表》《考场安排表》一致。`,
    '证件号码、准考证号、工号请使用文本格式；居民身份证号码须符合 GB 11643（校验位、出生日期、性别一致，P8）。',
    '照片：彩色白底 JPG，不超过 20 KB（P7），以准考证号或证件号码命名（如 2605210001.jpg），放在一个文件夹或 ZIP 压缩包中与工作簿一同导入。',
    '考核科目：理论、技能、综合（综合评审）；考核方式见 P6。每个考场至少 2 名监考人员（S2）；技能和综合评审每考场 3 名以上单数考评员（S5）。',
    '同一批次中监考人员、考评员、督导员不得交叉兼任（S7）；考评员只能考评三级及以下，二级、一级须高级考评员（S6）。',
    '也可以把各工作表另存为 CSV（UTF-8 或 GBK），文件名用工作表名，如“考生.csv”。',
  ]) {
    help.addRow({ t: line }).alignment = { wrapText: true };
  }
}

/** The workbook for a plan, or the blank template (pkg = null). */
export async function writePlanWorkbook(pkg: PlanPackage | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '考点通';
  // fixed dates: the same plan gives the same workbook
  wb.created = new Date(Date.UTC(2026, 0, 1));
  wb.modified = wb.created;
  addBatchSheet(wb, pkg);
  addDataSheets(wb, pkg);
  addHelpSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const CANDIDATE_HEADERS = CANDIDATE_SHEET.columns.map((c) => c.header);
