// Reads what a site receives into one plan package: a workbook (.xlsx), CSV files named by sheet
// (UTF-8 or GBK/GB18030), or the platform's JSON; photos as JPG files or a zip of them.
// Anything it cannot read becomes a FORMAT problem at its sheet, row and column.
import { basename, extname } from 'node:path';
import { planPackage, type PlanPackage } from './format';
import { buildFromSheets } from './build';
import { FILES_PLACE, jsonLocator, problem, sheetLocator, wholeOf, word, type Locator, type PlanProblem, type PlanReason, type SheetRows } from './problems';
import { sheetFor } from './sheets';
import type { RawSheet } from './table';
import { readXlsx, XlsxFormatError, type XlsxSheet } from './xlsx';
import { PHOTO_LIMITS, PLAN_FILE_LIMITS, sizeText } from '../../domain/limits';
import { AppError } from '../errors';
import { photoFile, unreadPhoto, type PhotoFile } from './photo';
import { CsvFormatError, decodeText, readCsvBytes, type TextEncodingName } from './text';
import { readZipEntries, ZipFormatError } from './zip';

export interface InputFile {
  name: string;
  data: Buffer;
}

export type { PhotoFile } from './photo';

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

/** A photo's key (file stem, upper case), or null for what is not a candidate's photo (hidden files, macOS forks). */
function photoKey(name: string): { base: string; key: string } | null {
  const base = basename(name.replace(/\\/g, '/'));
  if (base.startsWith('.') || name.startsWith('__MACOSX')) return null;
  if (!IMAGE_EXT.test(base)) return null;
  return { base, key: base.slice(0, -extname(base).length).toUpperCase() };
}

function keepPhoto(g: Gathered, key: string, photo: PhotoFile): void {
  g.photos.set(key, photo);
  if (g.photos.size > PHOTO_LIMITS.count) throw new AppError('LIMIT_EXCEEDED', 'limits.photoCount', { limit: PHOTO_LIMITS.count });
}

function addPhoto(g: Gathered, name: string, data: Buffer): void {
  const k = photoKey(name);
  if (k) keepPhoto(g, k.key, photoFile(k.base, data));
}

const fileProblem = (g: Gathered, f: InputFile, reason: PlanReason) => g.problems.push(problem('error', 'FORMAT', wholeOf(f.name), reason));

/** The workbook's cells that hold a value, under WORKBOOK_LIMITS (xlsx.ts). */
async function readWorkbook(g: Gathered, f: InputFile): Promise<void> {
  let sheets: XlsxSheet[];
  try {
    sheets = await readXlsx(f.data, basename(f.name));
  } catch (e) {
    if (!(e instanceof XlsxFormatError || e instanceof ZipFormatError)) throw e;
    fileProblem(g, f, 'workbookUnreadable');
    return;
  }
  g.sources.push({ name: f.name, kind: 'workbook' });
  for (const s of sheets) g.sheets.push(s);
}

function readCsv(g: Gathered, f: InputFile): void {
  const name = basename(f.name, extname(f.name));
  if (!sheetFor(name)) {
    g.sources.push({ name: f.name, kind: 'csv', encoding: decodeText(f.data.subarray(0, 4096)).encoding });
    fileProblem(g, f, 'csvSheetUnknown');
    return;
  }
  try {
    const { rows, encoding } = readCsvBytes(f.data, basename(f.name));
    g.sources.push({ name: f.name, kind: 'csv', encoding });
    g.sheets.push({ name, rows, numeric: null });
  } catch (e) {
    if (!(e instanceof CsvFormatError)) throw e;
    fileProblem(g, f, 'csvUnreadable');
  }
}

function readJson(g: Gathered, f: InputFile): void {
  if (f.data.length > PLAN_FILE_LIMITS.jsonBytes) throw new AppError('LIMIT_EXCEEDED', 'limits.jsonFileBytes', { file: basename(f.name), limit: sizeText(PLAN_FILE_LIMITS.jsonBytes) });
  try {
    g.json = JSON.parse(decodeText(f.data).text);
    g.sources.push({ name: f.name, kind: 'json' });
  } catch {
    fileProblem(g, f, 'jsonInvalid');
  }
}

/** P7: each photo is inflated only up to PHOTO_LIMITS.inflated; a larger one is passed by unread (and not stored). */
async function readPhotoZip(g: Gathered, f: InputFile): Promise<void> {
  try {
    const read = await readZipEntries(f.data, {
      file: basename(f.name),
      want: (name) => (photoKey(name) ? PHOTO_LIMITS.inflated : false),
      oversized: 'skip',
    });
    for (const e of read.entries) addPhoto(g, e.name, e.data);
    for (const s of read.skipped) {
      const k = photoKey(s.name);
      if (k) keepPhoto(g, k.key, unreadPhoto(k.base, s.size));
    }
    g.sources.push({ name: f.name, kind: 'photos' });
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    fileProblem(g, f, 'zipUnreadable');
  }
}

/** One file handed in, by its extension. */
async function readOne(g: Gathered, f: InputFile): Promise<void> {
  const ext = extname(f.name).toLowerCase();
  if (ext === '.xlsx') await readWorkbook(g, f);
  else if (ext === '.csv' || ext === '.txt') readCsv(g, f);
  else if (ext === '.json') readJson(g, f);
  else if (ext === '.zip') await readPhotoZip(g, f);
  else if (IMAGE_EXT.test(f.name)) addPhoto(g, f.name, f.data);
  else if (ext === '.xls') fileProblem(g, f, 'xlsUnsupported');
  else fileProblem(g, f, 'fileTypeUnknown');
}

/**
 * What was read, as plain data a worker thread can hand back (structured clone): the locator is
 * rebuilt from `rows` (the workbook's rows of each item) where the result is used.
 */
export type ReadData = Omit<ReadResult, 'locate'> & { rows: SheetRows | null };

/** The result with its locator: sheet rows for a workbook or CSVs, JSON paths otherwise. */
export function withLocator(d: ReadData): ReadResult {
  const { rows, ...rest } = d;
  return { ...rest, locate: rows ? sheetLocator(rows) : jsonLocator };
}

/** The JSON form, checked by its schema; problems point into it (section, item, field). */
function fromJson(g: Gathered): ReadData {
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
    return { pkg: null, rows: null, problems, photos, sources };
  }
  for (const c of parsed.data.candidates) {
    if (c.photo) keepPhoto(g, c.ticketNo.toUpperCase(), photoFile(`${c.ticketNo}.jpg`, Buffer.from(c.photo, 'base64')));
  }
  return { pkg: parsed.data, rows: null, problems, photos, sources };
}

/** Reads every file handed in (a workbook, CSVs, a JSON package, photos or a zip of them). */
export async function readPlanFiles(files: readonly InputFile[], opts: { packageObject?: unknown } = {}): Promise<ReadResult> {
  return withLocator(await readPlanData(files, opts));
}

/** readPlanFiles as plain data (what the import worker runs). */
export async function readPlanData(files: readonly InputFile[], opts: { packageObject?: unknown } = {}): Promise<ReadData> {
  if (files.length > PLAN_FILE_LIMITS.files) throw new AppError('LIMIT_EXCEEDED', 'limits.planFiles', { count: files.length, limit: PLAN_FILE_LIMITS.files });
  const g: Gathered = { problems: [], photos: new Map(), sources: [], sheets: [], json: opts.packageObject };
  for (const f of files) await readOne(g, f);
  // photos handed in one by one: one source line that counts them
  if (g.photos.size > 0 && !g.sources.some((s) => s.kind === 'photos')) g.sources.push({ name: '', kind: 'photos', count: g.photos.size });
  if (g.json !== undefined) return fromJson(g);
  const { problems, photos, sources } = g;
  if (g.sheets.length === 0) {
    if (problems.length === 0) problems.push(problem('error', 'FORMAT', wholeOf(FILES_PLACE), 'nothingToRead'));
    return { pkg: null, rows: null, problems, photos, sources };
  }
  const { pkg, rows } = buildFromSheets(g.sheets, problems);
  return { pkg, rows, problems, photos, sources };
}

export { parseDate, parseDateTime, parseKind, parseLevel, parseMode } from './words';
