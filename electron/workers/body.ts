// A request body that carries files (base64 inside JSON, several MB) is decoded off the main thread
// (ARCHITECTURE: long work runs off the event loop; E3: the door keeps up with its queue). The HTTP
// server keeps such a body's bytes as they came (RawJsonBody); the dispatcher hands them to the
// import worker, which parses the JSON, digests the input for the audit trail (A1) exactly as the
// dispatcher would, and decodes each file's base64 to bytes. The bytes come back transferred, not
// copied, and go on to the import job the same way. An input that arrives already parsed (the
// desktop shell's IPC) with base64 files is digested and decoded there too. Main and worker share
// this module.
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../services/canonical';
import { AppError } from '../services/errors';
import { redact } from '../services/redact';

/** The commands whose bodies carry files: over HTTP their JSON is parsed by the import worker. */
export const WORKER_DECODED_METHODS: ReadonlySet<string> = new Set(['plan.import', 'plan.check', 'theory.import']);

/** A JSON request body as it arrived, not parsed yet (only for WORKER_DECODED_METHODS). */
export class RawJsonBody {
  /**
   * The body as it arrived, chunk by chunk (never joined on the thread that serves the doors: the
   * import worker joins them); each chunk's ArrayBuffer its own (a socket read's), so it moves there
   * without a copy.
   */
  constructor(
    readonly chunks: Uint8Array[],
    readonly size: number,
  ) {}
  /** what the audit trail notes of a body refused before it was decoded: its size, not its content */
  describe(): { rawBody: { bytes: number } } {
    return { rawBody: { bytes: this.size } };
  }
}

/** A chunk whose ArrayBuffer is its own (moved to the worker as it is), else a copy that is. */
export const ownChunk = (c: Uint8Array): Uint8Array => (c.byteOffset === 0 && c.byteLength === c.buffer.byteLength && c.buffer instanceof ArrayBuffer ? c : new Uint8Array(c));

/** What the worker gives back: the input with file data as bytes, and the digest of the input as sent. */
export interface DecodedBody {
  input: unknown;
  /** sha256 over the canonical JSON of the redacted input, base64 strings and all (the dispatcher's payload digest) */
  payloadDigest: string;
}

/**
 * A file's data in a command's input: base64 (IPC, and any caller's JSON), or bytes when the import
 * worker decoded the body; `maxChars` base64 characters, or the bytes they stand for.
 */
export const fileData = (maxChars: number, minChars = 0) =>
  z.union([
    z.string().min(minChars).max(maxChars),
    z.instanceof(Uint8Array).refine((b) => b.byteLength >= Math.ceil((minChars * 3) / 4) && b.byteLength <= Math.floor((maxChars * 3) / 4), { message: `文件过大或为空（上限 ${Math.floor((maxChars * 3) / 4)} 字节）` }),
  ]);

/** Bytes whose ArrayBuffer this thread holds alone (decoded for it): they may be transferred on. */
const handedOver = new WeakSet<Uint8Array>();

export function markHandedOver(b: Uint8Array): void {
  handedOver.add(b);
}

/** The ArrayBuffers of those of `bufs` that may move to another thread without a copy (each whole and held alone). */
export function transferable(bufs: Uint8Array[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const b of bufs) {
    const ab = b.buffer;
    if (handedOver.has(b) && ab instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === ab.byteLength) out.add(ab);
  }
  return [...out];
}

const malformed = () => new AppError('BAD_INPUT', 'http.malformed');

/** Bytes in an ArrayBuffer of their own (Buffer.from may hand out a slice of a shared pool). */
function ownBytes(b: Buffer): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : Uint8Array.prototype.slice.call(b);
}

/**
 * On the import worker: parses the body (refusing `__proto__` and `constructor.prototype` keys as
 * the HTTP server's own parser does), digests it, and decodes the base64 of `files[].data` and
 * `file.data`. The bytes to transfer back are returned beside it.
 */
export function decodeJsonBody(bytes: Uint8Array): { decoded: DecodedBody; transfer: ArrayBuffer[] } {
  let text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw malformed();
  let input: unknown;
  try {
    input = JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__' || (key === 'constructor' && value !== null && typeof value === 'object' && Object.hasOwn(value, 'prototype'))) throw malformed();
      return value;
    });
  } catch {
    throw malformed();
  }
  return decodeInput(input);
}

/** Whether a command's input (from IPC or a test) carries file data as base64 (`files[].data`, `file.data`). */
export function carriesBase64(input: unknown): boolean {
  if (input === null || typeof input !== 'object') return false;
  const o = input as { files?: unknown; file?: unknown };
  const isB64 = (f: unknown) => f !== null && typeof f === 'object' && typeof (f as { data?: unknown }).data === 'string';
  return (Array.isArray(o.files) && o.files.some(isB64)) || isB64(o.file);
}

/**
 * On the import worker: digests an input (parsed here, or handed over by the main thread) and
 * decodes the base64 of `files[].data` and `file.data` in place; the bytes to transfer back beside it.
 */
export function decodeInput(input: unknown): { decoded: DecodedBody; transfer: ArrayBuffer[] } {
  const payloadDigest = sha256Hex(canonicalJson(redact(input)));
  const transfer: ArrayBuffer[] = [];
  const decode = (f: unknown) => {
    if (f === null || typeof f !== 'object' || typeof (f as { data?: unknown }).data !== 'string') return;
    const b = ownBytes(Buffer.from((f as { data: string }).data, 'base64'));
    (f as { data: unknown }).data = b;
    transfer.push(b.buffer as ArrayBuffer);
  };
  if (input !== null && typeof input === 'object') {
    const o = input as { files?: unknown; file?: unknown };
    if (Array.isArray(o.files)) o.files.forEach(decode);
    decode(o.file);
  }
  return { decoded: { input, payloadDigest }, transfer };
}

/** On the main thread: marks the decoded files' bytes as held alone (see transferable). */
export function adoptDecoded(d: DecodedBody): DecodedBody {
  const mark = (f: unknown) => {
    const data = f !== null && typeof f === 'object' ? (f as { data?: unknown }).data : undefined;
    if (data instanceof Uint8Array) {
      const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      (f as { data: unknown }).data = b;
      markHandedOver(b);
    }
  };
  const o = d.input as { files?: unknown; file?: unknown } | null;
  if (o && typeof o === 'object') {
    if (Array.isArray(o.files)) o.files.forEach(mark);
    mark(o.file);
  }
  return d;
}
