// P7: a candidate's registered photo is taken only when it is a real JPEG or PNG (by its bytes and
// the dimensions its header states, never by its file name) within PHOTO_LIMITS. Anything else is
// not stored: the door shows a photo to every proctor's tablet, so a 300 MiB "photo" must never
// reach the database.
import { normaliseDocNumber } from '../../domain/doc-number';
import { PHOTO_LIMITS } from '../../domain/limits';
import type { PlanCandidate } from './format';

export type ImageType = 'jpeg' | 'png';
export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

/** A photo handed in: the bytes read (empty when it was too large to read) and what they are. */
export interface PhotoFile {
  name: string;
  data: Buffer;
  /** its size in bytes: the real one, or the zip's declared one when it was passed by unread */
  size: number;
  /** null: not a JPEG or PNG, or a header that does not hold together */
  image: ImageInfo | null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** JPEG start-of-frame markers (baseline, progressive, lossless…; not DHT C4, JPG C8, DAC CC) */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegInfo(b: Buffer): ImageInfo | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return null;
    const m = b[p + 1]!;
    if (m === 0xff) {
      p++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      p += 2;
      continue;
    }
    if (m === 0xd9 || m === 0xda) return null; // end or scan before any frame header
    const len = b.readUInt16BE(p + 2);
    if (len < 2) return null;
    if (SOF.has(m)) {
      if (p + 9 > b.length) return null;
      const height = b.readUInt16BE(p + 5);
      const width = b.readUInt16BE(p + 7);
      return width > 0 && height > 0 ? { type: 'jpeg', width, height } : null;
    }
    p += 2 + len;
  }
  return null;
}

function pngInfo(b: Buffer): ImageInfo | null {
  if (b.length < 24 || !b.subarray(0, 8).equals(PNG_SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  return width > 0 && height > 0 ? { type: 'png', width, height } : null;
}

/** What an image really is, from its bytes: JPEG or PNG with its dimensions, or null. */
export function imageInfo(data: Buffer): ImageInfo | null {
  return jpegInfo(data) ?? pngInfo(data);
}

export function photoFile(name: string, data: Buffer): PhotoFile {
  return { name, data, size: data.length, image: imageInfo(data) };
}

/** A photo passed by unread (its declared size over the limit). */
export function unreadPhoto(name: string, size: number): PhotoFile {
  return { name, data: Buffer.alloc(0), size, image: null };
}

/** Why a photo is not stored, or null when it is (P7). */
export function photoRefusal(p: PhotoFile): 'tooBig' | 'notImage' | 'tooLarge' | null {
  if (p.size > PHOTO_LIMITS.bytes) return 'tooBig';
  if (!p.image || p.data.length !== p.size) return 'notImage';
  if (p.image.width > PHOTO_LIMITS.maxSide || p.image.height > PHOTO_LIMITS.maxSide) return 'tooLarge';
  return null;
}

export const photoMime = (image: ImageInfo): string => (image.type === 'jpeg' ? 'image/jpeg' : 'image/png');

/**
 * P7: the photo an import stores for a candidate (by ticket number, else document number, keyed as
 * reader.ts keys them, P8), when it may be stored: a real JPEG or PNG within PHOTO_LIMITS (else the
 * check warned); or null.
 */
export function candidatePhoto(photos: ReadonlyMap<string, PhotoFile>, c: PlanCandidate): (PhotoFile & { image: ImageInfo }) | null {
  const p = photos.get(normaliseDocNumber(c.ticketNo)) ?? photos.get(normaliseDocNumber(c.docNumber)) ?? null;
  return p && p.image && photoRefusal(p) === null ? { ...p, image: p.image } : null;
}
