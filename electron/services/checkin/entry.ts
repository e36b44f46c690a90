// What the door does with a code that matched nobody, and when it stops recording (E3, E4).
// An incomplete or mistyped entry is a hint, not a refusal: only a complete, valid number that
// is not in the plan counts as a person refused. A session that has ended, or whose batch is
// sealed, records nothing at its door.

import type { ReadSqlite } from '../../../db';
import { AppError } from '../errors';
import { normalise, type Door, type Found } from './lookup';

/** Why a code that matched nobody is not a refusal: the screen words it under the scan box. */
export type EntryHint =
  /** digits, shorter than any number the plan holds: still being typed (the lengths the plan's ticket numbers have, and 18 for an ID) */
  | { code: 'incomplete'; typed: number; ticketLengths: number[] }
  /** the last 5 of a ticket or the last 6 of an ID number matched nobody: typed wrong, or another door's */
  | { code: 'noTail'; tail: string; method: 'ticket_tail' | 'doc_tail' }
  /** too short, or too long, to be any number at all */
  | { code: 'unknown'; typed: number };

/** The shortest document number other than the ticket and the resident ID (passports, permits: P8). */
const MIN_OTHER_DOC = 6;

const ticketLengthStatements = new WeakMap<ReadSqlite, ReturnType<typeof prepareLengths>>();

function prepareLengths(sqlite: ReadSqlite) {
  return sqlite.prepare<[number], { n: number }>('SELECT DISTINCT length(ticket_no) AS n FROM candidates WHERE batch_id = ? ORDER BY n');
}

function ticketLengths(sqlite: ReadSqlite, batchId: number): number[] {
  let st = ticketLengthStatements.get(sqlite);
  if (!st) {
    st = prepareLengths(sqlite);
    ticketLengthStatements.set(sqlite, st);
  }
  return st.all(batchId).map((r) => r.n);
}

/**
 * The hint for a lookup that found nobody, or null when the code is complete and valid (a
 * refusal: not in the plan). A QR payload and a valid resident ID are complete by their form;
 * digits are complete at the length of the plan's ticket numbers; other documents from 6 characters.
 */
export function entryHint(sqlite: ReadSqlite, door: Door, raw: string, found: Found): EntryHint | null {
  const code = normalise(raw);
  if (found.kind === 'many') {
    if (found.candidateIds.length > 0) return null;
    return { code: 'noTail', tail: code.toUpperCase(), method: found.method === 'doc_tail' ? 'doc_tail' : 'ticket_tail' };
  }
  if (found.candidateId !== null) return null;
  if (found.method === 'qr' || found.method === 'id') return null;
  if (/^\d+$/.test(code)) {
    const lengths = ticketLengths(sqlite, door.batchId);
    if (lengths.includes(code.length)) return null;
    if (code.length < 18) return { code: 'incomplete', typed: code.length, ticketLengths: lengths };
    return { code: 'unknown', typed: code.length };
  }
  if (code.length < MIN_OTHER_DOC) return { code: 'unknown', typed: code.length };
  return null;
}

/** Why a door records nothing now: its session has ended, or its batch is sealed. */
export type DoorOver = 'ended' | 'sealed';

export function doorOver(door: Door, now: Date): DoorOver | null {
  // an amendment after the seal does not reopen the day's doors
  if (door.batchStatus === 'sealed' || door.batchStatus === 'amending') return 'sealed';
  if (now.getTime() >= new Date(door.endsAt).getTime()) return 'ended';
  return null;
}

/** Refuses a write at a door whose session has ended or whose batch is sealed (本场已结束). */
export function assertDoorOpen(door: Door, now: Date): void {
  const over = doorOver(door, now);
  if (over) throw new AppError('CONFLICT', 'checkin.sessionOver', { why: `@door.over.${over}` });
}
