// The door's ID-card reader (E3): recognises a keyboard-mode reader's line in the scan box (its
// format: the name as \uXXXX escapes beside the number; or a bare number typed at machine speed),
// reads a vendor reader through the console (cardreader.read: the page never calls the reader's
// service itself), and holds the card until its sign-in is confirmed. The card goes with a confirm
// only for the verdict of its own number, so a card never attaches to someone else's sign-in.
import { useCallback, useRef, useState } from 'react';
import { cardFromNumber, isMachineTyped, parseKeyboardCard, type CardRecord } from '../../../../../electron/domain/cardreader';
import type { OutputOf } from '../../../../../electron/commands/api';
import { maskDocNumber } from '../../../../../electron/domain/gb11643';
import { call } from '../../../api/client';

type VendorOut = OutputOf<'cardreader.read'>;
export type CardView = VendorOut['card'];
export type PhotoProblem = VendorOut['photoProblem'];

export interface DoorCard {
  source: 'keyboard' | 'vendor';
  card: CardView;
  /** the number the verdict was judged on (the card goes with that verdict only) */
  number: string;
  readId: string | null;
  chipPhoto: string | null;
  photoProblem: PhotoProblem;
  readerName: string | null;
}

/** What a confirm carries for its card, or null when the verdict is not this card's. */
export type CardConfirm = { source: 'keyboard' } | { source: 'vendor'; readId: string };

const PROFILE_KEY = 'esc.door.cardReaderProfile';

function viewOf(r: CardRecord): CardView {
  return { docType: r.docType, name: r.name, sex: r.sex, birthDate: r.birthDate, numberMasked: maskDocNumber(r.number) };
}

/** The line a keyboard-mode reader typed, as a card, or null (then the scan box judges it as before). */
export function keyboardCard(line: string, stamps: readonly number[]): CardRecord | null {
  const byFormat = parseKeyboardCard(line);
  if (byFormat) return byFormat;
  const bare = line.trim();
  return isMachineTyped(stamps, bare.length) ? cardFromNumber(bare) : null;
}

export function useDoorCard() {
  const [current, setCurrent] = useState<DoorCard | null>(null);
  const stamps = useRef<number[]>([]);
  const [profileId, setProfileIdState] = useState<number | null>(() => {
    const v = Number(localStorage.getItem(PROFILE_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  });

  const setProfileId = useCallback((id: number | null) => {
    if (id) localStorage.setItem(PROFILE_KEY, String(id));
    else localStorage.removeItem(PROFILE_KEY);
    setProfileIdState(id);
  }, []);

  /** every change of the scan box, for the typing pattern */
  const observe = useCallback((code: string) => {
    if (code.length <= 1) stamps.current = [];
    if (code.length > 0) stamps.current.push(performance.now());
  }, []);

  /** Enter in the scan box: a card read is taken here (its number looked up); false leaves the line to the box. */
  const interceptEnter = useCallback((line: string, lookupNumber: (number: string) => void): boolean => {
    // an empty Enter confirms a green verdict: the card read for it stays
    if (!line.trim()) return false;
    const record = keyboardCard(line, stamps.current);
    stamps.current = [];
    if (!record) {
      setCurrent(null);
      return false;
    }
    setCurrent({ source: 'keyboard', card: viewOf(record), number: record.number, readId: null, chipPhoto: null, photoProblem: null, readerName: null });
    lookupNumber(record.number);
    return true;
  }, []);

  /** A vendor read through the console; the verdict comes with it. */
  const readVendor = useCallback(async (door: { sessionId: number; roomId: number }, reader: { id: number; name: string }) => {
    const out = await call('cardreader.read', { profileId: reader.id, ...door });
    const number = out.scan.kind === 'verdict' ? out.scan.verdict.scanned.toUpperCase() : '';
    setCurrent({ source: 'vendor', card: out.card, number, readId: out.readId, chipPhoto: out.chipPhoto, photoProblem: out.photoProblem, readerName: reader.name });
    return out.scan;
  }, []);

  const reset = useCallback(() => setCurrent(null), []);

  /** The card read for a verdict: only the verdict judged on the card's own number. */
  const shown = useCallback(
    (verdict: { scanned: string } | null): DoorCard | null => (current && verdict && verdict.scanned.trim().toUpperCase() === current.number ? current : null),
    [current],
  );

  /**
   * What the confirm carries: a vendor read (its chip photo, held by the console). A keyboard-mode read
   * is a scan of the number and confirms like one (checkin.confirm: the same path as any scan, offline
   * queue included); cardreader.confirm also takes { source: 'keyboard' } for callers that record it.
   */
  const cardFor = useCallback(
    (verdict: { scanned: string } | null): CardConfirm | null => {
      const card = shown(verdict);
      return card?.source === 'vendor' && card.readId ? { source: 'vendor', readId: card.readId } : null;
    },
    [shown],
  );

  return { current, observe, interceptEnter, readVendor, reset, cardFor, shown, profileId, setProfileId };
}
