// Reads what a site receives into one plan package: a workbook (.xlsx), CSV files named by sheet
// (UTF-8 or GBK/GB18030), or the platform's JSON; photos as JPG files or a zip of them.
// Anything it cannot read becomes a FORMAT problem at its sheet, row and column.
import ExcelJS from 'exceljs';
import { basename, extname } from 'node:path';
import {
  DOC_TYPES,
  EXAMINER_GRADES,
  EXAMINER_GRADE_ZH,
  LEVEL_ZH,
  MODES,
  MODE_ZH,
  ORG_TYPES,
  ORG_TYPE_ZH,
  PLAN_FORMAT,
  PLAN_ROLES,
  PLAN_ROLE_ZH,
  PLAN_VERSION,
  ROOM_KINDS,
  ROOM_KIND_ZH,
  SUBJECT_KIND_SHORT_ZH,
  SUBJECT_KIND_ZH,
  planPackage,
  type Mode,
  type PlanCandidate,
  type PlanPackage,
  type PlanRole,
  type PlanStaff,
  type SubjectKind,
} from './format';
import { jsonLocator, problem, sheetLocator, type Locator, type PlanProblem, type Section, type SheetRows } from './problems';
import { BATCH_FIELDS, BATCH_SHEET, CANDIDATE_SHEET, ROOM_SHEET, SEAT_SHEET, SESSION_SHEET, STAFF_SHEET, SUBJECT_SHEET, headerKey, normHeader, sheetFor, type SheetDef } from './sheets';
import { decodeText, parseCsv, type TextEncodingName } from './text';
import { readZip } from './zip';

export interface InputFile {
  name: string;
  data: Buffer;
}

export interface PhotoFile {
  name: string;
  data: Buffer;
}

export interface ReadResult {
  /** null when nothing usable was found (no workbook, no package) */
  pkg: PlanPackage | null;
  locate: Locator;
  problems: PlanProblem[];
  /** photos by file stem (ticket or document number, upper case) */
  photos: Map<string, PhotoFile>;
  /** what was read, for the report */
  sources: { name: string; kind: 'workbook' | 'csv' | 'json' | 'photos'; encoding?: TextEncodingName }[];
}

/** A cell as text: numbers as typed, dates as YYYY-MM-DD (HH:mm), rich text joined. */
type Cells = Record<string, string>;
interface RawRow {
  rowNo: number;
  cells: Cells;
  /** columns whose cell held a number (an ID number typed as a number has lost digits) */
  numeric: Set<string> | null;
}
interface RawSheet {
  name: string;
  rows: string[][] | null; // CSV
  numeric: (boolean[] | undefined)[] | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) {
    // exceljs hands serial dates back as UTC instants of the wall time typed in the sheet
    const d = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const hasTime = v.getUTCHours() !== 0 || v.getUTCMinutes() !== 0;
    return hasTime ? `${d} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}` : d;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('error' in v) return '';
  }
  return String(v as unknown);
}

const isNumber = (v: ExcelJS.CellValue): boolean =>
  typeof v === 'number' || (v !== null && typeof v === 'object' && 'result' in v && typeof v.result === 'number');

function sheetMatrix(ws: ExcelJS.Worksheet): { rows: string[][]; numeric: (boolean[] | undefined)[] } {
  // getSheetValues: plain value arrays (1-based, sparse), far cheaper than a Cell per position
  const values = ws.getSheetValues();
  const rows: string[][] = [];
  const numeric: (boolean[] | undefined)[] = [];
  for (let r = 1; r < values.length; r++) {
    const v = values[r] as ExcelJS.CellValue[] | undefined;
    const row: string[] = [];
    let num: boolean[] | undefined;
    if (v) {
      for (let c = 1; c < v.length; c++) {
        const x = v[c] ?? null;
        row.push(cellText(x));
        if (isNumber(x)) (num ??= [])[c - 1] = true;
      }
    }
    rows.push(row);
    numeric.push(num);
  }
  return { rows, numeric };
}

/** Finds the header row (the official forms put a title above it) and maps each data row by key. */
function tableRows(def: SheetDef, rows: string[][], numeric: (boolean[] | undefined)[] | null, sheet: string, problems: PlanProblem[]): RawRow[] {
  let headerAt = -1;
  let keys: (string | null)[] = [];
  for (let i = 0; i < Math.min(rows.length, 8); i++) {
    const ks = (rows[i] ?? []).map((h) => (h ? headerKey(def, h) : null));
    if (ks.filter(Boolean).length >= 2) {
      headerAt = i;
      keys = ks;
      break;
    }
  }
  if (headerAt < 0) {
    problems.push(problem('error', 'FORMAT', { sheet, row: null, column: null }, `找不到表头行（应含 ${def.columns.filter((c) => c.required).map((c) => c.header).join('、')}）`));
    return [];
  }
  for (const c of def.columns) {
    if (c.required && !keys.includes(c.key)) problems.push(problem('error', 'FORMAT', { sheet, row: headerAt + 1, column: c.header }, `缺少必需的列“${c.header}”`));
  }
  const out: RawRow[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    if (r.every((v) => !v || !v.trim())) continue;
    const cells: Cells = {};
    const nums = numeric?.[i];
    let numericKeys: Set<string> | null = null;
    for (let col = 0; col < keys.length; col++) {
      const k = keys[col];
      if (!k) continue;
      cells[k] = (r[col] ?? '').trim();
      if (nums?.[col]) (numericKeys ??= new Set()).add(k);
    }
    out.push({ rowNo: i + 1, cells, numeric: numericKeys });
  }
  return out;
}

const splitList = (s: string) =>
  s
    .split(/[、,，;；/\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5 };
const LEVEL_TITLES: Record<string, number> = { 高级技师: 1, 技师: 2, 高级工: 3, 中级工: 4, 初级工: 5 };

/** P3: "4", "四级", "四级/中级工", "中级工" → 4. */
export function parseLevel(s: string): number | null {
  const t = s.replace(/\s/g, '');
  if (/^[1-5]$/.test(t)) return Number(t);
  const m = /^([1-5一二三四五])级/.exec(t);
  if (m) return CN_DIGITS[m[1]!] ?? Number(m[1]);
  return LEVEL_TITLES[t] ?? null;
}

function fromZh<K extends string>(map: Record<K, string>, s: string, extra: Record<string, K> = {}): K | null {
  const t = s.replace(/\s/g, '');
  for (const [k, v] of Object.entries(map) as [K, string][]) if (v === t || k === t) return k;
  return extra[t] ?? null;
}

const KIND_EXTRA: Record<string, SubjectKind> = {
  理论知识: 'theory',
  理论考试: 'theory',
  技能操作: 'skill',
  技能考核: 'skill',
  实操: 'skill',
  综合评审: 'review',
};
export const parseKind = (s: string): SubjectKind | null => fromZh(SUBJECT_KIND_ZH, s, { ...KIND_EXTRA, ...invert(SUBJECT_KIND_SHORT_ZH) });
export const parseMode = (s: string): Mode | null => fromZh(MODE_ZH, s, { 机考: 'computer', 笔试: 'paper', 实际操作考核: 'practical' });
const parseRoomKind = (s: string) => fromZh(ROOM_KIND_ZH, s, { 理论: 'theory', 技能: 'skill', 计算机房: 'computer', 综合评审: 'review', 实操考场: 'skill' });
const parseOrgType = (s: string) => fromZh(ORG_TYPE_ZH, s, { 技工学校: 'technical_school', 技师学院: 'technical_school', 企业: 'enterprise', 社评组织: 'social_org', 社会化评价组织: 'social_org' });
const parseRole = (s: string): PlanRole | null => fromZh(PLAN_ROLE_ZH, s, { 监考: 'proctor', 监考员: 'proctor', 考务人员: 'proctor', 考评组长: 'chief_examiner', 质量督导员: 'supervisor', 内部质量督导员: 'supervisor', 督导: 'supervisor', 登分: 'score_clerk', 统分人: 'score_clerk' });
const parseGrade = (s: string) => fromZh(EXAMINER_GRADE_ZH, s, { 高级: 'senior' });

function invert<K extends string>(m: Record<K, string>): Record<string, K> {
  const out: Record<string, K> = {};
  for (const [k, v] of Object.entries(m) as [K, string][]) out[v] = k;
  return out;
}

/** "2026-05-21 09:00", "2026/5/21 9:00" or ISO with offset → ISO 8601 at +08:00 (Beijing time). */
export function parseDateTime(s: string): string | null {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/.test(t)) return Number.isNaN(Date.parse(t)) ? null : t;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[\sT]+(\d{1,2})[:：](\d{2})(?::(\d{2}))?$/.exec(t);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec] = m;
  const iso = `${y}-${pad(Number(mo))}-${pad(Number(d))}T${pad(Number(h))}:${mi}:${sec ?? '00'}+08:00`;
  return Number.isNaN(Date.parse(iso)) || Number(h) > 23 ? null : iso;
}

export function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

interface Ctx {
  problems: PlanProblem[];
  sheet: string;
  row: number;
  def: SheetDef;
}

function bad(ctx: Ctx, key: string, message: string, rule = 'FORMAT'): void {
  const header = ctx.def.columns.find((c) => c.key === key)?.header ?? key;
  ctx.problems.push(problem('error', rule, { sheet: ctx.sheet, row: ctx.row, column: header }, message));
}

function req(ctx: Ctx, cells: Cells, key: string): string {
  const v = cells[key] ?? '';
  if (!v) bad(ctx, key, '不能为空');
  return v;
}
const optText = (cells: Cells, key: string): string | null => cells[key] || null;

function int(ctx: Ctx, cells: Cells, key: string, fallback: number | null): number | null {
  const v = cells[key] ?? '';
  if (!v) return fallback;
  if (!/^\d+$/.test(v)) {
    bad(ctx, key, `“${v}”不是整数`);
    return fallback;
  }
  return Number(v);
}

function level(ctx: Ctx, cells: Cells): number {
  const v = req(ctx, cells, 'level');
  if (!v) return 0;
  const l = parseLevel(v);
  if (l === null) bad(ctx, 'level', `“${v}”不是有效的技能等级（1–5 级，如“四级/中级工”）`, 'P3');
  return l ?? 0;
}

function buildFromSheets(sheets: RawSheet[], problems: PlanProblem[]): { pkg: PlanPackage | null; rows: SheetRows } {
  const rows: SheetRows = { names: {}, batch: {}, items: { subjects: [], rooms: [], sessions: [], candidates: [], staff: [] }, seats: [] };
  const found = new Map<SheetDef | 'batch', RawSheet>();
  for (const s of sheets) {
    const def = sheetFor(s.name);
    if (def && !found.has(def)) found.set(def, s);
  }
  const table = (def: SheetDef, section: Section | 'seats'): RawRow[] => {
    const s = found.get(def);
    if (!s?.rows) return [];
    rows.names[section] = s.name;
    return tableRows(def, s.rows, s.numeric, s.name, problems);
  };

  // batch: key/value rows
  const bs = found.get('batch');
  const kv: Record<string, string> = {};
  if (bs?.rows) {
    rows.names.batch = bs.name;
    bs.rows.forEach((r, i) => {
      const label = normHeader(r[0] ?? '');
      const f = BATCH_FIELDS.find((b) => b.header === label || ('aliases' in b && (b.aliases as readonly string[]).includes(label)));
      if (f) {
        kv[f.key] = (r[1] ?? '').trim();
        rows.batch[f.key] = i + 1;
      }
    });
  } else {
    problems.push(problem('error', 'FORMAT', { sheet: BATCH_SHEET, row: null, column: null }, `缺少工作表“${BATCH_SHEET}”（认定计划名称、计划编号、认定日期、机构）`));
  }
  const batchBad = (key: string, message: string, rule = 'FORMAT') => {
    const header = BATCH_FIELDS.find((b) => b.key === key)!.header;
    problems.push(problem('error', rule, { sheet: rows.names.batch ?? BATCH_SHEET, row: rows.batch[key] ?? null, column: header }, message));
  };
  if (bs?.rows) {
    for (const f of BATCH_FIELDS) if ('required' in f && f.required && !kv[f.key]) batchBad(f.key, `缺少“${f.header}”`);
    if (kv.version && kv.version !== String(PLAN_VERSION)) batchBad('version', `格式版本 ${kv.version} 不受支持（本版本读取格式 ${PLAN_VERSION}）`);
  }
  const examDate = kv.examDate ? parseDate(kv.examDate) : null;
  if (kv.examDate && !examDate) batchBad('examDate', `“${kv.examDate}”不是有效日期（YYYY-MM-DD）`);
  const orgType = kv.orgType ? parseOrgType(kv.orgType) : null;
  if (kv.orgType && !orgType) batchBad('orgType', `未知的机构类型“${kv.orgType}”（应为 ${ORG_TYPES.map((t) => ORG_TYPE_ZH[t]).join(' / ')}）`, 'P1');
  let levelCap: number | null = null;
  if (kv.levelCap) {
    levelCap = parseLevel(kv.levelCap);
    if (levelCap === null) batchBad('levelCap', `“${kv.levelCap}”不是有效等级`, 'P4');
  }

  const subjects = table(SUBJECT_SHEET, 'subjects').map((r) => {
    const ctx: Ctx = { problems, sheet: rows.names.subjects!, row: r.rowNo, def: SUBJECT_SHEET };
    rows.items.subjects.push(r.rowNo);
    const kindText = req(ctx, r.cells, 'kind');
    const kind = kindText ? parseKind(kindText) : null;
    if (kindText && !kind) bad(ctx, 'kind', `未知的认定科目“${kindText}”（理论 / 技能 / 综合评审）`, 'P6');
    const modeText = req(ctx, r.cells, 'mode');
    const mode = modeText ? parseMode(modeText) : null;
    if (modeText && !mode) bad(ctx, 'mode', `未知的考核方式“${modeText}”（${MODES.map((m) => MODE_ZH[m]).join(' / ')}）`, 'P6');
    return {
      code: req(ctx, r.cells, 'code'),
      occupationName: req(ctx, r.cells, 'occupationName'),
      occupationCode: req(ctx, r.cells, 'occupationCode'),
      workTypeName: optText(r.cells, 'workTypeName'),
      workTypeCode: optText(r.cells, 'workTypeCode'),
      level: level(ctx, r.cells),
      kind: (kind ?? 'theory') as SubjectKind,
      mode: (mode ?? 'paper') as Mode,
    };
  });

  const rooms = table(ROOM_SHEET, 'rooms').map((r) => {
    const ctx: Ctx = { problems, sheet: rows.names.rooms!, row: r.rowNo, def: ROOM_SHEET };
    rows.items.rooms.push(r.rowNo);
    const kindText = req(ctx, r.cells, 'kind');
    const kind = kindText ? parseRoomKind(kindText) : null;
    if (kindText && !kind) bad(ctx, 'kind', `未知的考场类型“${kindText}”（${ROOM_KINDS.map((k) => ROOM_KIND_ZH[k]).join(' / ')}）`, 'R1');
    return {
      code: req(ctx, r.cells, 'code'),
      kind: kind ?? 'theory',
      building: req(ctx, r.cells, 'building'),
      floor: req(ctx, r.cells, 'floor'),
      roomNo: req(ctx, r.cells, 'roomNo'),
      seats: int(ctx, r.cells, 'seats', 0) ?? 0,
    };
  });

  const sessions = table(SESSION_SHEET, 'sessions').map((r) => {
    const ctx: Ctx = { problems, sheet: rows.names.sessions!, row: r.rowNo, def: SESSION_SHEET };
    rows.items.sessions.push(r.rowNo);
    const time = (key: 'startsAt' | 'endsAt') => {
      const v = req(ctx, r.cells, key);
      const iso = v ? parseDateTime(v) : null;
      if (v && !iso) bad(ctx, key, `“${v}”不是有效时间（YYYY-MM-DD HH:mm）`);
      return iso ?? '';
    };
    return {
      code: req(ctx, r.cells, 'code'),
      name: req(ctx, r.cells, 'name'),
      subject: req(ctx, r.cells, 'subject'),
      startsAt: time('startsAt'),
      endsAt: time('endsAt'),
      rooms: splitList(r.cells.rooms ?? ''),
      proctorsPerRoom: int(ctx, r.cells, 'proctorsPerRoom', 2) ?? 2,
      examinersPerRoom: int(ctx, r.cells, 'examinersPerRoom', null),
    };
  });

  const byTicket = new Map<string, number>();
  const candidates: PlanCandidate[] = table(CANDIDATE_SHEET, 'candidates').map((r, i) => {
    const ctx: Ctx = { problems, sheet: rows.names.candidates!, row: r.rowNo, def: CANDIDATE_SHEET };
    rows.items.candidates.push(r.rowNo);
    rows.seats.push([]);
    const docType = optText(r.cells, 'docType') ?? DOC_TYPES[0];
    const docNumber = req(ctx, r.cells, 'docNumber').toUpperCase();
    if (r.numeric?.has('docNumber')) bad(ctx, 'docNumber', '证件号码被存成了数字，末位和精度可能已丢失：请将该列设为文本格式后重新填写', 'P8');
    const genderText = req(ctx, r.cells, 'gender');
    if (genderText && genderText !== '男' && genderText !== '女') bad(ctx, 'gender', `性别应为“男”或“女”，而不是“${genderText}”`);
    const birthText = r.cells.birthDate ?? '';
    let birthDate = birthText ? parseDate(birthText) : null;
    if (birthText && !birthDate) bad(ctx, 'birthDate', `“${birthText}”不是有效日期`);
    // a resident ID carries the birth date: an empty column takes it from there (P8 checks the rest)
    if (!birthText && /^\d{17}[\dX]$/.test(docNumber)) birthDate = parseDate(docNumber.slice(6, 14));
    if (!birthText && !birthDate) bad(ctx, 'birthDate', '不能为空');
    const subjectsText = req(ctx, r.cells, 'subjects');
    const kinds: SubjectKind[] = [];
    for (const s of splitList(subjectsText)) {
      const k = parseKind(s);
      if (k) kinds.push(k);
      else bad(ctx, 'subjects', `未知的考核科目“${s}”（理论 / 技能 / 综合）`, 'P6');
    }
    const modes: Mode[] = [];
    for (const s of splitList(r.cells.modes ?? '')) {
      const m = parseMode(s);
      if (m) modes.push(m);
      else bad(ctx, 'modes', `未知的考核方式“${s}”`, 'P6');
    }
    const ticketNo = req(ctx, r.cells, 'ticketNo');
    if (ticketNo && !byTicket.has(ticketNo)) byTicket.set(ticketNo, i);
    return {
      name: req(ctx, r.cells, 'name'),
      gender: (genderText === '女' ? '女' : '男') as '男' | '女',
      birthDate: birthDate ?? '',
      docType,
      docNumber,
      ticketNo,
      phone: optText(r.cells, 'phone'),
      ethnicity: optText(r.cells, 'ethnicity'),
      education: optText(r.cells, 'education'),
      major: optText(r.cells, 'major'),
      category: optText(r.cells, 'category'),
      workUnit: optText(r.cells, 'workUnit'),
      occupationName: req(ctx, r.cells, 'occupationName'),
      workTypeName: optText(r.cells, 'workTypeName'),
      level: level(ctx, r.cells),
      subjects: [...new Set(kinds)],
      modes: [...new Set(modes)],
      seats: [],
    };
  });

  for (const r of table(SEAT_SHEET, 'seats')) {
    const ctx: Ctx = { problems, sheet: rows.names.seats!, row: r.rowNo, def: SEAT_SHEET };
    const ticketNo = req(ctx, r.cells, 'ticketNo');
    const ci = byTicket.get(ticketNo);
    if (ticketNo && ci === undefined) {
      bad(ctx, 'ticketNo', `准考证号 ${ticketNo} 不在考生表中`, 'P7');
      continue;
    }
    if (ci === undefined) continue;
    const retakeText = r.cells.retake ?? '';
    if (retakeText && retakeText !== '补考' && retakeText !== '新考') bad(ctx, 'retake', `应为“新考”或“补考”，而不是“${retakeText}”`, 'P12');
    candidates[ci]!.seats.push({ session: req(ctx, r.cells, 'session'), room: req(ctx, r.cells, 'room'), seat: optText(r.cells, 'seat'), retake: retakeText === '补考' });
    rows.seats[ci]!.push(r.rowNo);
  }

  const staff: PlanStaff[] = table(STAFF_SHEET, 'staff').map((r) => {
    const ctx: Ctx = { problems, sheet: rows.names.staff!, row: r.rowNo, def: STAFF_SHEET };
    rows.items.staff.push(r.rowNo);
    const roles: PlanRole[] = [];
    for (const s of splitList(req(ctx, r.cells, 'roles'))) {
      const role = parseRole(s);
      if (role) roles.push(role);
      else bad(ctx, 'roles', `未知的角色“${s}”（${PLAN_ROLES.map((x) => PLAN_ROLE_ZH[x]).join(' / ')}）`, 'S1');
    }
    const gradeText = r.cells.examinerGrade ?? '';
    const grade = gradeText ? parseGrade(gradeText) : null;
    if (gradeText && !grade) bad(ctx, 'examinerGrade', `未知的考评员等级“${gradeText}”（${EXAMINER_GRADES.map((g) => EXAMINER_GRADE_ZH[g]).join(' / ')}）`, 'S6');
    const genderText = r.cells.gender ?? '';
    return {
      staffNo: req(ctx, r.cells, 'staffNo'),
      name: req(ctx, r.cells, 'name'),
      gender: genderText === '男' || genderText === '女' ? genderText : null,
      workUnit: optText(r.cells, 'workUnit'),
      phone: optText(r.cells, 'phone'),
      roles: [...new Set(roles)],
      examinerGrade: grade,
      sessions: splitList(r.cells.sessions ?? ''),
      trained: splitList(r.cells.trained ?? ''),
    };
  });

  for (const def of [SUBJECT_SHEET, ROOM_SHEET, SESSION_SHEET, CANDIDATE_SHEET, STAFF_SHEET]) {
    if (!found.has(def)) problems.push(problem('error', 'FORMAT', { sheet: def.name, row: null, column: null }, `缺少工作表“${def.name}”`));
  }
  if (!bs?.rows) return { pkg: null, rows };
  const pkg: PlanPackage = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    organisation: { code: kv.orgCode ?? '', name: kv.orgName ?? '', type: orgType ?? 'enterprise', levelCap },
    batch: { planCode: kv.planCode ?? '', name: kv.name ?? '', examDate: examDate ?? '' },
    subjects,
    rooms,
    sessions,
    candidates,
    staff,
  };
  return { pkg, rows };
}

const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|webp|tiff?|heic)$/i;

/** Reads every file handed in (a workbook, CSVs, a JSON package, photos or a zip of them). */
export async function readPlanFiles(files: readonly InputFile[], opts: { packageObject?: unknown } = {}): Promise<ReadResult> {
  const problems: PlanProblem[] = [];
  const photos = new Map<string, PhotoFile>();
  const sources: ReadResult['sources'] = [];
  const sheets: RawSheet[] = [];
  let json: unknown = opts.packageObject;

  const addPhoto = (name: string, data: Buffer) => {
    const base = basename(name.replace(/\\/g, '/'));
    if (base.startsWith('.') || name.startsWith('__MACOSX')) return;
    if (!IMAGE_EXT.test(base)) return;
    photos.set(base.slice(0, -extname(base).length).toUpperCase(), { name: base, data });
  };

  for (const f of files) {
    const ext = extname(f.name).toLowerCase();
    if (ext === '.xlsx') {
      const wb = new ExcelJS.Workbook();
      try {
        await wb.xlsx.load(f.data as unknown as ExcelJS.Buffer);
      } catch {
        problems.push(problem('error', 'FORMAT', { sheet: f.name, row: null, column: null }, '无法读取该工作簿（不是有效的 .xlsx 文件）'));
        continue;
      }
      sources.push({ name: f.name, kind: 'workbook' });
      for (const ws of wb.worksheets) sheets.push({ name: ws.name, ...sheetMatrix(ws) });
    } else if (ext === '.csv' || ext === '.txt') {
      const { text, encoding } = decodeText(f.data);
      sources.push({ name: f.name, kind: 'csv', encoding });
      const name = basename(f.name, extname(f.name));
      if (!sheetFor(name)) {
        problems.push(problem('error', 'FORMAT', { sheet: f.name, row: null, column: null }, `无法判断 CSV 文件对应哪张表：文件名应为工作表名，如“考生.csv”`));
        continue;
      }
      sheets.push({ name, rows: parseCsv(text.replace(/^\uFEFF/, '')), numeric: null });
    } else if (ext === '.json') {
      try {
        json = JSON.parse(decodeText(f.data).text);
        sources.push({ name: f.name, kind: 'json' });
      } catch {
        problems.push(problem('error', 'FORMAT', { sheet: f.name, row: null, column: null }, '不是有效的 JSON 文件'));
      }
    } else if (ext === '.zip') {
      try {
        for (const e of readZip(f.data)) addPhoto(e.name, e.data);
        sources.push({ name: f.name, kind: 'photos' });
      } catch (e) {
        problems.push(problem('error', 'FORMAT', { sheet: f.name, row: null, column: null }, `无法读取照片压缩包：${(e as Error).message}`));
      }
    } else if (IMAGE_EXT.test(f.name)) {
      addPhoto(f.name, f.data);
    } else if (ext === '.xls') {
      problems.push(problem('error', 'FORMAT', { sheet: f.name, row: null, column: null }, '不支持旧版 .xls 文件：请在 Excel/WPS 中另存为 .xlsx'));
    } else {
      problems.push(problem('error', 'FORMAT', { sheet: f.name, row: null, column: null }, '不认识的文件类型（应为 .xlsx、.csv、.json、.zip 或照片）'));
    }
  }
  if (photos.size > 0 && !sources.some((s) => s.kind === 'photos')) sources.push({ name: `${photos.size} 张照片`, kind: 'photos' });

  if (json !== undefined) {
    const parsed = planPackage.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [section, index, field] = issue.path;
        const where =
          typeof section === 'string' && typeof index === 'number'
            ? { sheet: section, row: index + 1, column: field === undefined ? null : String(field) }
            : { sheet: 'package', row: null, column: issue.path.join('.') || null };
        problems.push(problem('error', 'FORMAT', where, issue.message));
      }
      return { pkg: null, locate: jsonLocator, problems, photos, sources };
    }
    for (const c of parsed.data.candidates) {
      if (c.photo) photos.set(c.ticketNo.toUpperCase(), { name: `${c.ticketNo}.jpg`, data: Buffer.from(c.photo, 'base64') });
    }
    return { pkg: parsed.data, locate: jsonLocator, problems, photos, sources };
  }
  if (sheets.length === 0) {
    if (problems.length === 0) problems.push(problem('error', 'FORMAT', { sheet: '文件', row: null, column: null }, '没有收到工作簿（.xlsx）、CSV 或 JSON 计划包'));
    return { pkg: null, locate: jsonLocator, problems, photos, sources };
  }
  const { pkg, rows } = buildFromSheets(sheets, problems);
  return { pkg, locate: sheetLocator(rows), problems, photos, sources };
}

export { LEVEL_ZH };
