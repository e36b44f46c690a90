// A sheet's tables as rows keyed by column (its cells as text come from xlsx.ts or the CSV parser):
// the official forms put a title above the header row, and columns go by many names (sheets.ts).
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
