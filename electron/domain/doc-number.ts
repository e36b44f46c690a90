// DOMAIN P8: one spelling of a document number, for every path that stores or looks one up (the
// workbook, CSV, the JSON package, the platform's download, the door). The same card typed with a
// lower-case x, spaces, full-width digits (an IME) or hyphens is the same number, stored once.
// Pure: no Node, no database (the renderer's door check uses it too).

/** dashes people and IMEs type between groups: ASCII hyphen, Unicode hyphens and dashes, minus, full-width hyphen */
const DASHES = /[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/**
 * The stored form of a document number of any P8 type: full-width letters and digits to ASCII
 * (NFKC), every space and dash removed, letters upper case (a resident ID's check X, passports).
 */
export function normaliseDocNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').replace(DASHES, '').toUpperCase();
}

/** Years of age on `today` (YYYY-MM-DD) for a birth date (YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Ages a certification candidate plausibly has: outside them the plan is warned, never refused (P8 accepts any real date). */
export const PLAUSIBLE_AGE = { min: 14, max: 80 } as const;
