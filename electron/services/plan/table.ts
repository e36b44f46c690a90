// The workbook's cells as text and its tables as rows keyed by column: the official forms put a
// title above the header row, and columns go by many names (sheets.ts lists them).
import ExcelJS from 'exceljs';
import { problem, wholeOf, type PlanProblem } from './problems';
import { headerKey, type SheetDef } from './sheets';

/** A data row's cells by column key. */
export type Cells = Record<string, string>;
export interface RawRow {
  rowNo: number;
  cells: Cells;
  /** columns whose cell held a number (an ID number typed as a number has lost digits) */
  numeric: Set<string> | null;
}
export interface RawSheet {
  name: string;
  rows: string[][] | null; // CSV
  numeric: (boolean[] | undefined)[] | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text: numbers as typed, dates as YYYY-MM-DD (HH:mm), rich text joined. */
export function cellText(v: ExcelJS.CellValue): string {
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

export function sheetMatrix(ws: ExcelJS.Worksheet): { rows: string[][]; numeric: (boolean[] | undefined)[] } {
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
export function tableRows(def: SheetDef, rows: string[][], numeric: (boolean[] | undefined)[] | null, sheet: string, problems: PlanProblem[]): RawRow[] {
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
