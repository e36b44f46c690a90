// One problem of a plan: where (sheet, row, column), the DOMAIN rule it breaks, and a reason with
// its params that the renderer words (issue.plan.<reason> in messages/plan.ts, zh-CN and en).
// The sheet and column are the file's own words (the workbook's Chinese names, or the JSON keys).
import type { ErrorParams, Issue } from '../errors';
import { BATCH_FIELDS, BATCH_SHEET, CANDIDATE_SHEET, ROOM_SHEET, SEAT_SHEET, SESSION_SHEET, STAFF_SHEET, SUBJECT_SHEET, columnHeader, type SheetDef } from './sheets';

export type Severity = 'error' | 'warning';

/** The DOMAIN rule ids a plan problem cites, or FORMAT for a value that cannot be read. */
export const PLAN_RULES = ['FORMAT', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P12', 'R1', 'R2', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'] as const;
export type PlanRule = (typeof PLAN_RULES)[number];

/** Every reason a plan problem may give; each is worded as issue.plan.<reason> in the catalogue. */
export const PLAN_REASONS = [
  // reading the files
  'workbookUnreadable', 'csvSheetUnknown', 'csvUnreadable', 'jsonInvalid', 'zipUnreadable', 'xlsUnsupported', 'fileTypeUnknown', 'nothingToRead',
  'schemaInvalid', 'headerMissing', 'columnMissing', 'sheetMissing', 'batchSheetMissing', 'batchFieldMissing', 'versionUnsupported',
  'required', 'notInteger', 'levelInvalid', 'dateInvalid', 'timeInvalid', 'orgTypeUnknown', 'subjectKindUnknown', 'modeUnknown',
  'roomKindUnknown', 'docNumberNumeric', 'genderInvalid', 'seatTicketUnknown', 'retakeInvalid', 'roleUnknown', 'gradeUnknown',
  // the batch and its subjects
  'nameFormat', 'nameDate', 'subjectCodeDuplicate', 'occupationCodeForm', 'workTypeCodeForm', 'modeNotAllowed', 'levelAboveCap',
  'socialOrgOccupations',
  // rooms and sessions
  'roomDuplicate', 'seatsPositive', 'sessionDuplicate', 'sessionSubjectUnknown', 'sessionNoRooms', 'sessionRoomUnknown',
  'sessionRoomRepeated', 'sessionEndsBeforeStart', 'sessionDate', 'proctorsPerRoom', 'panelSize', 'proctorsShort', 'examinersShort',
  'seniorsShort', 'roomOverCapacity',
  // candidates and seats
  'docTypeUnknown', 'idNumber', 'birthDateMismatch', 'genderMismatch', 'docDuplicate', 'ticketDuplicate', 'occupationNotOffered',
  'kindNotOffered', 'modeNotOffered', 'noSubjects', 'seatSessionUnknown', 'seatSessionMismatch', 'seatTwice', 'seatRoomNotInSession',
  'seatTaken', 'kindUnseated',
  // photos
  'photosNone', 'photosNoneKept', 'photoMissing', 'photoNotJpeg', 'photoTooBig', 'photoDimensions', 'photoOrphan',
  // staff
  'staffNoDuplicate', 'staffNoRoles', 'rolesCrossed', 'examinerGradeMissing', 'staffSessionUnknown', 'examinerGradeTooLow', 'trainedUnknown',
] as const;
export type PlanReason = (typeof PLAN_REASONS)[number];

export interface Where {
  /** the sheet as found in the file (or the JSON section); 'photos' and 'files' for what is not a sheet */
  sheet: string;
  /** the row as the spreadsheet numbers it (JSON: the item's 1-based index); null for the whole sheet */
  row: number | null;
  column: string | null;
}

export interface PlanProblem extends Issue {
  severity: Severity;
  rule: PlanRule;
  at: Where;
  /** 'plan.<reason>': the renderer words it as issue.plan.<reason> */
  reason: `plan.${PlanReason}`;
  params?: ErrorParams;
}

export type Section = 'subjects' | 'rooms' | 'sessions' | 'candidates' | 'staff';

/** Maps a place in the package to where the user wrote it. */
export interface Locator {
  batch(field: string): Where;
  item(section: Section, index: number, field?: string): Where;
  seat(candidate: number, seat: number, field?: string): Where;
  photos(): Where;
}

/** Where the photos are: not a sheet of the workbook (the renderer words it). */
export const PHOTOS_PLACE = 'photos';
/** Where a problem with the files handed in sits, when it has no sheet (the renderer words it). */
export const FILES_PLACE = 'files';

/** For a package sent as JSON: sections and 1-based item numbers. */
export const jsonLocator: Locator = {
  batch: (field) => ({ sheet: 'batch', row: null, column: field }),
  item: (section, index, field) => ({ sheet: section, row: index + 1, column: field ?? null }),
  seat: (c, s, field) => ({ sheet: `candidates[${c + 1}].seats`, row: s + 1, column: field ?? null }),
  photos: () => ({ sheet: PHOTOS_PLACE, row: null, column: null }),
};

const SECTION_SHEETS: Record<Section, SheetDef> = {
  subjects: SUBJECT_SHEET,
  rooms: ROOM_SHEET,
  sessions: SESSION_SHEET,
  candidates: CANDIDATE_SHEET,
  staff: STAFF_SHEET,
};

export interface SheetRows {
  /** actual sheet names as found (a 学籍统计表 may stand for 考生) */
  names: Partial<Record<Section | 'seats' | 'batch', string>>;
  batch: Partial<Record<string, number>>;
  items: Record<Section, number[]>;
  seats: number[][];
}

/** For a workbook or CSV files: the row each item came from, and the column's header. */
export function sheetLocator(rows: SheetRows): Locator {
  const batchHeader = (f: string) => BATCH_FIELDS.find((b) => b.key === f)?.header ?? f;
  return {
    batch: (field) => ({ sheet: rows.names.batch ?? BATCH_SHEET, row: rows.batch[field] ?? null, column: batchHeader(field) }),
    item: (section, index, field) => {
      const def = SECTION_SHEETS[section];
      return { sheet: rows.names[section] ?? def.name, row: rows.items[section][index] ?? null, column: field ? columnHeader(def, field) : null };
    },
    seat: (c, s, field) => ({ sheet: rows.names.seats ?? SEAT_SHEET.name, row: rows.seats[c]?.[s] ?? null, column: field ? columnHeader(SEAT_SHEET, field) : null }),
    photos: () => ({ sheet: PHOTOS_PLACE, row: null, column: null }),
  };
}

export function problem(severity: Severity, rule: PlanRule, at: Where, reason: PlanReason, params?: ErrorParams): PlanProblem {
  return params ? { severity, rule, at, reason: `plan.${reason}`, params } : { severity, rule, at, reason: `plan.${reason}` };
}

/** The whole file (or sheet) as the place of a problem. */
export const wholeOf = (sheet: string): Where => ({ sheet, row: null, column: null });

/** Errors first, then warnings, each in the order found. */
export function sortProblems(ps: PlanProblem[]): PlanProblem[] {
  return [...ps.filter((p) => p.severity === 'error'), ...ps.filter((p) => p.severity === 'warning')];
}

/** Word params of the plan's vocabulary: the renderer's catalogue words them in the UI's language. */
export const word = {
  kind: (k: string) => `@plan.kind.${k}`,
  mode: (m: string) => `@plan.mode.${m}`,
  level: (l: number) => (l >= 1 && l <= 5 ? `@plan.level.${l}` : String(l)),
  orgType: (t: string) => `@plan.orgType.${t}`,
  roleGroup: (g: string) => `@plan.roleGroup.${g}`,
  idProblem: (p: string) => `@plan.idProblem.${p}`,
  modesAllowed: (k: string) => `@plan.modesAllowed.${k}`,
  /** the Chinese words a clerk must type in the workbook (the same in both languages: they are the file's) */
  workbook: (list: string) => `@plan.workbook.${list}`,
  zod: (code: string) => `@plan.zod.${code}`,
};
