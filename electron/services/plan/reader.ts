// Reads what a site receives into one plan package: a workbook (.xlsx), CSV files named by sheet
// (UTF-8 or GBK/GB18030), or the platform's JSON; photos as JPG files or a zip of them.
// Anything it cannot read becomes a FORMAT problem at its sheet, row and column.
import ExcelJS from 'exceljs';
import { basename, extname } from 'node:path';
import {
  DOC_TYPES,
  EXAMINER_GRADE_ZH,
  MODE_ZH,
  ORG_TYPE_ZH,
  PLAN_FORMAT,
  PLAN_ROLE_ZH,
  PLAN_VERSION,
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
import { FILES_PLACE, jsonLocator, problem, sheetLocator, wholeOf, word, type Locator, type PlanProblem, type PlanReason, type PlanRule, type Section, type SheetRows, type Where } from './problems';
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
  sources: { name: string; kind: 'workbook' | 'csv' | 'json' | 'photos'; encoding?: TextEncodingName; count?: number }[];
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
    problems.push(problem('error', 'FORMAT', wholeOf(sheet), 'headerMissing', { columns: def.columns.filter((c) => c.required).map((c) => c.header).join('、') }));
    return [];
  }
  for (const c of def.columns) {
    if (c.required && !keys.includes(c.key)) problems.push(problem('error', 'FORMAT', { sheet, row: headerAt + 1, column: c.header }, 'columnMissing', { column: c.header }));
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

type Params = Record<string, string | number>;

function bad(ctx: Ctx, key: string, reason: PlanReason, params?: Params, rule: PlanRule = 'FORMAT'): void {
  const header = ctx.def.columns.find((c) => c.key === key)?.header ?? key;
  ctx.problems.push(problem('error', rule, { sheet: ctx.sheet, row: ctx.row, column: header }, reason, params));
}

function req(ctx: Ctx, cells: Cells, key: string): string {
  const v = cells[key] ?? '';
  if (!v) bad(ctx, key, 'required');
  return v;
}
const optText = (cells: Cells, key: string): string | null => cells[key] || null;

function int(ctx: Ctx, cells: Cells, key: string, fallback: number | null): number | null {
  const v = cells[key] ?? '';
  if (!v) return fallback;
  if (!/^\d+$/.test(v)) {
    bad(ctx, key, 'notInteger', { value: v });
    return fallback;
  }
  return Number(v);
}

function level(ctx: Ctx, cells: Cells): number {
  const v = req(ctx, cells, 'level');
  if (!v) return 0;
  const l = parseLevel(v);
  if (l === null) bad(ctx, 'level', 'levelInvalid', { value: v }, 'P3');
  return l ?? 0;
}

/** What the reader found, sheet by sheet, while it builds the package. */
interface Build {
  problems: PlanProblem[];
  rows: SheetRows;
  found: Map<SheetDef | 'batch', RawSheet>;
}

/** The data rows of one sheet, each with a Ctx that says where it is; records the rows for the locator. */
function rowsOf(b: Build, def: SheetDef, section: Section | 'seats'): { r: RawRow; ctx: Ctx }[] {
  const s = b.found.get(def);
  if (!s?.rows) return [];
  b.rows.names[section] = s.name;
  return tableRows(def, s.rows, s.numeric, s.name, b.problems).map((r) => ({ r, ctx: { problems: b.problems, sheet: s.name, row: r.rowNo, def } }));
}

type BatchValues = Record<string, string>;

/** The batch sheet: key/value rows (项目 | 内容). */
function readBatchSheet(b: Build): BatchValues | null {
  const bs = b.found.get('batch');
  if (!bs?.rows) {
    b.problems.push(problem('error', 'FORMAT', wholeOf(BATCH_SHEET), 'batchSheetMissing', { sheet: BATCH_SHEET }));
    return null;
  }
  const kv: BatchValues = {};
  b.rows.names.batch = bs.name;
  bs.rows.forEach((r, i) => {
    const label = normHeader(r[0] ?? '');
    const f = BATCH_FIELDS.find((x) => x.header === label || ('aliases' in x && (x.aliases as readonly string[]).includes(label)));
    if (f) {
      kv[f.key] = (r[1] ?? '').trim();
      b.rows.batch[f.key] = i + 1;
    }
  });
  const batchBad = (key: string, reason: PlanReason, params?: Params) => {
    const header = BATCH_FIELDS.find((x) => x.key === key)!.header;
    b.problems.push(problem('error', 'FORMAT', { sheet: bs.name, row: b.rows.batch[key] ?? null, column: header }, reason, params));
  };
  for (const f of BATCH_FIELDS) if ('required' in f && f.required && !kv[f.key]) batchBad(f.key, 'batchFieldMissing', { field: f.header });
  if (kv.version && kv.version !== String(PLAN_VERSION)) batchBad('version', 'versionUnsupported', { version: kv.version, supported: PLAN_VERSION });
  return kv;
}

/** The batch and organisation from the batch sheet's values (P1, P4, P5). */
function batchFacts(b: Build, kv: BatchValues): Pick<PlanPackage, 'organisation' | 'batch'> {
  const at = (key: string): Where => ({
    sheet: b.rows.names.batch ?? BATCH_SHEET,
    row: b.rows.batch[key] ?? null,
    column: BATCH_FIELDS.find((x) => x.key === key)!.header,
  });
  const examDate = kv.examDate ? parseDate(kv.examDate) : null;
  if (kv.examDate && !examDate) b.problems.push(problem('error', 'FORMAT', at('examDate'), 'dateInvalid', { value: kv.examDate }));
  const orgType = kv.orgType ? parseOrgType(kv.orgType) : null;
  if (kv.orgType && !orgType) b.problems.push(problem('error', 'P1', at('orgType'), 'orgTypeUnknown', { value: kv.orgType, accepted: word.workbook('orgTypes') }));
  let levelCap: number | null = null;
  if (kv.levelCap) {
    levelCap = parseLevel(kv.levelCap);
    if (levelCap === null) b.problems.push(problem('error', 'P4', at('levelCap'), 'levelInvalid', { value: kv.levelCap }));
  }
  return {
    organisation: { code: kv.orgCode ?? '', name: kv.orgName ?? '', type: orgType ?? 'enterprise', levelCap },
    batch: { planCode: kv.planCode ?? '', name: kv.name ?? '', examDate: examDate ?? '' },
  };
}

/** A coded value of the vocabulary read from its Chinese words; unknown words are a problem at the cell. */
function coded<K>(ctx: Ctx, cells: Cells, key: string, parse: (s: string) => K | null, reason: PlanReason, accepted: string, rule: PlanRule): K | null {
  const text = req(ctx, cells, key);
  const v = text ? parse(text) : null;
  if (text && v === null) bad(ctx, key, reason, { value: text, accepted: word.workbook(accepted) }, rule);
  return v;
}

function readSubjects(b: Build): PlanPackage['subjects'] {
  return rowsOf(b, SUBJECT_SHEET, 'subjects').map(({ r, ctx }) => {
    b.rows.items.subjects.push(r.rowNo);
    const kind = coded(ctx, r.cells, 'kind', parseKind, 'subjectKindUnknown', 'kinds', 'P6');
    const mode = coded(ctx, r.cells, 'mode', parseMode, 'modeUnknown', 'modes', 'P6');
    return {
      code: req(ctx, r.cells, 'code'),
      occupationName: req(ctx, r.cells, 'occupationName'),
      occupationCode: req(ctx, r.cells, 'occupationCode'),
      workTypeName: optText(r.cells, 'workTypeName'),
      workTypeCode: optText(r.cells, 'workTypeCode'),
      level: level(ctx, r.cells),
      kind: kind ?? 'theory',
      mode: mode ?? 'paper',
    };
  });
}

function readRooms(b: Build): PlanPackage['rooms'] {
  return rowsOf(b, ROOM_SHEET, 'rooms').map(({ r, ctx }) => {
    b.rows.items.rooms.push(r.rowNo);
    const kind = coded(ctx, r.cells, 'kind', parseRoomKind, 'roomKindUnknown', 'roomKinds', 'R1');
    return {
      code: req(ctx, r.cells, 'code'),
      kind: kind ?? 'theory',
      building: req(ctx, r.cells, 'building'),
      floor: req(ctx, r.cells, 'floor'),
      roomNo: req(ctx, r.cells, 'roomNo'),
      seats: int(ctx, r.cells, 'seats', 0) ?? 0,
    };
  });
}

function readSessions(b: Build): PlanPackage['sessions'] {
  return rowsOf(b, SESSION_SHEET, 'sessions').map(({ r, ctx }) => {
    b.rows.items.sessions.push(r.rowNo);
    const time = (key: 'startsAt' | 'endsAt') => {
      const v = req(ctx, r.cells, key);
      const iso = v ? parseDateTime(v) : null;
      if (v && !iso) bad(ctx, key, 'timeInvalid', { value: v });
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
}

/** Each word of a list cell read as a code; unknown words are a problem at the cell. */
function codedList<K>(ctx: Ctx, text: string, key: string, parse: (s: string) => K | null, reason: PlanReason, accepted: string, rule: PlanRule): K[] {
  const out: K[] = [];
  for (const s of splitList(text)) {
    const v = parse(s);
    if (v !== null) out.push(v);
    else bad(ctx, key, reason, { value: s, accepted: word.workbook(accepted) }, rule);
  }
  return [...new Set(out)];
}

/** The candidate's birth date: as written, or (for a resident ID) from the number itself. */
function birthDateOf(ctx: Ctx, cells: Cells, docNumber: string): string {
  const text = cells.birthDate ?? '';
  if (text) {
    const d = parseDate(text);
    if (!d) bad(ctx, 'birthDate', 'dateInvalid', { value: text });
    return d ?? '';
  }
  // a resident ID carries the birth date: an empty column takes it from there (P8 checks the rest)
  const fromId = /^\d{17}[\dX]$/.test(docNumber) ? parseDate(docNumber.slice(6, 14)) : null;
  if (!fromId) bad(ctx, 'birthDate', 'required');
  return fromId ?? '';
}

function readCandidate(ctx: Ctx, r: RawRow): PlanCandidate {
  const docNumber = req(ctx, r.cells, 'docNumber').toUpperCase();
  if (r.numeric?.has('docNumber')) bad(ctx, 'docNumber', 'docNumberNumeric', undefined, 'P8');
  const genderText = req(ctx, r.cells, 'gender');
  if (genderText && genderText !== '男' && genderText !== '女') bad(ctx, 'gender', 'genderInvalid', { value: genderText, accepted: word.workbook('genders') });
  const birthDate = birthDateOf(ctx, r.cells, docNumber);
  const subjects = codedList(ctx, req(ctx, r.cells, 'subjects'), 'subjects', parseKind, 'subjectKindUnknown', 'kinds', 'P6');
  const modes = codedList(ctx, r.cells.modes ?? '', 'modes', parseMode, 'modeUnknown', 'modes', 'P6');
  return {
    name: req(ctx, r.cells, 'name'),
    gender: genderText === '女' ? '女' : '男',
    birthDate,
    docType: optText(r.cells, 'docType') ?? DOC_TYPES[0],
    docNumber,
    ticketNo: req(ctx, r.cells, 'ticketNo'),
    phone: optText(r.cells, 'phone'),
    ethnicity: optText(r.cells, 'ethnicity'),
    education: optText(r.cells, 'education'),
    major: optText(r.cells, 'major'),
    category: optText(r.cells, 'category'),
    workUnit: optText(r.cells, 'workUnit'),
    occupationName: req(ctx, r.cells, 'occupationName'),
    workTypeName: optText(r.cells, 'workTypeName'),
    level: level(ctx, r.cells),
    subjects,
    modes,
    seats: [],
  };
}

function readCandidates(b: Build): PlanCandidate[] {
  return rowsOf(b, CANDIDATE_SHEET, 'candidates').map(({ r, ctx }) => {
    b.rows.items.candidates.push(r.rowNo);
    b.rows.seats.push([]);
    return readCandidate(ctx, r);
  });
}

/** The seat sheet: one row per candidate and session, joined to the candidate by ticket (P7, P12). */
function readSeats(b: Build, candidates: PlanCandidate[]): void {
  const byTicket = new Map<string, number>();
  candidates.forEach((c, i) => {
    if (c.ticketNo && !byTicket.has(c.ticketNo)) byTicket.set(c.ticketNo, i);
  });
  for (const { r, ctx } of rowsOf(b, SEAT_SHEET, 'seats')) {
    const ticketNo = req(ctx, r.cells, 'ticketNo');
    const ci = byTicket.get(ticketNo);
    if (ci === undefined) {
      if (ticketNo) bad(ctx, 'ticketNo', 'seatTicketUnknown', { ticket: ticketNo }, 'P7');
      continue;
    }
    const retakeText = r.cells.retake ?? '';
    if (retakeText && retakeText !== '补考' && retakeText !== '新考') bad(ctx, 'retake', 'retakeInvalid', { value: retakeText, accepted: word.workbook('retake') }, 'P12');
    candidates[ci]!.seats.push({ session: req(ctx, r.cells, 'session'), room: req(ctx, r.cells, 'room'), seat: optText(r.cells, 'seat'), retake: retakeText === '补考' });
    b.rows.seats[ci]!.push(r.rowNo);
  }
}

function readStaff(b: Build): PlanStaff[] {
  return rowsOf(b, STAFF_SHEET, 'staff').map(({ r, ctx }) => {
    b.rows.items.staff.push(r.rowNo);
    const roles = codedList(ctx, req(ctx, r.cells, 'roles'), 'roles', parseRole, 'roleUnknown', 'roles', 'S1');
    const gradeText = r.cells.examinerGrade ?? '';
    const grade = gradeText ? parseGrade(gradeText) : null;
    if (gradeText && !grade) bad(ctx, 'examinerGrade', 'gradeUnknown', { value: gradeText, accepted: word.workbook('grades') }, 'S6');
    const genderText = r.cells.gender ?? '';
    return {
      staffNo: req(ctx, r.cells, 'staffNo'),
      name: req(ctx, r.cells, 'name'),
      gender: genderText === '男' || genderText === '女' ? genderText : null,
      workUnit: optText(r.cells, 'workUnit'),
      phone: optText(r.cells, 'phone'),
      roles,
      examinerGrade: grade,
      sessions: splitList(r.cells.sessions ?? ''),
      trained: splitList(r.cells.trained ?? ''),
    };
  });
}

/** The package from the workbook's (or CSV files') sheets, every unreadable cell a problem where it is. */
function buildFromSheets(sheets: RawSheet[], problems: PlanProblem[]): { pkg: PlanPackage | null; rows: SheetRows } {
  const b: Build = { problems, rows: { names: {}, batch: {}, items: { subjects: [], rooms: [], sessions: [], candidates: [], staff: [] }, seats: [] }, found: new Map() };
  for (const s of sheets) {
    const def = sheetFor(s.name);
    if (def && !b.found.has(def)) b.found.set(def, s);
  }
  const kv = readBatchSheet(b);
  const facts = batchFacts(b, kv ?? {});
  const subjects = readSubjects(b);
  const rooms = readRooms(b);
  const sessions = readSessions(b);
  const candidates = readCandidates(b);
  readSeats(b, candidates);
  const staff = readStaff(b);
  for (const def of [SUBJECT_SHEET, ROOM_SHEET, SESSION_SHEET, CANDIDATE_SHEET, STAFF_SHEET]) {
    if (!b.found.has(def)) problems.push(problem('error', 'FORMAT', wholeOf(def.name), 'sheetMissing', { sheet: def.name }));
  }
  if (!kv) return { pkg: null, rows: b.rows };
  return { pkg: { format: PLAN_FORMAT, version: PLAN_VERSION, ...facts, subjects, rooms, sessions, candidates, staff }, rows: b.rows };
}

const IMAGE_EXT = /\.(jpe?g|png|gif|bmp|webp|tiff?|heic)$/i;

/** What the files handed in hold, before the package is built from them. */
interface Gathered {
  problems: PlanProblem[];
  photos: Map<string, PhotoFile>;
  sources: ReadResult['sources'];
  sheets: RawSheet[];
  json: unknown;
}

function addPhoto(g: Gathered, name: string, data: Buffer): void {
  const base = basename(name.replace(/\\/g, '/'));
  if (base.startsWith('.') || name.startsWith('__MACOSX')) return;
  if (!IMAGE_EXT.test(base)) return;
  g.photos.set(base.slice(0, -extname(base).length).toUpperCase(), { name: base, data });
}

const fileProblem = (g: Gathered, f: InputFile, reason: PlanReason) => g.problems.push(problem('error', 'FORMAT', wholeOf(f.name), reason));

async function readWorkbook(g: Gathered, f: InputFile): Promise<void> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(f.data as unknown as ExcelJS.Buffer);
  } catch {
    fileProblem(g, f, 'workbookUnreadable');
    return;
  }
  g.sources.push({ name: f.name, kind: 'workbook' });
  for (const ws of wb.worksheets) g.sheets.push({ name: ws.name, ...sheetMatrix(ws) });
}

function readCsv(g: Gathered, f: InputFile): void {
  const { text, encoding } = decodeText(f.data);
  g.sources.push({ name: f.name, kind: 'csv', encoding });
  const name = basename(f.name, extname(f.name));
  if (!sheetFor(name)) fileProblem(g, f, 'csvSheetUnknown');
  else g.sheets.push({ name, rows: parseCsv(text.replace(/^\uFEFF/, '')), numeric: null });
}

function readJson(g: Gathered, f: InputFile): void {
  try {
    g.json = JSON.parse(decodeText(f.data).text);
    g.sources.push({ name: f.name, kind: 'json' });
  } catch {
    fileProblem(g, f, 'jsonInvalid');
  }
}

function readPhotoZip(g: Gathered, f: InputFile): void {
  try {
    for (const e of readZip(f.data)) addPhoto(g, e.name, e.data);
    g.sources.push({ name: f.name, kind: 'photos' });
  } catch {
    fileProblem(g, f, 'zipUnreadable');
  }
}

/** One file handed in, by its extension. */
async function readOne(g: Gathered, f: InputFile): Promise<void> {
  const ext = extname(f.name).toLowerCase();
  if (ext === '.xlsx') await readWorkbook(g, f);
  else if (ext === '.csv' || ext === '.txt') readCsv(g, f);
  else if (ext === '.json') readJson(g, f);
  else if (ext === '.zip') readPhotoZip(g, f);
  else if (IMAGE_EXT.test(f.name)) addPhoto(g, f.name, f.data);
  else if (ext === '.xls') fileProblem(g, f, 'xlsUnsupported');
  else fileProblem(g, f, 'fileTypeUnknown');
}

/** The JSON form, checked by its schema; problems point into it (section, item, field). */
function fromJson(g: Gathered): ReadResult {
  const { problems, photos, sources } = g;
  const parsed = planPackage.safeParse(g.json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [section, index, field] = issue.path;
      const where =
        typeof section === 'string' && typeof index === 'number'
          ? { sheet: section, row: index + 1, column: field === undefined ? null : String(field) }
          : { sheet: 'package', row: null, column: issue.path.join('.') || null };
      problems.push(problem('error', 'FORMAT', where, 'schemaInvalid', { problem: word.zod(issue.code) }));
    }
    return { pkg: null, locate: jsonLocator, problems, photos, sources };
  }
  for (const c of parsed.data.candidates) {
    if (c.photo) photos.set(c.ticketNo.toUpperCase(), { name: `${c.ticketNo}.jpg`, data: Buffer.from(c.photo, 'base64') });
  }
  return { pkg: parsed.data, locate: jsonLocator, problems, photos, sources };
}

/** Reads every file handed in (a workbook, CSVs, a JSON package, photos or a zip of them). */
export async function readPlanFiles(files: readonly InputFile[], opts: { packageObject?: unknown } = {}): Promise<ReadResult> {
  const g: Gathered = { problems: [], photos: new Map(), sources: [], sheets: [], json: opts.packageObject };
  for (const f of files) await readOne(g, f);
  // photos handed in one by one: one source line that counts them
  if (g.photos.size > 0 && !g.sources.some((s) => s.kind === 'photos')) g.sources.push({ name: '', kind: 'photos', count: g.photos.size });
  if (g.json !== undefined) return fromJson(g);
  const { problems, photos, sources } = g;
  if (g.sheets.length === 0) {
    if (problems.length === 0) problems.push(problem('error', 'FORMAT', wholeOf(FILES_PLACE), 'nothingToRead'));
    return { pkg: null, locate: jsonLocator, problems, photos, sources };
  }
  const { pkg, rows } = buildFromSheets(g.sheets, problems);
  return { pkg, locate: sheetLocator(rows), problems, photos, sources };
}
