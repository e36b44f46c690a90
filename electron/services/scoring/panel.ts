// The panel rules (S5) and the subject score: pure functions, no database.

export const PASS_MARK = 60; // G1
export const DEFAULT_SPREAD_THRESHOLD = 10;

/**
 * Rounds to one decimal, half away from zero, on the decimal value (not the binary float):
 * 72.25 → 72.3, 59.95 → 60.0. The subject score is shown and compared to 60 with this value.
 */
export function round1(x: number): number {
  const scaled = Math.round(Math.abs(x) * 10 + 1e-9);
  return (Math.sign(x) * scaled) / 10;
}

/** Why a panel has no score yet (S5); the screens word it, the forms take it from the vocabulary. */
export const PANEL_SHORTFALLS = ['too_few', 'even'] as const;
export type PanelShortfall = (typeof PANEL_SHORTFALLS)[number];

export type PanelOutcome =
  | { ok: true; score: number; sheets: number; spread: number; flagged: boolean }
  | { ok: false; reason: PanelShortfall; sheets: number; spread: number; flagged: boolean };

/**
 * S5: a subject score exists only with sheets from at least 3 examiners and an odd number of them.
 * The score is the mean of the examiners' totals rounded to one decimal (round1). A spread (max − min)
 * over the threshold flags the candidate for the chief examiner.
 */
export function panelScore(totals: readonly number[], threshold = DEFAULT_SPREAD_THRESHOLD): PanelOutcome {
  const n = totals.length;
  const spread = n ? round1(Math.max(...totals) - Math.min(...totals)) : 0;
  const flagged = spread > threshold;
  if (n < 3) return { ok: false, reason: 'too_few', sheets: n, spread, flagged };
  if (n % 2 === 0) return { ok: false, reason: 'even', sheets: n, spread, flagged };
  let sum = 0;
  for (const t of totals) sum += t;
  return { ok: true, score: round1(sum / n), sheets: n, spread, flagged };
}

