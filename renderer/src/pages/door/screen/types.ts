// The door screen's data, as the console returns it.
import type { OutputOf } from '../../../../../electron/commands/api';

export type DoorView = OutputOf<'checkin.door'>;
export type ScanOut = OutputOf<'checkin.scan'>;
export type Verdict = Extract<ScanOut, { kind: 'verdict' }>['verdict'];
export type Pick = Extract<ScanOut, { kind: 'pick' }>;
export type EntryHint = Extract<ScanOut, { kind: 'hint' }>['hint'];
export type RosterRow = DoorView['roster'][number];
export type RosterFilter = 'all' | 'missing' | 'in';
export type DoorModal = 'none' | 'noPhoto' | 'doubt' | 'late' | 'absent' | 'incident';

/** What the proctor adds to a confirm: a reason for no photo, the doubtful or late-admission signatures. */
export interface ConfirmExtra {
  noPhotoReason?: string;
  doubtful?: { reason: string; secondStaffNo: string; secondPin: string };
  late?: { reason: string; supervisorStaffNo?: string; supervisorPin?: string };
}

/** A fresh idempotency key for one confirm: 128 random bits as hex (getRandomValues also works over plain http on the LAN). */
export function newConfirmKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
