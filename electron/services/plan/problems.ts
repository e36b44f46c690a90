// One problem of a plan: where (sheet, row, column) and what, in Chinese, with the DOMAIN rule.
import { BATCH_FIELDS, BATCH_SHEET, CANDIDATE_SHEET, ROOM_SHEET, SEAT_SHEET, SESSION_SHEET, STAFF_SHEET, SUBJECT_SHEET, columnHeader, type SheetDef } from './sheets';

export type Severity = 'error' | 'warning';

export interface PlanProblem {
  severity: Severity;
  /** the DOMAIN rule id (P8, R2, S5…) or FORMAT for a value that cannot be read */
  rule: string;
  sheet: string;
  /** the row as the spreadsheet numbers it (JSON: the item's 1-based index); null for the whole sheet */
  row: number | null;
  column: string | null;
  message: string;
}

export interface Where {
  sheet: string;
  row: number | null;
  column: string | null;
}

export type Section = 'subjects' | 'rooms' | 'sessions' | 'candidates' | 'staff';

/** Maps a place in the package to where the user wrote it. */
export interface Locator {
  batch(field: string): Where;
  item(section: Section, index: number, field?: string): Where;
  seat(candidate: number, seat: number, field?: string): Where;
  photos(): Where;
}

/** For a package sent as JSON: sections and 1-based item numbers. */
export const jsonLocator: Locator = {
  batch: (field) => ({ sheet: 'batch', row: null, column: field }),
  item: (section, index, field) => ({ sheet: section, row: index + 1, column: field ?? null }),
  seat: (c, s, field) => ({ sheet: `candidates[${c + 1}].seats`, row: s + 1, column: field ?? null }),
  photos: () => ({ sheet: 'photos', row: null, column: null }),
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
    photos: () => ({ sheet: '照片', row: null, column: null }),
  };
}

export function problem(severity: Severity, rule: string, where: Where, message: string): PlanProblem {
  return { severity, rule, sheet: where.sheet, row: where.row, column: where.column, message };
}

/** "考生 第 12 行 证件号码：…" — how a problem reads in one line. */
export function describeProblem(p: PlanProblem): string {
  const at = [p.sheet, p.row !== null ? `第 ${p.row} 行` : null, p.column].filter(Boolean).join(' ');
  return `${at}：${p.message}（${p.rule}）`;
}
