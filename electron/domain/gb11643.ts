// DOMAIN P8: the 18-character resident ID number of GB 11643: region(6) + birth date(8) +
// sequence(3, odd = male) + check character (ISO 7064 MOD 11-2, X = 10).
// Pure rules shared by the services (plan validation, the door's lookup) and the renderer (the
// door's as-you-type check): no Node, no database (lint holds electron/domain/ to that).

import { normaliseDocNumber } from './doc-number';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdProblem = 'length' | 'chars' | 'region' | 'date' | 'check';

export interface IdFacts {
  birthDate: string; // YYYY-MM-DD
  gender: '男' | '女';
}

function validDate(y: number, m: number, d: number): boolean {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d); // Date.UTC would read years below 100 as 19xx
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** True when the text looks like an 18-character ID number (it may still fail the check). */
export function looksLikeIdNumber(s: string): boolean {
  return /^\d{17}[\dXx]$/.test(s);
}

/** Checks a resident ID number; returns the facts it encodes or what is wrong with it. */
export function parseResidentId(raw: string, today?: string): { ok: true; facts: IdFacts } | { ok: false; problem: IdProblem } {
  const id = normaliseDocNumber(raw);
  if (id.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'chars' };
  if (!/^[1-9]\d{5}/.test(id)) return { ok: false, problem: 'region' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  // any real date is accepted (the standard's own examples are born in the 1880s); a birth in the
  // future is not a date a person has. Implausible ages are the plan validation's warning, not a refusal.
  if (!validDate(y, m, d) || (today !== undefined && birthDate > today)) return { ok: false, problem: 'date' };
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check' };
  return { ok: true, facts: { birthDate, gender: Number(id[16]) % 2 === 1 ? '男' : '女' } };
}

export const ID_PROBLEM_ZH: Record<IdProblem, string> = {
  length: '居民身份证号码应为 18 位',
  chars: '居民身份证号码只能由数字和末位 X 组成',
  region: '居民身份证号码的地区码无效',
  date: '居民身份证号码中的出生日期无效',
  check: '居民身份证号码校验位错误（GB 11643）',
};

/** Builds a valid number from region, birth date (YYYYMMDD) and a 3-digit sequence (demo data, tests). */
export function makeResidentId(region: string, birth: string, seq: number): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** Masks a document number for screens and prints that do not need it whole: 3704**********1234. */
export function maskDocNumber(doc: string): string {
  if (doc.length <= 8) return doc.length <= 4 ? doc : `${doc.slice(0, 2)}${'*'.repeat(doc.length - 4)}${doc.slice(-2)}`;
  return `${doc.slice(0, 4)}${'*'.repeat(doc.length - 8)}${doc.slice(-4)}`;
}
