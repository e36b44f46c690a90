// GB 11643 (P8) as the proctor types: the console's own rule (electron/domain, pure), applied to
// a number that may still be incomplete.
import { normaliseDocNumber } from '../../../../electron/domain/doc-number';
import { parseResidentId } from '../../../../electron/domain/gb11643';

export type TypedId = 'none' | 'typing' | 'ok' | 'bad' | 'badDate';

export function typedIdState(raw: string): { state: TypedId; n: number } {
  const s = normaliseDocNumber(raw); // P8: the spelling the import stored and the door looks up
  if (!/^\d{7,17}$/.test(s) && !/^\d{17}[\dX]$/.test(s)) return { state: 'none', n: s.length };
  if (s.length < 18) return { state: 'typing', n: s.length };
  const check = parseResidentId(s);
  if (check.ok) return { state: 'ok', n: 18 };
  return { state: check.problem === 'date' ? 'badDate' : 'bad', n: 18 };
}
