// The package from the workbook's (or CSV files') sheets: each section read row by row, every
// cell that cannot be read a problem at its sheet, row and column, the rows kept for the locator.
import { normaliseDocNumber } from '../../domain/doc-number';
import { DOC_TYPES, PLAN_FORMAT, PLAN_VERSION, type PlanCandidate, type PlanPackage, type PlanStaff } from './format';
import { problem, wholeOf, word, type PlanProblem, type PlanReason, type PlanRule, type Section, type SheetRows, type Where } from './problems';
import { BATCH_FIELDS, BATCH_SHEET, CANDIDATE_SHEET, ROOM_SHEET, SEAT_SHEET, SESSION_SHEET, STAFF_SHEET, SUBJECT_SHEET, normHeader, sheetFor, type SheetDef } from './sheets';
import { tableRows, type Cells, type RawRow, type RawSheet } from './table';
import { parseDate, parseDateTime, parseGrade, parseKind, parseLevel, parseMode, parseOrgType, parseRole, parseRoomKind, splitList } from './words';

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
  const docNumber = normaliseDocNumber(req(ctx, r.cells, 'docNumber')); // P8: one spelling (reader.ts applies it to every path)
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
export function buildFromSheets(sheets: RawSheet[], problems: PlanProblem[]): { pkg: PlanPackage | null; rows: SheetRows } {
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
