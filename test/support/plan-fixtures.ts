// Plans for the plan tests: the generated demo plan (small and valid), a way to bend it, and the
// workbook / CSV forms of a plan, written with the real writer (exceljs) and iconv-lite.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { PlanPackage } from '../../electron/services/plan/format';
import { readPlanFiles, type InputFile } from '../../electron/services/plan/reader';
import { CANDIDATE_SHEET, DATA_SHEETS } from '../../electron/services/plan/sheets';
import { toCsv } from '../../electron/services/plan/text';
import { writePlanWorkbook } from '../../electron/services/plan/writer';
import { writeZip } from '../../electron/services/plan/zip';
import { facePhotos, generatePlan } from '../../scripts/plan/generate';

/** A fresh copy of the demo plan (120 candidates), safe to mutate. */
export function demoPackage(candidates = 120): PlanPackage {
  return structuredClone(generatePlan({ candidates }).pkg);
}

/** Photos for every candidate, named by ticket, as a zip. */
export async function photosZip(pkg: PlanPackage): Promise<InputFile> {
  const faces = facePhotos();
  return { name: 'photos.zip', data: await writeZip(pkg.candidates.map((c, i) => ({ name: `${c.ticketNo}.jpg`, data: faces[i % faces.length]! }))) };
}

export async function workbookFile(pkg: PlanPackage, name = 'plan.xlsx'): Promise<InputFile> {
  return { name, data: await writePlanWorkbook(pkg) };
}

/** Edits cells of a written workbook by header: what a site's clerk would type over. */
export async function editWorkbook(file: InputFile, edits: { sheet: string; row: number; column: string; value: ExcelJS.CellValue }[]): Promise<InputFile> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.data as unknown as ExcelJS.Buffer);
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet)!;
    const header = ws.getRow(1).values as ExcelJS.CellValue[];
    const col = header.findIndex((h) => h === e.column);
    if (col < 0) throw new Error(`editWorkbook: no column ${e.column} in ${e.sheet}`);
    ws.getRow(e.row).getCell(col).value = e.value;
  }
  return { name: file.name, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/** The plan as CSV files, one per sheet, in the given encoding (Chinese Excel writes GBK). */
export async function csvFiles(pkg: PlanPackage, encoding: 'utf-8' | 'gb18030' | 'gbk'): Promise<InputFile[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writePlanWorkbook(pkg)) as unknown as ExcelJS.Buffer);
  const out: InputFile[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === '填写说明') continue;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const text = toCsv(rows);
    out.push({ name: `${ws.name}.csv`, data: encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, encoding) });
  }
  return out;
}

export { CANDIDATE_SHEET, DATA_SHEETS, readPlanFiles };
