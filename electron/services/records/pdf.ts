// Official forms as PDF/A-2b (DOMAIN A2): pdfkit's PDF/A mode writes the XMP metadata naming
// PDF/A-2b and the sRGB output intent; every font is embedded as a subset (fonts.ts). A form is a
// title, lines under it, a table that repeats its header on each page, lines under the table and
// optional bar charts. The same description gives the xlsx (formXlsx), so the two always agree.
import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';
import { neutralise, workbookBuffer } from '../cells';
import { pdfFonts, runsOf, type PdfFont } from './fonts';

export interface FormColumn {
  label: string;
  /** relative width */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface BarChart {
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
}

export interface FormTable {
  title: string;
  /** the worksheet's name in the xlsx (≤ 31 characters) */
  sheetName: string;
  meta: string[];
  columns: FormColumn[];
  rows: (string | number | null)[][];
  footer: string[];
  landscape?: boolean;
  charts?: BarChart[];
}

export interface PdfInfo {
  title: string;
  subject?: string;
  author: string;
  /** the archive's clock, so a rebuilt PDF says when it was made */
  createdAt: Date;
}

const MARGIN = 40;
const CELL_PAD = 3;

type Doc = InstanceType<typeof PDFDocument>;

function newDoc(info: PdfInfo, landscape: boolean): Doc {
  return new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    margin: MARGIN,
    autoFirstPage: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: info.title, Author: info.author, Subject: info.subject ?? info.title, Creator: '考点通 / Exam-Site Console', CreationDate: info.createdAt, ModDate: info.createdAt },
  });
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

class Writer {
  readonly fonts: PdfFont[];
  y = MARGIN;
  constructor(
    readonly doc: Doc,
    private readonly landscape: boolean,
  ) {
    this.fonts = pdfFonts();
    // the fonts parsed once per process (fonts.ts), not the files: given a path, pdfkit reads and
    // parses the whole collection again for each document (19 MB for Noto Sans CJK, a dozen PDFs per
    // archive), and its shaping tables with it. pdfkit takes a fontkit font as a source; its types
    // name only paths and bytes, hence the cast
    for (const f of this.fonts) doc.registerFont(f.key, f.font as unknown as Buffer);
  }
  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN;
  }
  page(): void {
    this.doc.addPage({ size: 'A4', layout: this.landscape ? 'landscape' : 'portrait', margin: MARGIN });
    this.y = MARGIN;
  }
  measure(text: string, size: number): number {
    let w = 0;
    for (const r of runsOf(text, this.fonts)) w += this.doc.font(r.font.key).fontSize(size).widthOfString(r.text);
    return w;
  }
  /** Breaks text into lines that fit `width`, character by character (Chinese has no spaces). */
  wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      let w = 0;
      for (const ch of para) {
        const cw = this.measure(ch, size);
        if (w + cw > width && line) {
          lines.push(line);
          line = '';
          w = 0;
        }
        line += ch;
        w += cw;
      }
      lines.push(line);
    }
    return lines;
  }
  draw(text: string, x: number, y: number, size: number, width?: number, align: 'left' | 'center' | 'right' = 'left'): void {
    const total = width === undefined || align === 'left' ? 0 : this.measure(text, size);
    let cx = align === 'center' && width !== undefined ? x + (width - total) / 2 : align === 'right' && width !== undefined ? x + width - total : x;
    for (const r of runsOf(text, this.fonts)) {
      this.doc.font(r.font.key).fontSize(size).text(r.text, cx, y, { lineBreak: false });
      cx += this.doc.widthOfString(r.text);
    }
  }
  para(text: string, size: number, align: 'left' | 'center' = 'left'): void {
    for (const line of this.wrap(text, size, this.width)) {
      if (this.y + size * 1.5 > this.bottom) this.page();
      this.draw(line, MARGIN, this.y, size, this.width, align);
      this.y += size * 1.5;
    }
  }
}

function table(w: Writer, cols: readonly FormColumn[], rows: readonly (string | number | null)[][]): void {
  const size = 9;
  const lineH = size * 1.35;
  const total = cols.reduce((s, c) => s + c.width, 0);
  const widths = cols.map((c) => (c.width / total) * w.width);
  const rowOf = (cells: readonly (string | number | null)[], bold: boolean) => {
    const lines = cells.map((v, i) => w.wrap(v === null || v === undefined ? '' : String(v), size, widths[i]! - 2 * CELL_PAD));
    const h = Math.max(1, ...lines.map((l) => l.length)) * lineH + 2 * CELL_PAD;
    return { lines, h, bold };
  };
  const header = rowOf(
    cols.map((c) => c.label),
    true,
  );
  const paint = (r: ReturnType<typeof rowOf>) => {
    let x = MARGIN;
    const doc = w.doc;
    if (r.bold) doc.rect(MARGIN, w.y, w.width, r.h).fillColor('#eeeeee').fill().fillColor('#000000');
    r.lines.forEach((lines, i) => {
      const cw = widths[i]!;
      doc.lineWidth(0.5).strokeColor('#000000').rect(x, w.y, cw, r.h).stroke();
      lines.forEach((line, k) => w.draw(line, x + CELL_PAD, w.y + CELL_PAD + k * lineH, size, cw - 2 * CELL_PAD, r.bold ? 'center' : (cols[i]!.align ?? 'left')));
      x += cw;
    });
    w.y += r.h;
  };
  if (w.y + header.h * 2 > w.bottom) w.page();
  paint(header);
  for (const cells of rows) {
    const r = rowOf(cells, false);
    if (w.y + r.h > w.bottom) {
      w.page();
      paint(header);
    }
    paint(r);
  }
}

function chart(w: Writer, c: BarChart): void {
  const h = 180;
  if (w.y + h + 40 > w.bottom) w.page();
  w.y += 8;
  w.para(c.title, 11);
  const doc = w.doc;
  const top = w.y;
  const left = MARGIN + 30;
  const width = w.width - 40;
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const groupW = width / Math.max(1, c.labels.length);
  const barW = Math.min(24, (groupW * 0.8) / Math.max(1, c.series.length));
  const colours = ['#1677ff', '#52c41a', '#faad14', '#eb2f96'];
  doc.lineWidth(0.5).strokeColor('#000000').moveTo(left, top).lineTo(left, top + h).lineTo(left + width, top + h).stroke();
  w.draw(String(max), MARGIN, top - 4, 7);
  w.draw('0', MARGIN, top + h - 6, 7);
  c.labels.forEach((label, i) => {
    c.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const bh = (v / max) * (h - 10);
      const x = left + i * groupW + (groupW - barW * c.series.length) / 2 + k * barW;
      doc.rect(x, top + h - bh, barW - 2, bh).fillColor(colours[k % colours.length]!).fill();
      doc.fillColor('#000000');
      w.draw(String(v), x, top + h - bh - 9, 7, barW, 'center');
    });
    w.draw(label.length > 12 ? `${label.slice(0, 12)}…` : label, left + i * groupW, top + h + 3, 7, groupW, 'center');
  });
  let lx = left;
  c.series.forEach((s, k) => {
    doc.rect(lx, top + h + 16, 8, 8).fillColor(colours[k % colours.length]!).fill();
    doc.fillColor('#000000');
    w.draw(s.name, lx + 11, top + h + 15, 8);
    lx += 20 + w.measure(s.name, 8);
  });
  w.y = top + h + 32;
}

/** One PDF/A-2b document holding one or more forms, each from a new page. */
export async function formPdf(forms: readonly FormTable[], info: PdfInfo): Promise<Buffer> {
  const landscape = forms.some((f) => f.landscape);
  const doc = newDoc(info, landscape);
  const done = collect(doc);
  const w = new Writer(doc, landscape);
  for (const f of forms) {
    w.page();
    w.para(f.title, 16, 'center');
    w.y += 4;
    for (const m of f.meta) w.para(m, 10);
    w.y += 4;
    table(w, f.columns, f.rows);
    w.y += 10;
    for (const line of f.footer) w.para(line, 10);
    for (const c of f.charts ?? []) chart(w, c);
  }
  doc.end();
  return done;
}

/** The same form as an xlsx sheet; text neutralised against formula injection like the other forms. */
export async function formXlsx(forms: readonly FormTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const names = new Set<string>();
  for (const f of forms) {
    let name = f.sheetName.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || 'Sheet';
    for (let n = 2; names.has(name); n++) name = `${f.sheetName.slice(0, 28)}(${n})`;
    names.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow([neutralise(f.title)]);
    ws.mergeCells(1, 1, 1, Math.max(1, f.columns.length));
    ws.getRow(1).getCell(1).font = { bold: true, size: 16 };
    ws.getRow(1).getCell(1).alignment = { horizontal: 'center' };
    for (const m of f.meta) ws.addRow([neutralise(m)]);
    ws.addRow(f.columns.map((c) => c.label));
    const headerRow = ws.rowCount;
    ws.getRow(headerRow).font = { bold: true };
    for (const r of f.rows) ws.addRow(r.map(neutralise));
    for (let r = headerRow; r <= ws.rowCount; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      });
    }
    for (const line of f.footer) ws.addRow([neutralise(line)]);
    ws.columns.forEach((c, i) => (c.width = Math.max(6, Math.min(40, (f.columns[i]?.width ?? 1) * 4))));
  }
  return workbookBuffer(wb);
}
