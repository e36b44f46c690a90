// The door screen's state in one reducer: what was scanned, the verdict or the pick list on
// screen, whether the refusal is recorded, the open dialog, the roster filter and the QR reader.
// Each action says what happened at the door; the reducer keeps the pairs consistent (a verdict
// replaces a pick list and the other way round, a new verdict forgets the earlier photo).
import type { DoorModal, Pick, RosterFilter, Verdict } from './types';

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
};

export type DoorAction =
  | { type: 'typed'; code: string }
  | { type: 'busy'; busy: boolean }
  | { type: 'error'; error: string | null }
  | { type: 'verdict'; verdict: Verdict }
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
    case 'busy':
      return { ...s, busy: a.busy };
    case 'error':
      return { ...s, error: a.error };
    case 'verdict':
      return { ...s, pick: null, verdict: a.verdict, recorded: false, earlierPhoto: null };
    case 'pick':
      return { ...s, verdict: null, pick: a.pick };
    case 'lookupFailed':
      return { ...s, verdict: null, pick: null, error: a.error };
    case 'recorded':
      return { ...s, recorded: true };
    case 'earlierPhoto':
      return { ...s, earlierPhoto: a.dataUrl };
    case 'modal':
      return { ...s, modal: a.modal };
    case 'filter':
      return { ...s, filter: a.filter };
    case 'qr':
      return { ...s, qrOn: a.on };
    case 'clear':
      return { ...s, verdict: null, pick: null, recorded: false, earlierPhoto: null, error: null };
  }
}
