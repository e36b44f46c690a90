// Sync commands (DOMAIN G5, G7, A1): the state of every package, the platform settings, and one
// click to sync all. Delivery itself runs in the background runner, which writes its own state and
// audit events (sync.acknowledged, sync.rejected, sync.certified, sync.refused, sync.pinPlatformKey).
import { z } from 'zod';
import { adapterFor } from '../platform/index';
import { configureSync } from '../services/sync/config';
import { probePlatform, requestRun } from '../services/sync/control';
import type { NetworkState } from '../services/sync/engine';
import { runnerFor } from '../services/sync/runner';
import { certificatesOf, syncOverview } from '../services/sync/view';
import { defineCommand, type AppEnv } from './registry';

const VIEWERS = ['site_head', 'admin', 'supervisor'] as const;
const runner = (env: AppEnv) => runnerFor(env);

export const syncStatus = defineCommand({
  name: 'sync.status',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  handler: (ctx) => {
    const r = runner(ctx.env);
    return { ...syncOverview(ctx), network: r.network, running: r.running };
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
      .max(2000, '网址过长')
      .url('请输入有效的网址，如 https://platform.example.cn')
      .refine((u) => /^https?:\/\//i.test(u), '平台地址须以 http:// 或 https:// 开头'),
    /** the platform's key fingerprint given out of band; empty to trust on first contact */
    expectedFingerprint: fingerprintInput.optional(),
    timeoutMs: z.number().int().min(1000, '超时不少于 1 秒').max(120_000, '超时不超过 120 秒').optional(),
    /** forget the pinned platform key (the platform really changed its key) */
    resetPin: z.boolean().optional(),
  }),
  handler: (ctx, input) => configureSync(ctx, input),
});

/** One click: sync all. Starts (or wakes) the background runner once this command has committed. */
export const syncRun = defineCommand({
  name: 'sync.run',
  kind: 'mutation',
  access: ['site_head', 'admin'],
  input: z.object({}),
  handler: (ctx) => {
    const { open } = requestRun(ctx);
    const r = runner(ctx.env);
    setImmediate(() => r.kick());
    return { started: true, open };
  },
});

/** Is the platform reachable, and is it still the platform whose key we pinned? Changes nothing but the light. */
export const syncProbe = defineCommand({
  name: 'sync.probe',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  prepare: async (ctx): Promise<NetworkState> => {
    const r = runner(ctx.env);
    const light = await probePlatform(ctx, adapterFor);
    if (light) r.network = light;
    return r.network;
  },
  handler: (_ctx, _input, network) => network,
});

/** DOMAIN G7: certificate numbers the platform assigned, per candidate (ticket number) of a batch. */
export const syncCertificates = defineCommand({
  name: 'sync.certificates',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: z.number().int().positive() }),
  handler: (ctx, input) => certificatesOf(ctx, input.batchId),
});

export const syncCommands = [syncStatus, syncConfigure, syncRun, syncProbe, syncCertificates] as const;
