// Which adapter speaks to the configured platform. Only the reference platform exists today; a
// province's own adapter would be chosen here (by URL or a setting) without touching the engine.
import { AppError } from '../services/errors';
import type { PlatformAdapter } from './adapter';
import { ReferencePlatform } from './reference';

export type { PlatformAdapter } from './adapter';

/**
 * The adapter for the sync settings (`readSyncConfig(sqlite)`). The plan import can call
 * `adapterFor(cfg).downloadPlan(planCode)` in its command's `prepare` to fetch the plan document.
 */
export function adapterFor(cfg: { platformUrl: string | null; timeoutMs: number }): PlatformAdapter {
  if (!cfg.platformUrl) throw new AppError('SYNC_NOT_CONFIGURED', 'sync.notConfigured');
  return new ReferencePlatform({ baseUrl: cfg.platformUrl, timeoutMs: cfg.timeoutMs });
}
