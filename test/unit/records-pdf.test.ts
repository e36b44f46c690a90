// The PDF forms on their own (DOMAIN A2, P11) and the retention arithmetic (A3): a rare name
// (CJK Extension B) is drawn with an embedded font that has it and reads back as text; a
// character no font has is refused by name, never printed as a blank box; periods count from the
// exam date and refuse to go below the seed's minimum.
import { execFile } from 'node:child_process';
import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../electron/services/errors';
import { dueOn, retentionPolicy, setRetentionPolicy } from '../../electron/services/records/classes';
import { pdfFonts } from '../../electron/services/records/fonts';
import { formPdf, type FormTable } from '../../electron/services/records/pdf';
import { openDatabase } from '../../db';
import { tempDir } from './helpers';

const run = promisify(execFile);

const form = (name: string): FormTable => ({
  title: '职业技能等级证书发证名册',
  sheetName: '发证名册',
  meta: ['评价机构：枣庄市技师学院'],
  columns: [
    { label: '序号', width: 1 },
    { label: '姓名', width: 3 },
  ],
  rows: [[1, name]],
  footer: [],
});

describe('records PDF forms (A2, P11)', () => {
  it('P11: 王𪚥 (U+2A6A5, Extension B) is drawn with an embedded font that has it and reads back; the XMP names PDF/A-2b', async () => {
    const pdf = await formPdf([form('王𪚥')], { title: '发证名册', author: '考点通', createdAt: new Date('2026-06-01T00:00:00Z') });
    const file = join(tempDir('esc-pdf-'), 'f.pdf');
    writeFileSync(file, pdf);
    const fonts = (await run('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const l of fonts) expect(l.split(/\s+/).slice(-5)[0]).toBe('yes');
    expect((await run('pdftotext', [file, '-'])).stdout).toContain('王𪚥');
    const meta = (await run('pdfinfo', ['-meta', file])).stdout;
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('each PDF draws with the fonts parsed once per process: no font file is read again (an archive is a dozen PDFs, and a CJK collection is 19 MB to read and parse)', async () => {
    const files = new Set(pdfFonts().map((f) => f.file));
    const read = vi.spyOn(fs, 'readFileSync');
    syncBuiltinESMExports(); // pdfkit imports readFileSync by name
    try {
      await formPdf([form('王小明')], { title: '发证名册', author: '考点通', createdAt: new Date('2026-06-01T00:00:00Z') });
      expect(read.mock.calls.map(([p]) => String(p)).filter((p) => files.has(p))).toEqual([]);
    } finally {
      read.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it('P11: a character no font has is refused, naming it (U+10FFFD, private use)', async () => {
    const err = await formPdf([form('王\u{10FFFD}')], { title: 'x', author: 'x', createdAt: new Date() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).reason).toBe('records.glyphMissing');
    expect((err as AppError).params).toMatchObject({ codePoint: 'U+10FFFD' });
  });
});

describe('retention (A3)', () => {
  it('A3: due on the exam date plus the years; 29 February falls on 1 March in a common year', () => {
    expect(dueOn('2026-05-21', 5)).toBe('2031-05-21');
    expect(dueOn('2024-02-29', 1)).toBe('2025-03-01');
  });

  it('A3: Shandong 5 years by default; Zhejiang 1/3/30; a period may grow, never shrink below the seed', () => {
    const { sqlite, close } = openDatabase(join(tempDir('esc-ret-'), 'c.sqlite'));
    try {
      expect(retentionPolicy(sqlite).years).toMatchObject({ registration: 5, certificates: 5 });
      const zj = setRetentionPolicy(sqlite, { province: 'ZJ', years: { scoring: 4 } }, '2026-06-01T00:00:00Z', null);
      expect(zj.years).toMatchObject({ registration: 1, signin: 1, exam_records: 1, scoring: 4, supervision: 3, certificates: 30 });
      expect(() => setRetentionPolicy(sqlite, { province: 'ZJ', years: { certificates: 29 } }, '2026-06-01T00:00:00Z', null)).toThrow(AppError);
      expect(retentionPolicy(sqlite).years.scoring).toBe(4); // the refused change left the setting as it was
    } finally {
      close();
    }
  });
});
