// The one click and the network light: what "sync all" checks before the runner starts, and a light
// probe of the platform (is it there, and is it still the platform whose key was pinned?).
import type { PlatformAdapter } from '../../platform/adapter';
import { nowIso, type ReadContext, type ServiceContext } from '../context';
import { AppError } from '../errors';
import { readSyncConfig, type SyncConfig } from './config';
import type { NetworkState } from './engine';
import { OPEN_STATES, stateCounts } from './outbox';
import { detailOf, problem } from './problems';

/** The probe waits at most this long for the platform, whatever the configured timeout. */
const PROBE_TIMEOUT_MS = 5000;

/** sync.run: refuses without a platform address; notes what is open for the audit. */
export function requestRun(ctx: ServiceContext): { open: number } {
  const cfg = readSyncConfig(ctx.sqlite);
  if (!cfg.platformUrl) throw new AppError('SYNC_NOT_CONFIGURED', 'sync.notConfigured');
  const counts = stateCounts(ctx.sqlite);
  const open = OPEN_STATES.reduce((n, s) => n + counts[s], 0);
  ctx.note({ platformUrl: cfg.platformUrl, open, acknowledged: counts.acknowledged });
  return { open };
}

/** The light after asking the platform for its key, or null when no platform is configured. */
export async function probePlatform(ctx: ReadContext, adapterFor: (cfg: Pick<SyncConfig, 'platformUrl' | 'timeoutMs'>) => PlatformAdapter): Promise<NetworkState | null> {
  const cfg = readSyncConfig(ctx.sqlite);
  if (!cfg.platformUrl) return null;
  const at = nowIso(ctx);
  try {
    const info = await adapterFor({ platformUrl: cfg.platformUrl, timeoutMs: Math.min(cfg.timeoutMs, PROBE_TIMEOUT_MS) }).info();
    if (cfg.platformKey && cfg.platformKey !== info.publicKey) return { state: 'key_mismatch', at, problem: problem('keyChanged') };
    return { state: 'online', at, problem: null };
  } catch (e) {
    return { state: 'offline', at, problem: problem('unreachable', { detail: detailOf(e) }) };
  }
}
