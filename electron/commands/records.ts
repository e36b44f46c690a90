// Records (DOMAIN A2–A5): the archive per year and batch, retention and the schedule, destruction
// with two signatures and its ledger, and the yearly summary. Files are written before the
// transaction (prepare) under temporary names and put in place only after it commits (afterCommit).
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../services/errors';
import { siteToday } from '../services/runtime';
import { verifyArchive } from '../services/records/archive';
import { backupHook } from '../services/records/backups';
import { MATERIAL_CLASSES, PROVINCES, SEED_YEARS, retentionPolicy, setRetentionPolicy, type MaterialClass } from '../services/records/classes';
import { provePins } from '../services/auth';
import { DESTROYER_ROLES, METHODS, currentArchive, destroyMaterial, ledger, planDestruction, type DestroyResult } from '../services/records/destroy';
import { schedule } from '../services/records/schedule';
import { summaryYears, yearlySummary } from '../services/records/summary';
import type { BuiltArchive } from '../workers/export-jobs';
import { exportOffThread } from '../workers/export-pool';
import { defineCommand, type CommandContext } from './registry';

const VIEWERS = ['site_head', 'supervisor', 'admin'] as const;
const id = z.number().int().positive();
const materialClass = z.enum(MATERIAL_CLASSES);
const signer = z.object({ staffNo: z.string().trim().min(1, '请输入工号').max(32), pin: z.string().min(1, '请输入 PIN').max(64) });

/** Overwrites a file's bytes before unlinking it (best effort against recovery from the same disk). */
function shred(file: string): void {
  if (!existsSync(file)) return;
  try {
    writeFileSync(file, Buffer.alloc(statSync(file).size));
  } finally {
    rmSync(file, { force: true });
  }
}

/** Leftovers of an archive build whose transaction never committed. */
function clearTemp(dataDir: string): void {
  const dir = join(dataDir, 'archives', '.tmp');
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
}

/** The archive (A2) built on the export worker into archives/.tmp, read from the last committed state. */
async function buildToTemp(ctx: CommandContext, batchId: number, classes: readonly MaterialClass[], extra: readonly (readonly [string, string])[]): Promise<BuiltArchive> {
  clearTemp(ctx.env.dataDir);
  return exportOffThread<BuiltArchive>(ctx, { kind: 'records.archive', batchId, classes: [...classes], extra: extra.map(([k, v]) => [k, v]), dataDir: ctx.env.dataDir });
}

function place(ctx: CommandContext, temp: string, fileName: string): void {
  const target = join(ctx.env.dataDir, fileName);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  renameSync(temp, target);
}

export const recordsOverview = defineCommand({
  name: 'records.overview',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  handler: (ctx) => ({
    today: siteToday(ctx.clock),
    policy: retentionPolicy(ctx.sqlite),
    /** each province's minimums (A3), for the settings page */
    seeds: SEED_YEARS,
    schedule: schedule(ctx.sqlite, siteToday(ctx.clock)),
    destroyerRoles: DESTROYER_ROLES,
    methods: METHODS,
  }),
});

export const recordsPolicySet = defineCommand({
  name: 'records.policy.set',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ province: z.enum(PROVINCES), years: z.partialRecord(materialClass, z.number().int().min(1).max(100)).optional() }),
  handler: (ctx, input) => {
    const before = retentionPolicy(ctx.sqlite);
    const after = setRetentionPolicy(ctx.sqlite, input, ctx.clock.now().toISOString(), ctx.actor?.staffId ?? null);
    ctx.note({ before: { province: before.province, years: before.years }, after: { province: after.province, years: after.years } });
    return after;
  },
});

export const recordsArchiveCreate = defineCommand({
  name: 'records.archive.create',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({ batchId: id }),
  prepare: async (ctx, input) => {
    const current = currentArchive(ctx.sqlite, input.batchId);
    const destroyed = new Set((ctx.sqlite.prepare('SELECT class FROM destructions WHERE batch_id = ?').all(input.batchId) as { class: string }[]).map((r) => r.class));
    if (destroyed.size) throw new AppError('CONFLICT', 'records.rebuiltByDestruction', { batchId: input.batchId });
    return { built: await buildToTemp(ctx, input.batchId, MATERIAL_CLASSES, current ? [['Replaces-Manifest-Sha256', current.manifestSha256]] : []), replaces: current?.id ?? null };
  },
  handler: (ctx, input, prepared) => {
    const b = prepared.built;
    const at = ctx.clock.now().toISOString();
    const replaced = prepared.replaces ? (ctx.sqlite.prepare('SELECT file_name AS f FROM archives WHERE id = ?').get(prepared.replaces) as { f: string }).f : null;
    if (prepared.replaces) ctx.sqlite.prepare('UPDATE archives SET removed_at = ? WHERE id = ?').run(at, prepared.replaces);
    const row = ctx.sqlite
      .prepare(
        `INSERT INTO archives (batch_id, year, file_name, bag_name, manifest_sha256, file_sha256, byte_size, payload_oxum, classes, figures, created_at, created_by, replaces)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.batchId, Number(b.fileName.split(/[\\/]/)[1]), b.fileName, b.bagName, b.manifestSha256, b.fileSha256, b.byteSize, b.payloadOxum, JSON.stringify(b.classes), b.figures, at, ctx.actor?.staffId ?? null, prepared.replaces);
    ctx.note({ batchId: input.batchId, archiveId: Number(row.lastInsertRowid), manifestSha256: b.manifestSha256, fileSha256: b.fileSha256, byteSize: b.byteSize, payloadOxum: b.payloadOxum, replaces: prepared.replaces });
    return { archiveId: Number(row.lastInsertRowid), fileName: b.fileName, manifestSha256: b.manifestSha256, byteSize: b.byteSize, payloadOxum: b.payloadOxum, replaced };
  },
  afterCommit: (ctx, _input, prepared, out) => {
    place(ctx, prepared.built.temp, prepared.built.fileName);
    if (out.replaced) shred(join(ctx.env.dataDir, out.replaced));
  },
});

/** The batch's current archive as a file to save elsewhere (USB drive, the organisation's store). */
export const recordsArchiveDownload = defineCommand({
  name: 'records.archive.download',
  kind: 'query',
  access: ['site_head', 'admin'],
  input: z.object({ batchId: id }),
  handler: (ctx, input) => {
    const a = currentArchive(ctx.sqlite, input.batchId);
    if (!a) throw new AppError('NOT_FOUND', 'records.noArchive', { batchId: input.batchId });
    const file = join(ctx.env.dataDir, a.fileName);
    if (!existsSync(file)) throw new AppError('NOT_FOUND', 'records.archiveFileMissing', { file: a.fileName });
    return { fileName: a.fileName.split(/[\\/]/).pop()!, base64: readFileSync(file).toString('base64') };
  },
});

export const recordsArchiveVerify = defineCommand({
  name: 'records.archive.verify',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ batchId: id }),
  prepare: async (ctx, input) => {
    const a = currentArchive(ctx.sqlite, input.batchId);
    if (!a) throw new AppError('NOT_FOUND', 'records.noArchive', { batchId: input.batchId });
    const file = join(ctx.env.dataDir, a.fileName);
    if (!existsSync(file)) return { ok: false, files: 0, manifestSha256: null, problems: [{ code: 'missing_file', detail: `档案文件缺失 / archive file missing: ${a.fileName}` }], recorded: a.manifestSha256 };
    const r = await verifyArchive(file);
    const problems = [...r.problems];
    if (r.manifestSha256 !== a.manifestSha256) problems.push({ code: 'content', detail: '清单哈希与归档记录不符 / manifest hash differs from the record' });
    return { ok: problems.length === 0, files: r.files, manifestSha256: r.manifestSha256, problems, recorded: a.manifestSha256 };
  },
  handler: (_ctx, _input, prepared) => prepared,
});

export const recordsDestroy = defineCommand({
  name: 'records.destroy',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({
    batchId: id,
    classes: z.array(materialClass).min(1, '请选择要销毁的资料分类').max(MATERIAL_CLASSES.length),
    reason: z.string().trim().min(2, '请写明销毁原因').max(500),
    method: z.string().trim().min(2, '请写明销毁方式').max(100),
    destroyer: signer,
    signer,
  }),
  prepare: async (ctx, input) => {
    const plan = planDestruction(ctx.sqlite, ctx.clock, input.batchId, input.classes);
    // freed pages are zeroed, so deleted rows do not linger in the file (set outside the transaction)
    ctx.sqlite.pragma('secure_delete = ON');
    const rebuilt = plan.remaining.length
      ? await buildToTemp(ctx, input.batchId, plan.remaining, [
          ['Replaces-Manifest-Sha256', plan.archive.manifestSha256],
          ['Destroyed-Classes', MATERIAL_CLASSES.filter((c) => !plan.remaining.includes(c)).join(' ')],
        ])
      : null;
    // A4/S9: both PINs proven in the thread pool before the transaction
    const pins = await provePins(ctx, [input.destroyer, input.signer]);
    return { rebuilt, oldFile: plan.archive.fileName, startedAt: ctx.clock.now().toISOString(), pins };
  },
  handler: (ctx, input, prepared) => {
    const r = destroyMaterial(ctx, { ...input, rebuilt: prepared.rebuilt }, prepared.pins);
    ctx.note({
      batchId: r.batchId,
      classes: r.classes,
      destructionIds: r.destructionIds,
      reason: input.reason,
      method: input.method,
      removed: r.removed,
      auditRedacted: r.redacted,
      redactionsDigest: r.redactionsDigest,
      archiveManifestSha256: r.archiveManifestSha256,
    });
    return { ...r, files: { archiveRemoved: prepared.oldFile, archiveRebuilt: prepared.rebuilt?.fileName ?? null, backupsRemoved: 0, backupsUnreachable: [] as string[] } };
  },
  afterCommit: async (ctx, _input, prepared, out: DestroyResult & { files: { archiveRemoved: string; archiveRebuilt: string | null; backupsRemoved: number; backupsUnreachable: string[] } }) => {
    if (prepared.rebuilt) place(ctx, prepared.rebuilt.temp, prepared.rebuilt.fileName);
    shred(join(ctx.env.dataDir, prepared.oldFile));
    // every backup taken before now holds what was destroyed
    const hook = backupHook();
    for (const b of hook.list(ctx.env.dataDir)) {
      if (b.madeAt <= ctx.clock.now().toISOString()) {
        hook.remove(b);
        out.files.backupsRemoved += 1;
      }
    }
    out.files.backupsUnreachable = hook.unreachable?.(ctx.env.dataDir) ?? [];
    // free pages from before (deleted with secure_delete off) may still hold the material: VACUUM
    // rewrites the file without them; the WAL holds old pages until it is checkpointed and truncated
    ctx.sqlite.exec('VACUUM');
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ctx.sqlite.pragma('secure_delete = OFF');
    await hook.backupNow?.(ctx.env.dataDir, 'destruction');
  },
});

export const recordsLedger = defineCommand({
  name: 'records.ledger',
  kind: 'query',
  access: VIEWERS,
  input: z.object({}),
  handler: (ctx) => ledger(ctx.sqlite),
});

export const recordsSummary = defineCommand({
  name: 'records.summary',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ year: z.number().int().min(2000).max(2100).optional() }),
  handler: (ctx, input) => {
    const years = summaryYears(ctx.sqlite);
    const year = input.year ?? years[0] ?? Number(siteToday(ctx.clock).slice(0, 4));
    return { years, summary: yearlySummary(ctx.sqlite, year) };
  },
});

export const recordsSummaryFile = defineCommand({
  name: 'records.summary.file',
  kind: 'query',
  access: VIEWERS,
  input: z.object({ year: z.number().int().min(2000).max(2100), format: z.enum(['xlsx', 'pdf']) }),
  prepare: (ctx, input) => exportOffThread<{ fileName: string; base64: string }>(ctx, { kind: 'records.summary', year: input.year, format: input.format }),
  handler: (_ctx, _input, prepared) => prepared,
});

export const recordsCommands = [recordsOverview, recordsPolicySet, recordsArchiveCreate, recordsArchiveDownload, recordsArchiveVerify, recordsDestroy, recordsLedger, recordsSummary, recordsSummaryFile] as const;
