// The one cell writer for every spreadsheet the console produces (xlsx and CSV). Spreadsheet
// formula injection: a text cell starting with = + - @ or a tab/CR would be read as a formula by
// a spreadsheet (or by one that re-opens a CSV), so it gets a leading apostrophe. Every export
// builds its workbook freely and hands it to workbookBuffer, which neutralises every text cell
// of every sheet on the way out; nothing else calls exceljs's writeBuffer.
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would read as a formula is made inert; numbers and empty cells pass. */
export function neutralise(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const s = String(v);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The reverse, for the console's own round trips (P11: a plan exported reads back unchanged). */
export function unneutralise(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

function neutraliseCell(cell: ExcelJS.Cell): void {
  if (cell.isMerged && cell.master !== cell) return; // the master carries the text
  const v = cell.value;
  if (typeof v === 'string') {
    if (FORMULA_START.test(v)) cell.value = `'${v}`;
  } else if (v && typeof v === 'object' && 'richText' in v && v.richText.length > 0) {
    const first = v.richText[0]!;
    if (FORMULA_START.test(first.text)) cell.value = { richText: [{ ...first, text: `'${first.text}` }, ...v.richText.slice(1)] };
  } else if (v && typeof v === 'object' && 'formula' in v) {
    // the console writes no formulas: a formula cell can only come from data, and is written as its text
    cell.value = `'=${String(v.formula)}`;
  }
}

/** Every text cell of every sheet neutralised, then the xlsx bytes. */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  wb.eachSheet((ws) => ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, neutraliseCell)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV text (RFC 4180 quoting), every field neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const esc = (raw: string) => {
    const s = String(neutralise(raw) ?? '');
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}
