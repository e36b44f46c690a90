// GB 11643 (P8) as the proctor types: the same rule the console applies (electron/services/checkin/gb11643.ts),
// repeated here because the renderer never imports the Node side.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type TypedId = 'none' | 'typing' | 'ok' | 'bad' | 'badDate';

export function typedIdState(raw: string): { state: TypedId; n: number } {
  const s = raw.trim().toUpperCase();
  if (!/^\d{7,17}$/.test(s) && !/^\d{17}[\dX]$/.test(s)) return { state: 'none', n: s.length };
  if (s.length < 18) return { state: 'typing', n: s.length };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { state: 'badDate', n: 18 };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * WEIGHTS[i]!;
  return { state: CHECK[sum % 11] === s[17] ? 'ok' : 'bad', n: 18 };
}
