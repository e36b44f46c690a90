// Hostile files, generated (nothing large is committed): random bytes, truncated files, zip bombs
// (declared honestly, or lying about their size), workbooks with a cell at XFD, whole-sheet merges,
// 5 MB cells, GBK-named zip entries as Chinese Windows writes them. Bombs are streamed into the
// zip, so making one costs the test a few megabytes, whatever it inflates to.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yazl from 'yazl';

/** level 1: a bomb of repeated bytes still deflates well over 100:1, at a fraction of level 9's time */
const LEVEL = 1;

export interface GenEntry {
  name: string;
  data?: Buffer;
  /** bytes streamed in (a bomb): `size` bytes of `fill`, or of the pieces given, repeated */
  fill?: { size: number; piece: string | Buffer; head?: string; tail?: string };
}

function filler(f: NonNullable<GenEntry['fill']>): Readable {
  const piece = typeof f.piece === 'string' ? Buffer.from(f.piece) : f.piece;
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i += piece.length) piece.copy(block, i, 0, Math.min(piece.length, block.length - i));
  let left = f.size;
  let started = false;
  return new Readable({
    read() {
      if (!started && f.head) this.push(Buffer.from(f.head));
      started = true;
      if (left <= 0) {
        if (f.tail) this.push(Buffer.from(f.tail));
        this.push(null);
        return;
      }
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

/** A zip of the entries, deflated, in memory. */
export function zipOf(entries: GenEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    if (e.fill) zip.addReadStream(filler(e.fill), e.name, { mtime: new Date(1980, 0, 1), compressionLevel: LEVEL });
    else zip.addBuffer(e.data ?? Buffer.alloc(0), e.name, { mtime: new Date(1980, 0, 1) });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** The zip with every entry's sizes in the central directory rewritten to `declared` (a lying bomb). */
export function lieAboutSizes(zip: Buffer, declared: number): Buffer {
  const out = Buffer.from(zip);
  for (let p = out.length - 22; p >= 0; p--) {
    if (out.readUInt32LE(p) !== 0x06054b50) continue;
    let c = out.readUInt32LE(p + 16);
    const n = out.readUInt16LE(p + 10);
    for (let i = 0; i < n; i++) {
      out.writeUInt32LE(declared, c + 24);
      c += 46 + out.readUInt16LE(c + 28) + out.readUInt16LE(c + 30) + out.readUInt16LE(c + 32);
    }
    break;
  }
  return out;
}

/**
 * Entries named in GBK without the UTF-8 flag, as Chinese Windows' built-in zip writes them: written
 * under ASCII placeholders of the same byte length, then the name bytes swapped.
 */
export async function gbkNamedZip(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const names = entries.map((e, i) => {
    const gbk = iconv.encode(e.name, 'gbk');
    const placeholder = `${String(i).padStart(6, '0')}${'_'.repeat(Math.max(0, gbk.length - 6))}`.slice(0, gbk.length);
    if (placeholder.length !== gbk.length) throw new Error('gbkNamedZip: name too short');
    return { gbk, placeholder: Buffer.from(placeholder, 'latin1') };
  });
  let zip = await zipOf(entries.map((e, i) => ({ name: names[i]!.placeholder.toString('latin1'), data: e.data })));
  zip = Buffer.from(zip);
  for (const { gbk, placeholder } of names) {
    for (let at = zip.indexOf(placeholder); at >= 0; at = zip.indexOf(placeholder, at + 1)) gbk.copy(zip, at);
  }
  return zip;
}

export const randomFile = (size: number): Buffer => randomBytes(size);
export const truncated = (b: Buffer, keep = 0.5): Buffer => b.subarray(0, Math.floor(b.length * keep));

const CT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const BOOK = (sheet: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const BOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A one-sheet workbook whose sheet XML is given, or streamed (a bomb: `fill` between head and tail). */
export function rawWorkbook(sheet: { xml?: string; fill?: GenEntry['fill'] }, sheetName = 'Sheet1'): Promise<Buffer> {
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from(CT) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(BOOK(sheetName)) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(BOOK_RELS) },
    sheet.fill ? { name: 'xl/worksheets/sheet1.xml', fill: sheet.fill } : { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet.xml ?? SHEET_HEAD + SHEET_TAIL) },
  ]);
}

/** A workbook with rows (as exceljs writes it), then edited by `edit` (a far-right cell, a merge…). */
export async function workbookOf(sheetName: string, rows: (string | number)[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Edits a workbook already written (the demo plan's), sheet by name. */
export async function editSheet(data: Buffer, sheetName: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  edit(wb.getWorksheet(sheetName)!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The process's peak resident memory so far (bytes): it only grows, so a difference is an import's peak above the last one. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
