// Plan download from the provincial platform (issue 8 §5): the plan's JSON package fetched through
// the platform adapter, then checked and imported exactly like a file (same validation, same
// re-import confirmation, same audit detail).
import { z } from 'zod';
import { PlatformError } from '../platform/adapter';
import { adapterFor } from '../platform';
import { AppError } from '../services/errors';
import { applyPlan, auditDetail, checkPlan, preparePlan } from '../services/plan/store';
import { readSyncConfig } from '../services/sync/config';
import { siteToday } from './plan';
import { defineCommand, type CommandContext } from './registry';

const PLAN_EDITORS = ['site_head', 'admin'] as const;
const planCode = z
  .string()
  .trim()
  .min(1, '请输入认定计划编号')
  .max(64, '计划编号过长')
  .regex(/^[\w-]+$/, '计划编号只能包含字母、数字、下划线和连字符');

async function download(ctx: CommandContext, code: string) {
  const adapter = adapterFor(readSyncConfig(ctx.sqlite));
  let doc: unknown;
  try {
    doc = await adapter.downloadPlan(code);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof PlatformError && !e.retryable) throw new AppError('NOT_FOUND', `省平台上没有认定计划 ${code}，请核对计划编号。`, `The platform has no plan ${code}.`);
    throw new AppError('PLATFORM_ERROR', `无法从省平台下载认定计划 ${code}（${msg}），请检查网络后重试，或改用文件导入。`, `Plan download failed: ${msg}`);
  }
  return { doc, prepared: await preparePlan({ pkg: doc }) };
}

/** Downloads and checks (nothing written): the same report as a file check. */
export const planDownloadCheck = defineCommand({
  name: 'plan.download.check',
  kind: 'query',
  access: PLAN_EDITORS,
  input: z.object({ planCode }),
  prepare: (ctx, input) => download(ctx, input.planCode),
  handler: (ctx, input, { prepared }) => ({ ...checkPlan(ctx.sqlite, prepared, { today: siteToday(ctx.clock) }), planCode: input.planCode }),
});

/** Downloads and imports; a re-import that changes the plan needs `confirm`, as with files. */
export const planDownload = defineCommand({
  name: 'plan.download',
  kind: 'mutation',
  access: PLAN_EDITORS,
  input: z.object({ planCode, confirm: z.boolean().optional() }),
  prepare: (ctx, input) => download(ctx, input.planCode),
  handler: (ctx, input, { prepared }) => {
    const { result, check } = applyPlan(ctx.db, ctx.sqlite, prepared, {
      clock: ctx.clock,
      actorId: ctx.actor?.staffId ?? null,
      confirm: input.confirm ?? false,
      today: siteToday(ctx.clock),
    });
    ctx.note({ source: 'platform', planCode: input.planCode, ...auditDetail(prepared.read.pkg!, result, prepared.digest) });
    return { ...result, warnings: check.warnings };
  },
});

export const planDownloadCommands = [planDownloadCheck, planDownload] as const;
