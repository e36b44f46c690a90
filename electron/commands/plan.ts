// The batch plan's commands: check and import a plan, the template and the export, the demo
// plan, and the plan pages' queries. Thin doors: schema, roles, one call into services/plan.
import { z } from 'zod';
import { applyPlan, type ImportResult } from '../services/plan/apply';
import { checkedPlan } from '../services/plan/check';
import { loadDemoFiles } from '../services/plan/demo';
import type { PlanInput, Prepared } from '../services/plan/digest';
import { planInputFrom } from '../services/plan/files';
import type { planExportFiles } from '../services/plan/export';
import { exportSerialized } from '../workers/export-pool';

import { candidateDetail, listBatches, planOverview, roomList, searchCandidates, staffOfBatch } from '../services/plan/queries';
import { writePlanWorkbook } from '../services/plan/writer';
import { siteToday } from '../services/runtime';
import { fileData } from '../workers/body';
import { keepPlanOnWorker, preparePlanOffThread, writePlanOnWorker } from '../workers/pool';
import { workerDatabase } from '../workers/protocol';
import { NOT_ON_WORKER } from '../workers/write-gate';
import type { AuditHead } from '../services/seal/audited';
import { defineCommand, type CommandContext } from './registry';

/** Today in the site's calendar (kept here for the commands that still import it from plan). */
export { siteToday };

const PLAN_EDITORS = ['site_head', 'admin'] as const;
const PLAN_READERS = ['site_head', 'admin', 'supervisor'] as const;

/**
 * What a plan arrives as: files (base64: one .xlsx, or CSVs named by sheet, or a .json package;
 * photos as .jpg files or a .zip), a package object, or — in the desktop shell only — a path on
 * this PC (a file or a folder holding them).
 */
const planInput = z
  .object({
    files: z
      .array(z.object({ name: z.string().min(1).max(255), data: fileData(48 * 1024 * 1024) }))
      .max(20000)
      .optional(),
    package: z.unknown().optional(),
    path: z.string().min(1).max(1024).optional(),
  })
  .refine((v) => !!v.files?.length || v.package !== undefined || !!v.path, { message: '请选择认定计划文件（工作簿、CSV 或 JSON 计划包）' });

export const planCheck = defineCommand({
  name: 'plan.check',
  kind: 'query',
  access: PLAN_EDITORS,
  input: planInput,
  prepare: (ctx, input) => preparePlanOffThread(planInputFrom(ctx.device, input), siteToday(ctx.clock), workerDatabase(ctx.env, ctx.clock)),
  handler: (ctx, _input, prepared) => checkedPlan(ctx, prepared),
});

/**
 * A plan import's read: on the import worker, and kept there to be written there as well
 * (writeOnWorker: the transaction on the worker's own connection, so a large plan's writes never
 * hold the doors); where the database has no file to share, brought here for the handler.
 */
type ImportPrepared = { kept: number } | { here: Prepared };

async function prepareImport(ctx: CommandContext, input: PlanInput): Promise<ImportPrepared> {
  const today = siteToday(ctx.clock);
  return workerDatabase(ctx.env, ctx.clock) ? { kept: await keepPlanOnWorker(input, today) } : { here: await preparePlanOffThread(input, today) };
}

function writeImport(ctx: CommandContext, prepared: ImportPrepared, confirm: boolean, head: AuditHead, note: Record<string, unknown>): Promise<ImportResult | typeof NOT_ON_WORKER> {
  const db = workerDatabase(ctx.env, ctx.clock);
  if (!('kept' in prepared) || !db) return Promise.resolve(NOT_ON_WORKER);
  return writePlanOnWorker({ kept: prepared.kept, db, confirm, head, actor: ctx.actor, note });
}

function applyHere(ctx: CommandContext, prepared: ImportPrepared, confirm: boolean): ImportResult {
  if (!('here' in prepared)) throw new Error('plan import: a plan kept on the import worker is written there');
  return applyPlan(ctx, prepared.here, { confirm });
}

export const planImport = defineCommand({
  name: 'plan.import',
  kind: 'mutation',
  access: PLAN_EDITORS,
  input: planInput.and(z.object({ confirm: z.boolean().optional() })),
  prepare: (ctx, input) => prepareImport(ctx, planInputFrom(ctx.device, input)),
  writeOnWorker: (ctx, input, prepared, head, detail) => writeImport(ctx, prepared, input.confirm ?? false, head, detail),
  handler: (ctx, input, prepared) => applyHere(ctx, prepared, input.confirm ?? false),
});

export const planLoadDemo = defineCommand({
  name: 'plan.loadDemo',
  kind: 'mutation',
  access: PLAN_EDITORS,
  input: z.object({}),
  prepare: (ctx) => prepareImport(ctx, { files: loadDemoFiles() }),
  writeOnWorker: (ctx, _input, prepared, head, detail) => writeImport(ctx, prepared, false, head, { ...detail, demo: true }),
  handler: (ctx, _input, prepared) => {
    ctx.note({ demo: true });
    return applyHere(ctx, prepared, false);
  },
});

export const planTemplate = defineCommand({
  name: 'plan.template',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  prepare: async () => writePlanWorkbook(null),
  handler: (_ctx, _input, buf) => ({ fileName: '认定计划导入模板.xlsx', data: buf.toString('base64') }),
});

export const planExport = defineCommand({
  name: 'plan.export',
  kind: 'query',
  access: PLAN_EDITORS,
  input: z.object({ batchId: z.number().int().positive().optional(), photos: z.boolean().optional() }),
  // every photo as base64: tens of MB of JSON, made on the export worker (serialized.ts)
  prepare: (ctx, input) => exportSerialized<Awaited<ReturnType<typeof planExportFiles>>>(ctx, { kind: 'plan.export', batchId: input.batchId, photos: input.photos ?? false }),
  handler: (_ctx, _input, files) => files,
});

export const planBatches = defineCommand({
  name: 'plan.batches',
  kind: 'query',
  access: 'signedIn',
  input: z.object({}),
  handler: (ctx) => listBatches(ctx.sqlite),
});

const batchArg = z.object({ batchId: z.number().int().positive().optional() });

export const planOverviewCmd = defineCommand({
  name: 'plan.overview',
  kind: 'query',
  access: PLAN_READERS,
  input: batchArg,
  handler: (ctx, input) => planOverview(ctx.sqlite, input.batchId),
});

export const planCandidates = defineCommand({
  name: 'plan.candidates',
  kind: 'query',
  access: PLAN_READERS,
  input: batchArg.extend({ q: z.string().max(64).optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(20) }),
  handler: (ctx, input) => searchCandidates(ctx.sqlite, input.batchId, { q: input.q ?? '', page: input.page, pageSize: input.pageSize }),
});

export const planCandidate = defineCommand({
  name: 'plan.candidate',
  kind: 'query',
  access: PLAN_READERS,
  input: z.object({ id: z.number().int().positive() }),
  handler: (ctx, input) => candidateDetail(ctx.sqlite, input.id),
});

export const planRooms = defineCommand({
  name: 'plan.rooms',
  kind: 'query',
  access: PLAN_READERS,
  input: batchArg,
  handler: (ctx, input) => roomList(ctx.sqlite, input.batchId),
});

export const planStaff = defineCommand({
  name: 'plan.staff',
  kind: 'query',
  access: PLAN_READERS,
  input: batchArg,
  handler: (ctx, input) => staffOfBatch(ctx.sqlite, input.batchId),
});

export const planCommands = [planCheck, planImport, planLoadDemo, planTemplate, planExport, planBatches, planOverviewCmd, planCandidates, planCandidate, planRooms, planStaff] as const;
