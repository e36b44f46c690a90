// Reads what a site receives into one plan package: a workbook (.xlsx), CSV files named by sheet
// (UTF-8 or GBK/GB18030), or the platform's JSON; photos as JPG files or a zip of them.
// Anything it cannot read becomes a FORMAT problem at its sheet, row and column.
import ExcelJS from 'exceljs';
import { basename, extname } from 'node:path';
import { normaliseDocNumber } from '../../domain/doc-number';
import { planPackage, type PlanPackage } from './format';
import { buildFromSheets } from './build';
import { FILES_PLACE, jsonLocator, problem, sheetLocator, wholeOf, word, type Locator, type PlanProblem, type PlanReason } from './problems';
import { sheetFor } from './sheets';
import { sheetMatrix, type RawSheet } from './table';
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
  const stem = base.slice(0, -extname(base).length);
  g.photos.set(stem.toUpperCase(), { name: base, data });
  // P8: a photo named by the document number is found by its one spelling too
  const doc = normaliseDocNumber(stem);
  if (!g.photos.has(doc)) g.photos.set(doc, { name: base, data });
}

/** P8: every path's document numbers in their one spelling, before validation, storage and the door see them. */
function normalised(pkg: PlanPackage | null): PlanPackage | null {
  if (!pkg) return pkg;
  return { ...pkg, candidates: pkg.candidates.map((c) => ({ ...c, docNumber: normaliseDocNumber(c.docNumber) })) };
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
  return { pkg: normalised(parsed.data), locate: jsonLocator, problems, photos, sources };
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
  return { pkg: normalised(pkg), locate: sheetLocator(rows), problems, photos, sources };
}

export { parseDate, parseDateTime, parseKind, parseLevel, parseMode } from './words';
