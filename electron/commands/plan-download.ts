// Plan download from the provincial platform (P5): the plan's JSON package fetched through the
// platform adapter, then checked and imported exactly like a file (same validation, same
// re-import confirmation, same audit detail).
import { z } from 'zod';
import { adapterFor } from '../platform';
import { applyPlan } from '../services/plan/apply';
import { checkPlan } from '../services/plan/check';
import { downloadPlan } from '../services/plan/download';
import { readSyncConfig } from '../services/sync/config';
import { defineCommand } from './registry';

const PLAN_EDITORS = ['site_head', 'admin'] as const;
const planCode = z
  .string()
  .trim()
  .min(1, '请输入认定计划编号')
  .max(64, '计划编号过长')
  .regex(/^[\w-]+$/, '计划编号只能包含字母、数字、下划线和连字符');

/** Downloads and checks (nothing written): the same report as a file check. */
export const planDownloadCheck = defineCommand({
  name: 'plan.download.check',
  kind: 'query',
  access: PLAN_EDITORS,
  input: z.object({ planCode }),
  prepare: (ctx, input) => downloadPlan(adapterFor(readSyncConfig(ctx.sqlite)), input.planCode),
  handler: (ctx, input, prepared) => ({ ...checkPlan(ctx, prepared), planCode: input.planCode }),
});

/** Downloads and imports; a re-import that changes the plan needs `confirm`, as with files. */
export const planDownload = defineCommand({
  name: 'plan.download',
  kind: 'mutation',
  access: PLAN_EDITORS,
  input: z.object({ planCode, confirm: z.boolean().optional() }),
  prepare: (ctx, input) => downloadPlan(adapterFor(readSyncConfig(ctx.sqlite)), input.planCode),
  handler: (ctx, input, prepared) => {
    ctx.note({ source: 'platform', planCode: input.planCode });
    return applyPlan(ctx, prepared, { confirm: input.confirm ?? false });
  },
});

export const planDownloadCommands = [planDownloadCheck, planDownload] as const;
