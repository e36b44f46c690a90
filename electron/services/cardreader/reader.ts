// The one interface every ID-card reader sits behind (E3): whatever the hardware, a read yields the
// same CardRecord (electron/domain/cardreader.ts) and, when the reader's own software decoded it,
// the chip photo. Vendor DLLs are never bundled: the console talks to what the vendor installs.
//
// The readers:
// - keyboard-mode readers type into the door's scan box: nothing runs here (the renderer recognises
//   the line, renderer/src/pages/door/cardreader/keyboard.ts, and the door judges the number as a scan);
// - vendor local services (HTTP or WebSocket on the PC the reader is plugged into): vendor.ts, set up
//   as profiles by the site head (profile.ts), called by the console, never by a LAN page (a page may
//   not call the tablet's loopback, and the office PC is where the reader's PC is reachable from);
// - serial readers: the extension point below. A `SerialCardReader` would open the port with a
//   well-kept library (serialport), send the reader's read command, decode its frame into the same
//   fields and hand them to `cardRecord`. Not built: no serialport dependency is installed.
import type { CardRecord } from '../../domain/cardreader';

export type CardReaderKind = 'keyboard' | 'vendor' | 'serial';

/** A photo the reader's software decoded from the chip, checked by its magic bytes. */
export interface ChipPhoto {
  mime: ChipPhotoMime;
  bytes: Buffer;
}

export interface CardRead {
  record: CardRecord;
  photo: ChipPhoto | null;
}

export interface CardReader {
  readonly kind: CardReaderKind;
  /** one read of the card on the reader; refuses with a coded AppError (no card, unreachable, bad answer) */
  read(signal?: AbortSignal): Promise<CardRead>;
}

/** Chip photos are small (the chip holds about 1 KB, decoded to roughly 102×126); anything larger is not one. */
export const MAX_CHIP_PHOTO_BYTES = 256 * 1024;

export const CHIP_PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/bmp', 'image/gif', 'image/webp'] as const;
export type ChipPhotoMime = (typeof CHIP_PHOTO_MIMES)[number];

/** The image format by its first bytes (never by what the sender says); null when it is no image. */
export function imageMime(b: Uint8Array): ChipPhotoMime | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'image/png';
  // BMP: "BM", then the file size (little endian) that must match what arrived
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d && (b[2]! | (b[3]! << 8) | (b[4]! << 16) | (b[5]! << 24)) === b.length) return 'image/bmp';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 && (b[4] === 0x37 || b[4] === 0x39) && b[5] === 0x61) return 'image/gif';
  if (b.length >= 12 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return null;
}
