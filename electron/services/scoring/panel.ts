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

export type PanelOutcome =
  | { ok: true; score: number; sheets: number; spread: number; flagged: boolean }
  | { ok: false; reason: 'too_few' | 'even'; sheets: number; spread: number; flagged: boolean };

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

export const PANEL_REASON_ZH: Record<'too_few' | 'even', string> = {
  too_few: '评分表不足 3 份（S5：每名考生至少 3 名考评员评分）',
  even: '评分表份数为偶数（S5：考评员须为 3 人以上单数）',
};
