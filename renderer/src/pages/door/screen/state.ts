// The door screen's state in one reducer: what was scanned, the verdict or the pick list on
// screen, whether the refusal is recorded, the open dialog, the roster filter and the QR reader.
// Each action says what happened at the door; the reducer keeps the pairs consistent (a verdict
// replaces a pick list and the other way round, a new verdict forgets the earlier photo).
// A green verdict not yet confirmed is never dropped by the next scan: that code is held until
// the proctor confirms or dismisses (E3). Each verdict carries the key its confirm is sent with,
// so a confirm retried after a lost answer is the same sign-in.
import type { DoorModal, EntryHint, Pick, RosterFilter, Verdict } from './types';

export interface DoorState {
  code: string;
  busy: boolean;
  error: string | null;
  verdict: Verdict | null;
  pick: Pick | null;
  recorded: boolean;
  modal: DoorModal;
  filter: RosterFilter;
  qrOn: boolean;
  earlierPhoto: string | null;
  /** a code scanned while a green verdict waited for its confirm: looked up once that one is settled */
  held: string | null;
  /** the idempotency key of the verdict on screen's confirm */
  confirmKey: string | null;
  /** why the last entry found nobody without being a refusal (incomplete, a tail that matched nobody) */
  hint: EntryHint | null;
}

export const initialDoorState: DoorState = {
  code: '',
  busy: false,
  error: null,
  verdict: null,
  pick: null,
  recorded: false,
  modal: 'none',
  filter: 'all',
  qrOn: false,
  earlierPhoto: null,
  held: null,
  confirmKey: null,
  hint: null,
};

/** Whether the verdict on screen waits for the proctor: green and not yet confirmed. */
export function awaitsConfirm(s: { verdict: Verdict | null }): boolean {
  return s.verdict?.code === 'ok';
}

export type DoorAction =
  | { type: 'typed'; code: string }
  | { type: 'busy'; busy: boolean }
  | { type: 'error'; error: string | null }
  | { type: 'verdict'; verdict: Verdict; confirmKey: string }
  | { type: 'held'; code: string | null }
  | { type: 'hint'; hint: EntryHint }
  | { type: 'pick'; pick: Pick }
  | { type: 'lookupFailed'; error: string }
  | { type: 'recorded' }
  | { type: 'earlierPhoto'; dataUrl: string }
  | { type: 'modal'; modal: DoorModal }
  | { type: 'filter'; filter: RosterFilter }
  | { type: 'qr'; on: boolean }
  | { type: 'clear' };

export function doorReducer(s: DoorState, a: DoorAction): DoorState {
  switch (a.type) {
    case 'typed':
      return { ...s, code: a.code };
    // unchanged: the same state, so React skips the render (a scan clears an error that is rarely there)
    case 'busy':
      return s.busy === a.busy ? s : { ...s, busy: a.busy };
    case 'error':
      return s.error === a.error ? s : { ...s, error: a.error };
    case 'verdict':
      return { ...s, pick: null, hint: null, verdict: a.verdict, confirmKey: a.confirmKey, recorded: false, earlierPhoto: null };
    case 'held':
      return { ...s, held: a.code };
    case 'hint':
      // a hint leaves a green verdict waiting where it was; anything else on screen goes
      return awaitsConfirm(s) ? { ...s, hint: a.hint } : { ...s, verdict: null, pick: null, confirmKey: null, hint: a.hint };
    case 'pick':
      return { ...s, verdict: null, confirmKey: null, hint: null, pick: a.pick };
    case 'lookupFailed':
      return { ...s, verdict: null, confirmKey: null, pick: null, hint: null, error: a.error };
    case 'recorded':
      return { ...s, recorded: true };
    case 'earlierPhoto':
      return { ...s, earlierPhoto: a.dataUrl };
    case 'modal':
      // a dialog opens (or closes) without the last screen's error: errors show where they arose
      return { ...s, modal: a.modal, error: null };
    case 'filter':
      return { ...s, filter: a.filter };
    case 'qr':
      return { ...s, qrOn: a.on };
    case 'clear':
      return { ...s, verdict: null, confirmKey: null, pick: null, hint: null, recorded: false, earlierPhoto: null, error: null };
  }
}
