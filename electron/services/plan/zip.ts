// ZIP archives on yauzl (read) and yazl (write): the plan's photo zip, the zip inside every .xlsx,
// the plan export and the demo plan. Read entry by entry from memory, inflating as a stream that is
// stopped at the limit (ZIP_LIMITS): a bomb costs what the limit costs, never what it claims. ZIP64
// comes with yauzl; names that Chinese Windows writes in GBK (no UTF-8 flag) are decoded as GB18030.
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { ZIP_LIMITS, sizeText } from '../../domain/limits';
import { AppError } from '../errors';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A file that is not a zip, or a broken one: the caller words it as its own "unreadable" problem. */
export class ZipFormatError extends Error {
  constructor(detail: string) {
    super(`readZip: ${detail}`);
    this.name = 'ZipFormatError';
  }
}

export interface ZipReadOptions {
  /** the file's name, for the refusal's wording */
  file?: string;
  limits?: { entries: number; inflated: number; entryInflated: number };
  /**
   * Which entries to inflate: return the most bytes to inflate for it, or false to pass it by.
   * Default: every file entry, up to limits.entryInflated.
   */
  want?: (name: string, declaredSize: number) => number | false;
  /** what to do with an entry larger than what `want` allowed: refuse the whole file (default) or pass it by */
  oversized?: 'refuse' | 'skip';
}

export interface ZipRead {
  entries: ZipEntry[];
  /** entries passed by because they were larger than allowed (oversized: 'skip') */
  skipped: { name: string; size: number }[];
}

const UTF8_FLAG = 0x800;
const UNICODE_PATH_EXTRA = 0x7075;

/** The entry's name: UTF-8 when flagged (or carried in the Info-ZIP extra field), else UTF-8 if it is valid, else GBK. */
export function entryName(e: Pick<yauzl.Entry, 'generalPurposeBitFlag' | 'fileName' | 'fileNameRaw' | 'extraFields'>): string {
  if (e.generalPurposeBitFlag & UTF8_FLAG) return e.fileName;
  if (e.extraFields.some((f) => f.id === UNICODE_PATH_EXTRA)) return e.fileName;
  const raw = e.fileNameRaw;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(raw, 'gb18030');
  }
}

function openZip(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, autoClose: true }, (err, zip) => {
      if (err || !zip) reject(new ZipFormatError(err?.message ?? 'not a zip'));
      else resolve(zip);
    });
  });
}

function openStream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(e, (err, stream) => (err || !stream ? reject(new ZipFormatError(err?.message ?? 'unreadable entry')) : resolve(stream)));
  });
}

export type ZipLimits = { entries: number; inflated: number; entryInflated: number };

/** An open archive: its entries' names and declared sizes, each inflated on demand as a limited stream. */
export interface ZipArchive {
  readonly entries: readonly { name: string; size: number }[];
  /** the entry's inflated bytes chunk by chunk; past `max` (or the archive's total) it is refused */
  chunks(name: string, max?: number): AsyncGenerator<Buffer>;
  /** the whole entry, or null past `max` (the stream is stopped there) */
  read(name: string, max?: number): Promise<Buffer | null>;
  close(): void;
}

/**
 * Opens a zip held in memory and lists its entries (nothing inflated yet), under `limits`: more
 * entries than allowed are refused with LIMIT_EXCEEDED; a broken file throws ZipFormatError.
 */
export async function openZipArchive(buf: Buffer, opts: { file?: string; limits?: ZipLimits } = {}): Promise<ZipArchive> {
  const limits = opts.limits ?? ZIP_LIMITS;
  const file = opts.file ?? '';
  const zip = await openZip(buf);
  if (zip.entryCount > limits.entries) {
    zip.close();
    throw new AppError('LIMIT_EXCEEDED', 'limits.zipEntries', { file, count: zip.entryCount, limit: limits.entries });
  }
  const byName = new Map<string, yauzl.Entry>();
  try {
    for (;;) {
      const e = await nextEntry(zip);
      if (!e) break;
      const name = entryName(e);
      if (!name.endsWith('/') && !byName.has(name)) byName.set(name, e);
    }
  } catch (e) {
    zip.close();
    throw e;
  }
  let total = 0;
  async function* chunks(name: string, max = limits.entryInflated): AsyncGenerator<Buffer> {
    const e = byName.get(name);
    if (!e) throw new ZipFormatError(`no entry ${name}`);
    const cap = Math.min(max, limits.entryInflated);
    // the declared sizes are checked first (nothing inflated), the real ones while inflating
    if (e.uncompressedSize > cap) throw new AppError('LIMIT_EXCEEDED', 'limits.zipEntry', { file, entry: name, limit: sizeText(cap) });
    if (total + e.uncompressedSize > limits.inflated) throw new AppError('LIMIT_EXCEEDED', 'limits.zipInflated', { file, limit: sizeText(limits.inflated) });
    const stream = await openStream(zip, e);
    let size = 0;
    try {
      for await (const c of stream as AsyncIterable<Buffer>) {
        size += c.length;
        total += c.length;
        if (size > cap) throw new AppError('LIMIT_EXCEEDED', 'limits.zipEntry', { file, entry: name, limit: sizeText(cap) });
        if (total > limits.inflated) throw new AppError('LIMIT_EXCEEDED', 'limits.zipInflated', { file, limit: sizeText(limits.inflated) });
        yield c;
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new ZipFormatError(err instanceof Error ? err.message : String(err));
    } finally {
      stream.destroy();
    }
  }
  return {
    entries: [...byName.values()].map((e) => ({ name: entryName(e), size: e.uncompressedSize })),
    chunks,
    async read(name, max = limits.entryInflated) {
      const e = byName.get(name);
      if (!e || e.uncompressedSize > max) return null;
      const parts: Buffer[] = [];
      try {
        for await (const c of chunks(name, max)) parts.push(c);
      } catch (err) {
        if (err instanceof AppError && err.reason === 'limits.zipEntry') return null;
        throw err;
      }
      return Buffer.concat(parts);
    },
    close: () => zip.close(),
  };
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => done(entry);
    const onEnd = () => done(null);
    const onError = (err: Error) => {
      zip.off('entry', onEntry).off('end', onEnd);
      reject(new ZipFormatError(err.message));
    };
    const done = (v: yauzl.Entry | null) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      resolve(v);
    };
    zip.once('entry', onEntry).once('end', onEnd).once('error', onError);
    zip.readEntry();
  });
}

/**
 * Reads the entries of a zip held in memory, under ZIP_LIMITS (or the limits given): too many
 * entries, an entry or the whole inflating past its limit are refused with LIMIT_EXCEEDED (or, with
 * oversized: 'skip', an entry past what `want` allowed is passed by); a broken file throws ZipFormatError.
 */
export async function readZipEntries(buf: Buffer, opts: ZipReadOptions = {}): Promise<ZipRead> {
  const limits = opts.limits ?? ZIP_LIMITS;
  const zip = await openZipArchive(buf, { file: opts.file ?? '', limits });
  const out: ZipRead = { entries: [], skipped: [] };
  try {
    for (const { name, size } of zip.entries) {
      const allowed = opts.want ? opts.want(name, size) : limits.entryInflated;
      if (allowed === false) continue;
      const max = Math.min(allowed, limits.entryInflated);
      if (opts.oversized === 'skip') {
        const data = await zip.read(name, max);
        if (data) out.entries.push({ name, data });
        else out.skipped.push({ name, size: Math.max(size, max + 1) });
      } else {
        const parts: Buffer[] = [];
        for await (const c of zip.chunks(name, max)) parts.push(c);
        out.entries.push({ name, data: Buffer.concat(parts) });
      }
    }
  } finally {
    zip.close();
  }
  return out;
}

/** Every file entry of a zip (small archives: tests, records), under ZIP_LIMITS. */
export async function readZip(buf: Buffer): Promise<ZipEntry[]> {
  return (await readZipEntries(buf)).entries;
}

/** A fixed time for every entry, so the same entries give the same bytes. */
const FIXED_MTIME = new Date(1980, 0, 1);

/** Writes a zip (UTF-8 names, deflated, ZIP64 when large) in memory. */
export function writeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { mtime: FIXED_MTIME, compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
