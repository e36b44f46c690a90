// Helpers shared by the official forms as xlsx (G6). Every text cell is neutralised against formula
// injection: a value starting with = + - @ or a tab/CR gets a leading apostrophe.
import type ExcelJS from 'exceljs';
import type { ReadSqlite } from '../../../db';
import { AppError } from '../errors';

/** Spreadsheet formula injection: text that a spreadsheet would read as a formula is made inert. */
export function neutralise(v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function addRows(ws: ExcelJS.Worksheet, rows: readonly (readonly unknown[])[]): void {
  for (const r of rows) ws.addRow(r.map(neutralise));
}

export function title(ws: ExcelJS.Worksheet, text: string, width: number): void {
  ws.addRow([neutralise(text)]);
  ws.mergeCells(ws.rowCount, 1, ws.rowCount, width);
  const c = ws.getRow(ws.rowCount).getCell(1);
  c.font = { bold: true, size: 16 };
  c.alignment = { horizontal: 'center' };
}

export function grid(ws: ExcelJS.Worksheet, fromRow: number): void {
  for (let r = fromRow; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  }
}

export interface BatchHead {
  planCode: string;
  name: string;
  examDate: string;
  orgName: string;
}

/** The heading every form carries: organisation, plan number, batch and exam date. */
export function batchHead(sqlite: ReadSqlite, batchId: number): BatchHead {
  const b = sqlite
    .prepare<[number], BatchHead>('SELECT b.plan_code AS planCode, b.name, b.exam_date AS examDate, o.name AS orgName FROM batches b JOIN organisations o ON o.id = b.organisation_id WHERE b.id = ?')
    .get(batchId);
  if (!b) throw new AppError('NOT_FOUND', 'batch.notFound', { batchId });
  return b;
}
