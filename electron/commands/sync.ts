// Sync commands (issue 8): the state of every package, the platform settings, and one click to
// sync all. Delivery itself runs in the background runner, which writes its own state and audit
// events (sync.acknowledged, sync.rejected, sync.certified, sync.refused, sync.pinPlatformKey).
import { z } from 'zod';
import { adapterFor } from '../platform/index';
import { AppError } from '../services/errors';
import { fingerprintOf as fingerprintHex, groupFingerprint } from '../services/seal/keys';
import { readSyncConfig, writeSyncConfig } from '../services/sync/config';
import { heldPackages, stateCounts } from '../services/sync/engine';
import { OPEN_STATES, type OutboxState } from '../services/sync/outbox';
import { runnerFor } from '../services/sync/runner';
import type { NetworkState } from '../services/sync/engine';
import { defineCommand, type CommandContext } from './registry';

const runner = (ctx: CommandContext) =>
  runnerFor(ctx.env, { sqlite: ctx.sqlite, clock: ctx.clock, random: ctx.random, dataDir: ctx.env.dataDir });

interface PackageView {
  id: number;
  hash: string;
  batchId: number;
  batchName: string;
  planCode: string;
  version: number;
  kind: string;
  reason: string | null;
  state: OutboxState;
  bytesTotal: number;
  bytesSent: number;
  percent: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  recordId: string | null;
  reasons: { ref: string | null; message: string }[];
  enqueuedAt: string;
  acknowledgedAt: string | null;
  certificates: number;
  /** G5: why a waiting results package is held back (its publication still running, objections open…) */
  heldReasons: string[];
  /** the same as catalogue codes (sync.held.<code>) with their figures */
  holds: { code: string; params: Record<string, string | number> }[];
}

export const syncStatus = defineCommand({
  name: 'sync.status',
  kind: 'query',
  access: ['site_head', 'admin', 'supervisor'],
  input: z.object({}),
  handler: (ctx) => {
    const cfg = readSyncConfig(ctx.sqlite);
    const r = runner(ctx);
    const rows = ctx.sqlite
      .prepare(
        `SELECT o.*, p.batch_id, p.version, p.kind, p.reason, b.name AS batch_name, b.plan_code,
                (SELECT COUNT(*) FROM sync_certificates c WHERE c.package_hash = o.hash) AS certs
         FROM outbox o JOIN sealed_packages p ON p.id = o.package_id JOIN batches b ON b.id = p.batch_id
         ORDER BY o.id DESC LIMIT 500`,
      )
      .all() as Record<string, unknown>[];
    const held = heldPackages(ctx.sqlite, ctx.clock, rows.map((o) => ({ id: Number(o.id), package_id: Number(o.package_id), state: o.state as OutboxState })));
    const packages: PackageView[] = rows.map((o) => {
      const total = Number(o.bytes_total);
      const sent = Number(o.bytes_sent);
      return {
        id: Number(o.id),
        hash: String(o.hash),
        batchId: Number(o.batch_id),
        batchName: String(o.batch_name),
        planCode: String(o.plan_code),
        version: Number(o.version),
        kind: String(o.kind),
        reason: (o.reason as string | null) ?? null,
        state: o.state as OutboxState,
        bytesTotal: total,
        bytesSent: sent,
        percent: total ? Math.floor((sent / total) * 100) : 0,
        attempts: Number(o.attempts),
        nextAttemptAt: (o.next_attempt_at as string | null) ?? null,
        lastError: (o.last_error as string | null) ?? null,
        recordId: (o.record_id as string | null) ?? null,
        reasons: o.reasons ? (JSON.parse(String(o.reasons)) as PackageView['reasons']) : [],
        enqueuedAt: String(o.enqueued_at),
        acknowledgedAt: (o.acknowledged_at as string | null) ?? null,
        certificates: Number(o.certs),
        heldReasons: held.get(Number(o.id))?.reasons ?? [],
        holds: held.get(Number(o.id))?.holds ?? [],
      };
    });
    const statements = (
      ctx.sqlite
        .prepare('SELECT id, package_hash AS packageHash, kind, statement, platform_key AS platformKey, received_at AS receivedAt FROM sync_statements ORDER BY id DESC LIMIT 100')
        .all() as { id: number; packageHash: string; kind: string; statement: string; platformKey: string; receivedAt: string }[]
    ).map((s) => {
      const body = JSON.parse(s.statement) as { recordNo?: string | null; at?: string };
      return { id: s.id, packageHash: s.packageHash, kind: s.kind, recordNo: body.recordNo ?? null, platformAt: body.at ?? null, receivedAt: s.receivedAt, platformKey: s.platformKey };
    });
    const counts = stateCounts(ctx.sqlite);
    return {
      configured: !!cfg.platformUrl,
      platformUrl: cfg.platformUrl,
      timeoutMs: cfg.timeoutMs,
      pinnedFingerprint: cfg.platformKey ? groupFingerprint(fingerprintHex(cfg.platformKey)) : null,
      pinnedAt: cfg.pinnedAt,
      expectedFingerprint: cfg.expectedFingerprint ? groupFingerprint(cfg.expectedFingerprint) : null,
      network: r.network,
      running: r.running,
      counts,
      open: OPEN_STATES.reduce((n, s) => n + counts[s], 0),
      /** G5: of the open ones, held until their publication has ended */
      held: held.size,
      packages,
      statements,
    };
  },
});


const fingerprintInput = z
  .string()
  .transform((s) => s.replace(/[\s:]/g, '').toLowerCase())
  .refine((s) => s === '' || /^[0-9a-f]{64}$/.test(s), '指纹应为 64 位十六进制数字（可含空格）');

export const syncConfigure = defineCommand({
  name: 'sync.configure',
  kind: 'mutation',
  access: ['site_head', 'admin'],
  input: z.object({
    platformUrl: z
      .string()
      .trim()
      .url('请输入有效的网址，如 https://platform.example.cn')
      .refine((u) => /^https?:\/\//i.test(u), '平台地址须以 http:// 或 https:// 开头'),
    /** the platform's key fingerprint given out of band; empty to trust on first contact */
    expectedFingerprint: fingerprintInput.optional(),
    timeoutMs: z.number().int().min(1000, '超时不少于 1 秒').max(120_000, '超时不超过 120 秒').optional(),
    /** forget the pinned platform key (the platform really changed its key) */
    resetPin: z.boolean().optional(),
  }),
  handler: (ctx, input) => {
    const before = readSyncConfig(ctx.sqlite);
    const patch: Parameters<typeof writeSyncConfig>[2] = { platformUrl: input.platformUrl.replace(/\/+$/, '') };
    if (input.timeoutMs !== undefined) patch.timeoutMs = input.timeoutMs;
    if (input.expectedFingerprint !== undefined) {
      patch.expectedFingerprint = input.expectedFingerprint || null;
      // a pinned key that does not match the new fingerprint is dropped; first contact checks again
      if (before.platformKey && input.expectedFingerprint && fingerprintHex(before.platformKey) !== input.expectedFingerprint) {
        patch.platformKey = null;
        patch.pinnedAt = null;
      }
    }
    if (input.resetPin) {
      patch.platformKey = null;
      patch.pinnedAt = null;
    }
    writeSyncConfig(ctx.sqlite, ctx.clock, patch);
    const after = readSyncConfig(ctx.sqlite);
    ctx.note({
      before: { platformUrl: before.platformUrl, expectedFingerprint: before.expectedFingerprint, pinned: !!before.platformKey },
      after: { platformUrl: after.platformUrl, expectedFingerprint: after.expectedFingerprint, pinned: !!after.platformKey, timeoutMs: after.timeoutMs },
    });
    return { platformUrl: after.platformUrl, pinned: !!after.platformKey };
  },
});

/** One click: sync all. Starts (or wakes) the background runner once this command has committed. */
export const syncRun = defineCommand({
  name: 'sync.run',
  kind: 'mutation',
  access: ['site_head', 'admin'],
  input: z.object({}),
  handler: (ctx) => {
    const cfg = readSyncConfig(ctx.sqlite);
    if (!cfg.platformUrl) {
      throw new AppError('SYNC_NOT_CONFIGURED', '尚未设置省平台地址，请先在“平台设置”中填写。', 'Set the platform URL first.');
    }
    const counts = stateCounts(ctx.sqlite);
    const open = OPEN_STATES.reduce((n, s) => n + counts[s], 0);
    ctx.note({ platformUrl: cfg.platformUrl, open, acknowledged: counts.acknowledged });
    const r = runner(ctx);
    setImmediate(() => r.kick());
    return { started: true, open };
  },
});

/** Is the platform reachable, and is it still the platform whose key we pinned? Changes nothing but the light. */
export const syncProbe = defineCommand({
  name: 'sync.probe',
  kind: 'query',
  access: ['site_head', 'admin', 'supervisor'],
  input: z.object({}),
  prepare: async (ctx): Promise<NetworkState> => {
    const r = runner(ctx);
    const cfg = readSyncConfig(ctx.sqlite);
    const at = ctx.clock.now().toISOString();
    if (!cfg.platformUrl) return r.network;
    try {
      const info = await adapterFor({ platformUrl: cfg.platformUrl, timeoutMs: Math.min(cfg.timeoutMs, 5000) }).info();
      r.network =
        cfg.platformKey && cfg.platformKey !== info.publicKey
          ? { state: 'key_mismatch', at, error: '平台公钥与已固定的不符 / the platform key differs from the pinned one' }
          : { state: 'online', at, error: null };
    } catch (e) {
      r.network = { state: 'offline', at, error: e instanceof Error ? e.message : String(e) };
    }
    return r.network;
  },
  handler: (_ctx, _input, network) => network,
});

/** DOMAIN G7: certificate numbers the platform assigned, per candidate (ticket number) of a batch. */
export const syncCertificates = defineCommand({
  name: 'sync.certificates',
  kind: 'query',
  access: ['site_head', 'admin', 'supervisor'],
  input: z.object({ batchId: z.number().int().positive() }),
  handler: (ctx, input) =>
    ctx.sqlite
      .prepare(
        `SELECT c.candidate_ref AS candidateRef, c.certificate_no AS certificateNo, c.package_hash AS packageHash, p.version
         FROM sync_certificates c JOIN sealed_packages p ON p.hash = c.package_hash
         WHERE p.batch_id = ? ORDER BY c.candidate_ref, p.version`,
      )
      .all(input.batchId) as { candidateRef: string; certificateNo: string; packageHash: string; version: number }[],
});

export const syncCommands = [syncStatus, syncConfigure, syncRun, syncProbe, syncCertificates] as const;
