// Reads the cells of an .xlsx that hold a value, and nothing else: the plan workbook and the
// theory-score workbook. The zip is read under WORKBOOK_LIMITS (inflating stops at the limit), each
// sheet's XML is parsed as it inflates (saxes, the SAX parser exceljs itself uses) and only cells
// with a value are kept, so a stray cell at XFD1048576, a merge or a validation over a whole sheet
// cost nothing; rows, columns, cells and characters are counted while parsing and refused past
// their limit. exceljs stays for writing workbooks.
import { SaxesParser } from 'saxes';
import { WORKBOOK_LIMITS, columnLetters, sizeText } from '../../domain/limits';
import { unneutralise } from '../cells';
import { AppError } from '../errors';
import { openZipArchive, type ZipArchive } from './zip';

/** A sheet's cells as text, row by row from row 1 (rows and cells past the last value are absent). */
export interface XlsxSheet {
  name: string;
  rows: string[][];
  /** per row, the columns whose cell held a number (an ID number typed as a number has lost digits) */
  numeric: (boolean[] | undefined)[];
}

/** Not an .xlsx, or one whose parts do not hold together: the caller words it as "unreadable". */
export class XlsxFormatError extends Error {
  constructor(detail: string) {
    super(`readXlsx: ${detail}`);
    this.name = 'XlsxFormatError';
  }
}

/** A value cell as stored: its type attribute, the text of <v>/<is>, its style. */
interface RawCell {
  col: number;
  t: string;
  v: string;
  s: number;
}

const REL_NS_ID = 'r:id';

/** Parses one XML part from its inflated chunks; `onOpen`/`onText`/`onClose` see every node. */
async function parseXml(
  chunks: AsyncIterable<Buffer>,
  on: { open?: (name: string, attrs: Record<string, string>) => void; text?: (t: string) => void; close?: (name: string) => void },
): Promise<void> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  if (on.open) parser.on('opentag', (n) => on.open!(n.name, n.attributes));
  if (on.text) parser.on('text', on.text);
  if (on.close) parser.on('closetag', (n) => on.close!(n.name));
  const decoder = new TextDecoder('utf-8');
  for await (const c of chunks) {
    parser.write(decoder.decode(c, { stream: true }));
    if (failure) throw new XlsxFormatError((failure as Error).message);
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw new XlsxFormatError((failure as Error).message);
}

/** The local name of a tag (`x:row` → `row`): some writers prefix the main namespace. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** A1 → { row, col } (1-based); null for what is not a cell address. */
function address(ref: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

async function relationships(zip: ZipArchive, part: string): Promise<Map<string, { type: string; target: string }>> {
  const out = new Map<string, { type: string; target: string }>();
  const path = relsPath(part);
  if (!zip.entries.some((e) => e.name === path)) return out;
  await parseXml(zip.chunks(path), {
    open: (name, a) => {
      if (local(name) === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') out.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
    },
  });
  return out;
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, and the zh-CN ones 27–36, 50–58). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom number format shows a date when it has date letters outside quotes and brackets (as exceljs judges). */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (cellXfs index), whether its number format is a date. */
async function dateStyles(zip: ZipArchive, path: string | null): Promise<boolean[]> {
  if (!path || !zip.entries.some((e) => e.name === path)) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inXfs = false;
  await parseXml(zip.chunks(path), {
    open: (name, a) => {
      const n = local(name);
      if (n === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (n === 'cellXfs') inXfs = true;
      else if (n === 'xf' && inXfs) {
        xfs.push(Number(a.numFmtId ?? 0));
        if (xfs.length > 65_536) throw new XlsxFormatError('too many styles');
      }
    },
    close: (name) => {
      if (local(name) === 'cellXfs') inXfs = false;
    },
  });
  return xfs.map((id) => (custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id)));
}

/** Shared strings: plain text, or rich runs joined (phonetic runs left out), as exceljs reads them. */
async function sharedStrings(zip: ZipArchive, path: string | null, file: string): Promise<{ text: string; rich: boolean }[]> {
  if (!path || !zip.entries.some((e) => e.name === path)) return [];
  const out: { text: string; rich: boolean }[] = [];
  let cur: string[] | null = null;
  let rich = false;
  let inT = false;
  let inPhonetic = false;
  let chars = 0;
  await parseXml(zip.chunks(path), {
    open: (name) => {
      const n = local(name);
      if (n === 'si') {
        cur = [];
        rich = false;
        chars = 0;
      } else if (n === 'r') rich = true;
      else if (n === 'rPh') inPhonetic = true;
      else if (n === 't' && !inPhonetic) inT = true;
    },
    text: (t) => {
      if (!cur || !inT) return;
      chars += t.length;
      if (chars > WORKBOOK_LIMITS.cellChars) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookCellChars', { file, cell: `#${out.length + 1}`, limit: WORKBOOK_LIMITS.cellChars });
      cur.push(t);
    },
    close: (name) => {
      const n = local(name);
      if (n === 't') inT = false;
      else if (n === 'rPh') inPhonetic = false;
      else if (n === 'si' && cur) {
        out.push({ text: cur.join(''), rich });
        cur = null;
        if (out.length > WORKBOOK_LIMITS.sharedStrings) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookStrings', { file, limit: WORKBOOK_LIMITS.sharedStrings });
      }
    },
  });
  return out;
}

interface Budget {
  cells: number;
}

/** One sheet's value cells by row, counted against the limits as they are parsed. */
async function sheetCells(zip: ZipArchive, path: string, file: string, sheet: string, budget: Budget): Promise<Map<number, RawCell[]>> {
  const rows = new Map<number, RawCell[]>();
  let rowNo = 0;
  let colNo = 0;
  let cell: RawCell | null = null;
  let cellRow = 0;
  let inValue = false;
  let inPhonetic = false;
  let text: string[] = [];
  let chars = 0;
  let inSheetData = false;
  await parseXml(zip.chunks(path), {
    open: (name, a) => {
      const n = local(name);
      if (n === 'sheetData') inSheetData = true;
      if (!inSheetData) return;
      if (n === 'row') {
        rowNo = a.r ? Number(a.r) : rowNo + 1;
        colNo = 0;
        if (!Number.isInteger(rowNo) || rowNo < 1) throw new XlsxFormatError(`bad row ${a.r}`);
      } else if (n === 'c') {
        const at = a.r ? address(a.r) : { row: rowNo, col: colNo + 1 };
        if (!at) throw new XlsxFormatError(`bad cell ${a.r}`);
        colNo = at.col;
        cellRow = at.row;
        cell = { col: at.col, t: a.t ?? 'n', v: '', s: Number(a.s ?? 0) };
        text = [];
        chars = 0;
      } else if (cell && (n === 'v' || (n === 't' && !inPhonetic))) inValue = true;
      else if (n === 'rPh') inPhonetic = true;
    },
    text: (t) => {
      if (!inValue) return;
      chars += t.length;
      if (chars > WORKBOOK_LIMITS.cellChars) {
        throw new AppError('LIMIT_EXCEEDED', 'limits.workbookCellChars', { file, cell: `${sheet}!${columnLetters(colNo)}${cellRow}`, limit: WORKBOOK_LIMITS.cellChars });
      }
      text.push(t);
    },
    close: (name) => {
      const n = local(name);
      if (n === 'sheetData') inSheetData = false;
      else if (n === 'v' || n === 't') inValue = false;
      else if (n === 'rPh') inPhonetic = false;
      else if (n === 'c' && cell) {
        const c: RawCell = cell;
        cell = null;
        c.v = text.join('');
        // a cell with a style and no value is no cell at all: it costs nothing, wherever it is
        if (c.v === '') return;
        const where = `${sheet}!${columnLetters(c.col)}${cellRow}`;
        if (c.col > WORKBOOK_LIMITS.columns) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookColumns', { file, cell: where, limit: columnLetters(WORKBOOK_LIMITS.columns) });
        if (cellRow > WORKBOOK_LIMITS.rows) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookRows', { file, cell: where, limit: WORKBOOK_LIMITS.rows });
        if (++budget.cells > WORKBOOK_LIMITS.cells) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookCells', { file, limit: WORKBOOK_LIMITS.cells });
        let list = rows.get(cellRow);
        if (!list) rows.set(cellRow, (list = []));
        list.push(c);
      }
    },
  });
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A serial date as the sheet's wall time (YYYY-MM-DD, with HH:mm when it has a time), as table.ts words exceljs's dates. */
function serialDate(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/** A value cell as text, and whether it held a number. */
function cellValue(c: RawCell, strings: { text: string; rich: boolean }[], dates: boolean[], date1904: boolean): { text: string; numeric: boolean } {
  switch (c.t) {
    case 's': {
      const s = strings[Number(c.v)];
      if (!s) return { text: '', numeric: false };
      return { text: s.rich ? s.text.trim() : unneutralise(s.text.trim()), numeric: false };
    }
    case 'str':
    case 'inlineStr':
    case 'd':
      return { text: unneutralise(c.v.trim()), numeric: false };
    case 'b':
      return { text: Number(c.v) !== 0 ? '是' : '否', numeric: false };
    case 'e':
      return { text: '', numeric: false };
    default: {
      const n = Number(c.v);
      if (!Number.isFinite(n)) return { text: c.v.trim(), numeric: false };
      if (dates[c.s]) return { text: serialDate(n, date1904), numeric: false };
      return { text: String(n), numeric: true };
    }
  }
}

/**
 * Reads a workbook's sheets (all of them, or the first only) as rows of text. Refuses a file over
 * WORKBOOK_LIMITS with LIMIT_EXCEEDED naming the limit; throws XlsxFormatError or ZipFormatError
 * for what is not a readable workbook.
 */
export async function readXlsx(data: Buffer, file: string, opts: { firstSheetOnly?: boolean } = {}): Promise<XlsxSheet[]> {
  if (data.length > WORKBOOK_LIMITS.bytes) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookBytes', { file, limit: sizeText(WORKBOOK_LIMITS.bytes) });
  const zip = await openZipArchive(data, { file, limits: { entries: 10_000, inflated: WORKBOOK_LIMITS.inflated, entryInflated: WORKBOOK_LIMITS.inflated } });
  try {
    const book = 'xl/workbook.xml';
    const rootRels = await relationships(zip, '');
    const bookPath = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? book;
    if (!zip.entries.some((e) => e.name === bookPath)) throw new XlsxFormatError('no workbook part');
    const sheets: { name: string; rid: string }[] = [];
    let date1904 = false;
    await parseXml(zip.chunks(bookPath), {
      open: (name, a) => {
        const n = local(name);
        if (n === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        else if (n === 'sheet') {
          sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, rid: a[REL_NS_ID] ?? '' });
          if (sheets.length > WORKBOOK_LIMITS.sheets) throw new AppError('LIMIT_EXCEEDED', 'limits.workbookSheets', { file, limit: WORKBOOK_LIMITS.sheets });
        }
      },
    });
    const rels = await relationships(zip, bookPath);
    const relOf = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? null;
    const strings = await sharedStrings(zip, relOf('/sharedStrings'), file);
    const dates = await dateStyles(zip, relOf('/styles'));
    const budget: Budget = { cells: 0 };
    const out: XlsxSheet[] = [];
    for (const s of sheets) {
      const rel = rels.get(s.rid);
      // chart sheets and dialog sheets hold no cells
      if (!rel || !rel.type.endsWith('/worksheet')) continue;
      if (!zip.entries.some((e) => e.name === rel.target)) throw new XlsxFormatError(`missing sheet part ${rel.target}`);
      const cells = await sheetCells(zip, rel.target, file, s.name, budget);
      let last = 0;
      for (const r of cells.keys()) last = Math.max(last, r);
      const rows: string[][] = [];
      const numeric: (boolean[] | undefined)[] = [];
      for (let r = 1; r <= last; r++) {
        const list = cells.get(r);
        const row: string[] = [];
        let num: boolean[] | undefined;
        if (list) {
          let width = 0;
          for (const c of list) width = Math.max(width, c.col);
          for (let i = 0; i < width; i++) row.push('');
          for (const c of list) {
            const v = cellValue(c, strings, dates, date1904);
            row[c.col - 1] = v.text;
            if (v.numeric) (num ??= [])[c.col - 1] = true;
          }
        }
        rows.push(row);
        numeric.push(num);
      }
      out.push({ name: s.name, rows, numeric });
      if (opts.firstSheetOnly) break;
    }
    return out;
  } finally {
    zip.close();
  }
}
