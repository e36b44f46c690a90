// The card reader at the door (E3): a vendor read is judged like a scan of the card's number, kept on
// the console for a few minutes (the chip photo never travels back from the tablet: the sign-in stores
// what the console itself read), and a sign-in confirmed from a card records how the card was read and
// the chip photo beside the door photo (checkin_photos, purpose 'chip': never changed nor deleted).
import { createHash, randomBytes } from 'node:crypto';
import { cardNumberFacts, type CardRecord } from '../../domain/cardreader';
import { maskDocNumber } from '../../domain/gb11643';
import type { CardSource } from '../../../db/schema/checkin';
import { photoDataUrl } from '../checkin/lookup';
import type { ProvenPins } from '../auth';
import { confirmSignIn, type ConfirmInput } from '../checkin/signin';
import { scanAtDoor } from '../checkin/view';
import { actorOf, nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import type { ChipPhoto } from './reader';
import type { VendorRead } from './vendor';

/** A read waits this long for its confirm; a queue of thirty is well inside it. */
const READ_TTL_MS = 10 * 60 * 1000;
const MAX_READS = 200;

interface HeldRead {
  at: number;
  staffId: number;
  sessionId: number;
  roomId: number;
  record: CardRecord;
  photo: ChipPhoto | null;
}

/** The console's reads not yet confirmed, by read id (memory only: a restart forgets them, the door reads again). */
export class ReadCache {
  private readonly reads = new Map<string, HeldRead>();

  put(r: HeldRead): string {
    for (const [id, old] of this.reads) if (r.at - old.at > READ_TTL_MS || this.reads.size >= MAX_READS) this.reads.delete(id);
    const id = randomBytes(16).toString('base64url');
    this.reads.set(id, r);
    return id;
  }

  get(id: string, now: number): HeldRead | null {
    const r = this.reads.get(id);
    return r && now - r.at <= READ_TTL_MS ? r : null;
  }

  drop(id: string): void {
    this.reads.delete(id);
  }
}

const caches = new WeakMap<object, ReadCache>();
/** One cache per console (keyed by its environment object). */
export function readCacheFor(owner: object): ReadCache {
  let c = caches.get(owner);
  if (!c) {
    c = new ReadCache();
    caches.set(owner, c);
  }
  return c;
}

/** What the door shows of a card: never the whole number (the verdict judges it). */
export function cardView(record: CardRecord) {
  return { docType: record.docType, name: record.name, sex: record.sex, birthDate: record.birthDate, numberMasked: maskDocNumber(record.number) };
}

/** A vendor read at a door: held for the confirm, and judged like a scan of the card's number. */
export function judgeVendorRead(ctx: ReadContext, cache: ReadCache, input: { sessionId: number; roomId: number }, read: VendorRead) {
  const scan = scanAtDoor(ctx, { sessionId: input.sessionId, roomId: input.roomId, code: read.record.number });
  const readId = cache.put({ at: ctx.clock.now().getTime(), staffId: actorOf(ctx).staffId, sessionId: input.sessionId, roomId: input.roomId, record: read.record, photo: read.photo });
  return { readId, card: cardView(read.record), chipPhoto: read.photo ? photoDataUrl(read.photo.bytes, read.photo.mime) : null, photoProblem: read.photoProblem, scan };
}

export type CardConfirm = { source: 'keyboard' } | { source: 'vendor'; readId: string };

/**
 * A sign-in confirmed from a card: the same confirm as any (judged again), then how the card was read
 * and the chip photo, in the same transaction. The card must be the candidate's (P8: their number).
 * `pins`: the vouchers' PINs, proven before the transaction (confirmClaims).
 */
export function confirmWithCard(ctx: ServiceContext, cache: ReadCache, input: ConfirmInput & { card: CardConfirm }, pins: ProvenPins) {
  const actor = actorOf(ctx);
  // a retried confirm (its answer lost, the same confirm key) is the sign-in already made, card and all
  const earlier = input.confirmKey
    ? ctx.sqlite.prepare<[string], { source: CardSource | null; chip: number | null }>('SELECT card_source AS source, chip_photo_id AS chip FROM checkins WHERE confirm_key = ?').get(input.confirmKey)
    : undefined;
  if (earlier) return { ...confirmSignIn(ctx, input, pins), cardSource: earlier.source, chipPhotoId: earlier.chip };
  const docRow = ctx.sqlite.prepare<[number], { doc: string; name: string }>('SELECT doc_number AS doc, name FROM candidates WHERE id = ?').get(input.candidateId);
  if (!docRow) throw new AppError('NOT_FOUND', 'cardreader.notTheCard');
  let record: CardRecord | null = null;
  let photo: ChipPhoto | null = null;
  const source: CardSource = input.card.source;
  if (input.card.source === 'vendor') {
    const held = cache.get(input.card.readId, ctx.clock.now().getTime());
    if (!held || held.staffId !== actor.staffId || held.sessionId !== input.sessionId || held.roomId !== input.roomId) throw new AppError('CONFLICT', 'cardreader.readExpired');
    record = held.record;
    photo = held.photo;
  } else {
    // the keyboard reader typed the number into the scan box: the confirm carries it as scanned
    record = cardNumberFacts(input.scanned) ? { ...cardNumberFacts(input.scanned)!, name: null } : null;
    if (!record) throw new AppError('BAD_INPUT', 'cardreader.noNumber');
  }
  if (record.number !== docRow.doc.trim().toUpperCase()) throw new AppError('CONFLICT', 'cardreader.notTheCard');
  const out = confirmSignIn(ctx, input, pins);
  let chipPhotoId: number | null = null;
  if (photo) {
    chipPhotoId = Number(
      ctx.sqlite
        .prepare(
          `INSERT INTO checkin_photos (candidate_id, session_id, purpose, mime, bytes, sha256, width, height, taken_at, taken_by, device)
           VALUES (?, ?, 'chip', ?, ?, ?, NULL, NULL, ?, ?, ?)`,
        )
        .run(input.candidateId, input.sessionId, photo.mime, photo.bytes, createHash('sha256').update(photo.bytes).digest('hex'), nowIso(ctx), actor.staffId, ctx.device).lastInsertRowid,
    );
  }
  ctx.sqlite.prepare<[string, number | null, number]>('UPDATE checkins SET card_source = ?, chip_photo_id = ? WHERE id = ?').run(source, chipPhotoId, out.checkinId);
  ctx.note({ card: { source, docType: record.docType, nameOnCard: record.name, nameMatches: record.name === null ? null : record.name === docRow.name, chipPhotoId, chipPhotoMime: photo?.mime ?? null } });
  return { ...out, cardSource: source as CardSource | null, chipPhotoId };
}
