// Sync settings in `sync_config`: the platform's URL, the reply timeout, and the platform key.
// The key is pinned on first contact (trust on first use) unless the site head configured the
// expected fingerprint, in which case first contact must match it. Once pinned, a platform that
// answers with another key is refused until the site head deliberately resets the pin.
import type { ReadSqlite } from '../../../db';
import type { SyncConfigKey } from '../../../db/schema/sync';
import { nowIso, type ServiceContext } from '../context';
import { fingerprintOf } from '../seal/keys';

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

const KEYS: Record<keyof SyncConfig, SyncConfigKey> = {
  platformUrl: 'platform_url',
  timeoutMs: 'timeout_ms',
  platformKey: 'platform_key',
  expectedFingerprint: 'expected_fingerprint',
  pinnedAt: 'pinned_at',
};

export function readSyncConfig(sqlite: ReadSqlite): SyncConfig {
  const rows = sqlite.prepare<[], { key: SyncConfigKey; value: string }>('SELECT key, value FROM sync_config').all();
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    platformUrl: m.get('platform_url') ?? null,
    timeoutMs: Number(m.get('timeout_ms') ?? DEFAULT_TIMEOUT_MS),
    platformKey: m.get('platform_key') ?? null,
    expectedFingerprint: m.get('expected_fingerprint') ?? null,
    pinnedAt: m.get('pinned_at') ?? null,
  };
}

/** Sets (or, with null, removes) the given settings; undefined leaves a setting as it is. */
export function writeSyncConfig(ctx: Pick<ServiceContext, 'sqlite' | 'clock'>, patch: Partial<SyncConfig>): void {
  const now = nowIso(ctx);
  const upsert = ctx.sqlite.prepare<[SyncConfigKey, string, string]>(
    'INSERT INTO sync_config (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  const del = ctx.sqlite.prepare<[SyncConfigKey]>('DELETE FROM sync_config WHERE key = ?');
  for (const k of Object.keys(KEYS) as (keyof SyncConfig)[]) {
    const v = patch[k];
    if (v === undefined) continue;
    if (v === null) del.run(KEYS[k]);
    else upsert.run(KEYS[k], String(v), now);
  }
}

export interface ConfigureInput {
  platformUrl: string;
  /** the platform's key fingerprint given out of band (hex, normalised); '' to trust on first contact */
  expectedFingerprint?: string | undefined;
  timeoutMs?: number | undefined;
  /** forget the pinned platform key (the platform really changed its key) */
  resetPin?: boolean | undefined;
}

/** What configuring changes: a pinned key that no longer matches a new fingerprint is dropped too. */
function configPatch(before: SyncConfig, input: ConfigureInput): Partial<SyncConfig> {
  const patch: Partial<SyncConfig> = { platformUrl: input.platformUrl.replace(/\/+$/, '') };
  if (input.timeoutMs !== undefined) patch.timeoutMs = input.timeoutMs;
  if (input.expectedFingerprint !== undefined) {
    patch.expectedFingerprint = input.expectedFingerprint || null;
    // first contact checks again against the new fingerprint
    if (before.platformKey && input.expectedFingerprint && fingerprintOf(before.platformKey) !== input.expectedFingerprint) {
      patch.platformKey = null;
      patch.pinnedAt = null;
    }
  }
  if (input.resetPin) {
    patch.platformKey = null;
    patch.pinnedAt = null;
  }
  return patch;
}

/** The platform settings (sync.configure): saved, and before/after noted for the audit. */
export function configureSync(ctx: ServiceContext, input: ConfigureInput): { platformUrl: string | null; pinned: boolean } {
  const before = readSyncConfig(ctx.sqlite);
  writeSyncConfig(ctx, configPatch(before, input));
  const after = readSyncConfig(ctx.sqlite);
  ctx.note({
    before: { platformUrl: before.platformUrl, expectedFingerprint: before.expectedFingerprint, pinned: !!before.platformKey },
    after: { platformUrl: after.platformUrl, expectedFingerprint: after.expectedFingerprint, pinned: !!after.platformKey, timeoutMs: after.timeoutMs },
  });
  return { platformUrl: after.platformUrl, pinned: !!after.platformKey };
}
