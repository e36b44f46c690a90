// DOMAIN P8: a 居民身份证 number per GB 11643: region(6) + birth date(8) + sequence(3, odd = male)
// + check character (ISO 7064 MOD 11-2, X = 10).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdCheck = { ok: true; birthDate: string; gender: '男' | '女' } | { ok: false; reason: 'length' | 'chars' | 'date' | 'check' };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** True when the text looks like an 18-character ID number (it may still fail the check). */
export function looksLikeIdNumber(s: string): boolean {
  return /^\d{17}[\dXx]$/.test(s);
}

export function checkIdNumber(raw: string): IdCheck {
  const s = raw.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: 'chars' };
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return { ok: false, reason: 'date' };
  if (checkCharacter(s.slice(0, 17)) !== s[17]) return { ok: false, reason: 'check' };
  return { ok: true, birthDate: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`, gender: Number(s[16]) % 2 === 1 ? '男' : '女' };
}

/** Masks a document number for screens and prints that do not need it whole: 3704**********1234. */
export function maskDocNumber(doc: string): string {
  if (doc.length <= 8) return doc.length <= 4 ? doc : `${doc.slice(0, 2)}${'*'.repeat(doc.length - 4)}${doc.slice(-2)}`;
  return `${doc.slice(0, 4)}${'*'.repeat(doc.length - 8)}${doc.slice(-4)}`;
}
