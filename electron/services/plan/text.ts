// Text as sites send it: CSV in UTF-8 (with or without BOM) or GBK/GB18030, which Chinese Excel
// writes by default. GB18030 is a superset of GBK and covers every code point, so rare
// characters (P11, CJK Extension B) survive its four-byte sequences.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { CSV_LIMITS, sizeText } from '../../domain/limits';
import { AppError } from '../errors';

export type TextEncodingName = 'utf-8' | 'gb18030';

export function decodeText(bytes: Buffer): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}

/** A CSV that cannot be parsed (a quote never closed…): the caller words it as its own problem. */
export class CsvFormatError extends Error {
  constructor(detail: string) {
    super(`parseCsv: ${detail}`);
    this.name = 'CsvFormatError';
  }
}

/**
 * RFC 4180 CSV on csv-parse: quoted fields, doubled quotes, CRLF, LF or CR, a stray quote kept as
 * it is. Rows of strings, under CSV_LIMITS: parsing stops at the row limit, a record longer than
 * the line limit or wider than the column limit is refused with LIMIT_EXCEEDED.
 */
export function parseCsv(text: string, file = ''): string[][] {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: CSV_LIMITS.lineChars,
      // one record past the limit tells a file at the limit from one over it, and parsing stops there
      to: CSV_LIMITS.rows + 1,
    }) as string[][];
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE') throw new AppError('LIMIT_EXCEEDED', 'limits.csvLine', { file, limit: CSV_LIMITS.lineChars });
    throw new CsvFormatError(e instanceof Error ? e.message : String(e));
  }
  if (rows.length > CSV_LIMITS.rows) throw new AppError('LIMIT_EXCEEDED', 'limits.csvRows', { file, limit: CSV_LIMITS.rows });
  const wide = rows.findIndex((r) => r.length > CSV_LIMITS.columns);
  if (wide >= 0) throw new AppError('LIMIT_EXCEEDED', 'limits.csvColumns', { file, row: wide + 1, limit: CSV_LIMITS.columns });
  return rows;
}

/** Decodes a CSV file's bytes and parses it, refusing a file over CSV_LIMITS.bytes before reading it. */
export function readCsvBytes(bytes: Buffer, file = ''): { rows: string[][]; encoding: TextEncodingName } {
  if (bytes.length > CSV_LIMITS.bytes) throw new AppError('LIMIT_EXCEEDED', 'limits.csvBytes', { file, limit: sizeText(CSV_LIMITS.bytes) });
  const { text, encoding } = decodeText(bytes);
  return { rows: parseCsv(text, file), encoding };
}

export { toCsv } from '../cells';
