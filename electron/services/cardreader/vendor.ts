// A vendor's local service as a CardReader (E3): one request (HTTP) or one message (WebSocket) to the
// reader's software, its JSON answer read through the profile's field paths into the same CardRecord
// as every reader, the chip photo decoded from base64 and checked by its magic bytes. Bounded in time
// (the profile's timeout) and size (MAX_ANSWER_BYTES); every failure is a coded refusal.
import { cardRecord } from '../../domain/cardreader';
import { AppError } from '../errors';
import { valueAt, type VendorProfile } from './profile';
import { imageMime, MAX_CHIP_PHOTO_BYTES, type CardRead, type CardReader, type ChipPhoto } from './reader';

/** An answer is a few fields and a small photo; a megabyte is far more than any reader sends. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export type PhotoProblem = 'notImage' | 'tooLarge';

export interface VendorRead extends CardRead {
  /** why the service's photo was not kept (the read itself stands) */
  photoProblem: PhotoProblem | null;
}

/** Decodes the photo field: base64 (or a data: URL), checked by magic bytes and size. */
export function decodeChipPhoto(v: unknown): { photo: ChipPhoto | null; problem: PhotoProblem | null } {
  if (v === undefined || v === null || v === '') return { photo: null, problem: null };
  if (typeof v !== 'string') return { photo: null, problem: 'notImage' };
  const b64 = v.replace(/^data:[\w/+.-]+;base64,/, '').replace(/\s+/g, '');
  if (b64.length > Math.ceil((MAX_CHIP_PHOTO_BYTES * 4) / 3) + 4) return { photo: null, problem: 'tooLarge' };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return { photo: null, problem: 'notImage' };
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > MAX_CHIP_PHOTO_BYTES) return { photo: null, problem: 'tooLarge' };
  const mime = imageMime(bytes);
  return mime ? { photo: { mime, bytes }, problem: null } : { photo: null, problem: 'notImage' };
}

/** The card from a service's parsed answer, by the profile's paths. */
export function readAnswer(profile: VendorProfile, doc: unknown): VendorRead {
  const f = profile.fields;
  if (profile.success && String(valueAt(doc, profile.success.path)) !== String(profile.success.equals)) {
    const said = profile.message ? valueAt(doc, profile.message) : undefined;
    throw new AppError('CONFLICT', 'cardreader.refused', { message: typeof said === 'string' || typeof said === 'number' ? String(said).slice(0, 200) : '—' });
  }
  const r = cardRecord({ number: valueAt(doc, f.number), name: f.name && valueAt(doc, f.name), sex: f.sex && valueAt(doc, f.sex), birthDate: f.birthDate && valueAt(doc, f.birthDate) });
  if (!r.ok) throw new AppError('BAD_INPUT', `cardreader.${r.problem}`);
  const { photo, problem } = f.photo ? decodeChipPhoto(valueAt(doc, f.photo)) : { photo: null, problem: null };
  return { record: r.record, photo, photoProblem: problem };
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AppError('BAD_INPUT', 'cardreader.notJson');
  }
}

async function readCapped(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new AppError('BAD_INPUT', 'cardreader.answerTooLarge', { maxKb: MAX_ANSWER_BYTES / 1024 });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function timedOut(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

async function httpAnswer(p: VendorProfile, signal: AbortSignal): Promise<string> {
  const request = () =>
    fetch(p.url, {
      method: p.method,
      signal,
      redirect: 'error',
      ...(p.method === 'POST' ? { body: p.body, headers: { 'content-type': p.body.trim().startsWith('{') ? 'application/json' : 'text/plain' } } : {}),
    });
  let res: Response;
  try {
    try {
      res = await request();
    } catch (e) {
      // a kept-alive socket the service closed meanwhile fails the first try: once more on a fresh one
      if (timedOut(e)) throw e;
      res = await request();
    }
  } catch (e) {
    if (timedOut(e)) throw new AppError('CONFLICT', 'cardreader.timeout', { seconds: p.timeoutMs / 1000 });
    throw new AppError('CONFLICT', 'cardreader.unreachable', { url: p.url });
  }
  if (!res.ok) throw new AppError('CONFLICT', 'cardreader.httpStatus', { status: res.status });
  try {
    return await readCapped(res);
  } catch (e) {
    if (timedOut(e)) throw new AppError('CONFLICT', 'cardreader.timeout', { seconds: p.timeoutMs / 1000 });
    throw e;
  }
}

/** Node 22+ (Electron's main process) has a WebSocket client; the browser shell on older Node says so. */
interface MinimalSocket {
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'message' | 'error' | 'close', fn: (e: { data?: unknown }) => void): void;
}
type SocketCtor = new (url: string) => MinimalSocket;

function wsAnswer(p: VendorProfile, signal: AbortSignal): Promise<string> {
  const Ctor = (globalThis as { WebSocket?: SocketCtor }).WebSocket;
  if (!Ctor) return Promise.reject(new AppError('CONFLICT', 'cardreader.wsUnsupported'));
  return new Promise((resolve, reject) => {
    const ws = new Ctor(p.url);
    const fail = (e: AppError) => {
      ws.close();
      reject(e);
    };
    signal.addEventListener('abort', () => fail(new AppError('CONFLICT', 'cardreader.timeout', { seconds: p.timeoutMs / 1000 })), { once: true });
    ws.addEventListener('open', () => ws.send(p.body));
    ws.addEventListener('error', () => fail(new AppError('CONFLICT', 'cardreader.unreachable', { url: p.url })));
    ws.addEventListener('message', (e) => {
      const text = typeof e.data === 'string' ? e.data : Buffer.isBuffer(e.data) ? e.data.toString('utf8') : '';
      if (text.length > MAX_ANSWER_BYTES) return fail(new AppError('BAD_INPUT', 'cardreader.answerTooLarge', { maxKb: MAX_ANSWER_BYTES / 1024 }));
      ws.close();
      resolve(text);
    });
  });
}

export class VendorCardReader implements CardReader {
  readonly kind = 'vendor' as const;
  constructor(private readonly profile: VendorProfile) {}

  async read(signal?: AbortSignal): Promise<VendorRead> {
    const p = this.profile;
    const limit = AbortSignal.timeout(p.timeoutMs);
    const all = signal ? AbortSignal.any([signal, limit]) : limit;
    const text = /^wss?:/i.test(p.url) ? await wsAnswer(p, all) : await httpAnswer(p, all);
    return readAnswer(p, parseAnswer(text));
  }
}
