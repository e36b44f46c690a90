// Sync settings in `sync_config`: the platform's URL, the reply timeout, and the platform key.
// The key is pinned on first contact (trust on first use) unless the site head configured the
// expected fingerprint, in which case first contact must match it. Once pinned, a platform that
// answers with another key is refused until the site head deliberately resets the pin.
import type { Sqlite } from '../../../db';
import type { Clock } from '../runtime';

export interface SyncConfig {
  platformUrl: string | null;
  timeoutMs: number;
  /** the pinned platform key (raw 32 bytes, base64) */
  platformKey: string | null;
  /** a fingerprint the site head was given out of band (hex, 64 digits) */
  expectedFingerprint: string | null;
  pinnedAt: string | null;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export function readSyncConfig(sqlite: Sqlite): SyncConfig {
  const rows = sqlite.prepare('SELECT key, value FROM sync_config').all() as { key: string; value: string }[];
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    platformUrl: m.get('platform_url') ?? null,
    timeoutMs: Number(m.get('timeout_ms') ?? DEFAULT_TIMEOUT_MS),
    platformKey: m.get('platform_key') ?? null,
    expectedFingerprint: m.get('expected_fingerprint') ?? null,
    pinnedAt: m.get('pinned_at') ?? null,
  };
}

const KEYS: Record<keyof SyncConfig, string> = {
  platformUrl: 'platform_url',
  timeoutMs: 'timeout_ms',
  platformKey: 'platform_key',
  expectedFingerprint: 'expected_fingerprint',
  pinnedAt: 'pinned_at',
};

export function writeSyncConfig(sqlite: Sqlite, clock: Clock, patch: Partial<SyncConfig>): void {
  const now = clock.now().toISOString();
  const upsert = sqlite.prepare(
    'INSERT INTO sync_config (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const del = sqlite.prepare('DELETE FROM sync_config WHERE key = ?');
  for (const [k, v] of Object.entries(patch) as [keyof SyncConfig, unknown][]) {
    if (v === undefined) continue;
    if (v === null) del.run(KEYS[k]);
    else upsert.run(KEYS[k], String(v), now);
  }
}
