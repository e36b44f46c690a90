// The batch plan's commands (issue 3): check and import a plan, the template and the export,
// the demo plan, and the plan pages' queries.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../services/errors';
import { loadDemoFiles } from '../services/plan/demo';
import type { InputFile } from '../services/plan/reader';
import { candidateDetail, candidatePhotos, listBatches, loadPlanPackage, planOverview, resolveBatch, roomList, searchCandidates, staffOfBatch } from '../services/plan/queries';
import { applyPlan, auditDetail, checkPlan, preparePlan, type PlanInput } from '../services/plan/store';
import { writePlanWorkbook } from '../services/plan/writer';
import { writeZip } from '../services/plan/zip';
import { siteToday } from '../services/runtime';
import { defineCommand, type CommandContext } from './registry';

/** Today in the site's calendar (kept here for the commands that import it from plan). */
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
      .array(z.object({ name: z.string().min(1).max(255), data: z.string().max(48 * 1024 * 1024) }))
      .max(20000)
      .optional(),
    package: z.unknown().optional(),
    path: z.string().min(1).max(1024).optional(),
  })
  .refine((v) => !!v.files?.length || v.package !== undefined || !!v.path, { message: '请选择认定计划文件（工作簿、CSV 或 JSON 计划包）' });

const IMPORTABLE = /\.(xlsx|csv|json|zip|jpe?g|png)$/i;

function readPath(path: string): InputFile[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new AppError('NOT_FOUND', `找不到文件或文件夹：${path}`, `No such file or folder: ${path}`);
  if (st.isFile()) return [{ name: path, data: readFileSync(path) }];
  const out: InputFile[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < 2) walk(p, depth + 1);
      else if (e.isFile() && IMPORTABLE.test(extname(e.name)) && !e.name.startsWith('~$')) out.push({ name: p, data: readFileSync(p) });
    }
  };
  walk(path, 0);
  return out;
}

function toInput(ctx: CommandContext, input: z.output<typeof planInput>): PlanInput {
  const files: InputFile[] = (input.files ?? []).map((f) => ({ name: f.name, data: Buffer.from(f.data, 'base64') }));
  if (input.path) {
    // a path names a file on the PC running the console: never for a browser on the LAN
    if (ctx.device.startsWith('http:')) throw new AppError('FORBIDDEN', '服务器文件路径只能在本机桌面版中使用，请改为上传文件。', 'Server paths are for the desktop shell only.');
    files.push(...readPath(input.path));
  }
  return input.package !== undefined ? { files, pkg: input.package } : { files };
}


export const planCheck = defineCommand({
  name: 'plan.check',
  kind: 'query',
  access: PLAN_EDITORS,
  input: planInput,
  prepare: (ctx, input) => preparePlan(toInput(ctx, input)),
  handler: (ctx, _input, prepared) => checkPlan(ctx.sqlite, prepared, { today: siteToday(ctx.clock) }),
});

export const planImport = defineCommand({
  name: 'plan.import',
  kind: 'mutation',
  access: PLAN_EDITORS,
  input: planInput.and(z.object({ confirm: z.boolean().optional() })),
  prepare: (ctx, input) => preparePlan(toInput(ctx, input)),
  handler: (ctx, input, prepared) => {
    const { result, check } = applyPlan(ctx.db, ctx.sqlite, prepared, {
      clock: ctx.clock,
      actorId: ctx.actor?.staffId ?? null,
      confirm: input.confirm ?? false,
      today: siteToday(ctx.clock),
    });
    ctx.note(auditDetail(prepared.read.pkg!, result, prepared.digest));
    return { ...result, warnings: check.warnings };
  },
});

export const planLoadDemo = defineCommand({
  name: 'plan.loadDemo',
  kind: 'mutation',
  access: PLAN_EDITORS,
  input: z.object({}),
  prepare: async () => preparePlan({ files: loadDemoFiles() }),
  handler: (ctx, _input, prepared) => {
    const { result } = applyPlan(ctx.db, ctx.sqlite, prepared, { clock: ctx.clock, actorId: ctx.actor?.staffId ?? null, confirm: false });
    ctx.note({ demo: true, ...auditDetail(prepared.read.pkg!, result, prepared.digest) });
    return result;
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
  prepare: async (ctx, input) => {
    const batchId = resolveBatch(ctx.sqlite, input.batchId);
    if (batchId === null) throw new AppError('NOT_FOUND', '尚未导入认定计划。', 'No plan is held.');
    const pkg = loadPlanPackage(ctx.sqlite, batchId);
    const workbook = await writePlanWorkbook(pkg);
    const photos = input.photos ? writeZip(candidatePhotos(ctx.sqlite, batchId)) : null;
    return { pkg, workbook, photos };
  },
  handler: (_ctx, _input, p) => ({
    fileName: `认定计划-${p.pkg.batch.planCode}.xlsx`,
    data: p.workbook.toString('base64'),
    photos: p.photos ? { fileName: `照片-${p.pkg.batch.planCode}.zip`, data: p.photos.toString('base64') } : null,
  }),
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
  handler: (ctx, input) => {
    const id = resolveBatch(ctx.sqlite, input.batchId);
    return id === null ? null : planOverview(ctx.sqlite, id);
  },
});

export const planCandidates = defineCommand({
  name: 'plan.candidates',
  kind: 'query',
  access: PLAN_READERS,
  input: batchArg.extend({ q: z.string().max(64).optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(200).default(20) }),
  handler: (ctx, input) => {
    const id = resolveBatch(ctx.sqlite, input.batchId);
    return id === null ? { total: 0, rows: [] } : searchCandidates(ctx.sqlite, id, { q: input.q ?? '', page: input.page, pageSize: input.pageSize });
  },
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
  handler: (ctx, input) => {
    const id = resolveBatch(ctx.sqlite, input.batchId);
    return id === null ? [] : roomList(ctx.sqlite, id);
  },
});

export const planStaff = defineCommand({
  name: 'plan.staff',
  kind: 'query',
  access: PLAN_READERS,
  input: batchArg,
  handler: (ctx, input) => {
    const id = resolveBatch(ctx.sqlite, input.batchId);
    return id === null ? [] : staffOfBatch(ctx.sqlite, id);
  },
});

export const planCommands = [planCheck, planImport, planLoadDemo, planTemplate, planExport, planBatches, planOverviewCmd, planCandidates, planCandidate, planRooms, planStaff] as const;
