// S4/S5: the batch's spread threshold (max − min of the examiners' totals) over which the chief
// examiner reviews a candidate. Scoring owns it; results read it from here.
import type { ReadSqlite } from '../../../db';
import type { ServiceContext } from '../context';
import { DEFAULT_SPREAD_THRESHOLD } from './panel';

export function spreadThreshold(sqlite: ReadSqlite, batchId: number): number {
  const row = sqlite.prepare<[number], { t: number }>('SELECT spread_threshold AS t FROM scoring_settings WHERE batch_id = ?').get(batchId);
  return row?.t ?? DEFAULT_SPREAD_THRESHOLD;
}

/** Sets the batch's threshold (the command's schema bounds it to 1–50 points). */
export function setSpreadThreshold(ctx: ServiceContext, input: { batchId: number; spreadThreshold: number }): { spreadThreshold: number } {
  const before = spreadThreshold(ctx.sqlite, input.batchId);
  ctx.sqlite
    .prepare<[number, number]>('INSERT INTO scoring_settings (batch_id, spread_threshold) VALUES (?, ?) ON CONFLICT (batch_id) DO UPDATE SET spread_threshold = excluded.spread_threshold')
    .run(input.batchId, input.spreadThreshold);
  ctx.note({ batchId: input.batchId, spreadThreshold: input.spreadThreshold, before: { spreadThreshold: before } });
  return { spreadThreshold: input.spreadThreshold };
}
