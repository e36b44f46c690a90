// Backups (records that outlive the laptop): where they go (a folder the site head chooses, a USB
// drive), how often, how many are kept; a backup now; and the state the dashboard shows.
import { existsSync, readdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { BACKUP_LIMITS, BackupService, folderProblem, type BackupRunResult } from '../services/backup/service';
import { AppError } from '../services/errors';
import { defineCommand, type CommandContext } from './registry';

function service(ctx: CommandContext): BackupService {
  const s = ctx.env.backups;
  if (!s) throw new AppError('BACKUP_ERROR', 'backup.unavailable');
  return s;
}

/** Why a folder cannot take backups, as the error the page words. */
function folderError(problem: NonNullable<ReturnType<typeof folderProblem>>, folder: string): AppError {
  switch (problem) {
    case 'not_absolute':
      return new AppError('BAD_INPUT', 'backup.folderNotAbsolute', { folder });
    case 'missing':
      return new AppError('BAD_INPUT', 'backup.folderMissing', { folder });
    case 'not_folder':
      return new AppError('BAD_INPUT', 'backup.folderNotFolder', { folder });
    case 'inside_data':
      return new AppError('BAD_INPUT', 'backup.folderInsideData', { folder });
  }
}

export const backupStatus = defineCommand({
  name: 'backup.status',
  kind: 'query',
  access: ['site_head', 'supervisor', 'admin'],
  input: z.object({ runs: z.number().int().min(0).max(100).default(10) }),
  handler: (ctx, input) => {
    const s = ctx.env.backups;
    if (!s) return { available: false as const, status: null, runs: [], siteFolder: null };
    const status = s.status();
    return { available: true as const, status, runs: s.runs(input.runs), siteFolder: status.settings ? s.siteFolder(status.settings) : null };
  },
});

export const backupConfigure = defineCommand({
  name: 'backup.configure',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({
    folder: z.string().trim().min(1, '请输入备份位置').max(BACKUP_LIMITS.folderChars),
    everyMinutes: z.number().int().min(BACKUP_LIMITS.minMinutes, `间隔至少 ${BACKUP_LIMITS.minMinutes} 分钟`).max(BACKUP_LIMITS.maxMinutes),
    keep: z.number().int().min(BACKUP_LIMITS.minKeep, `至少保留 ${BACKUP_LIMITS.minKeep} 份`).max(BACKUP_LIMITS.maxKeep),
  }),
  handler: (ctx, input) => {
    service(ctx);
    const problem = folderProblem(input.folder, ctx.env.dataDir);
    if (problem) throw folderError(problem, input.folder);
    const before = service(ctx).settings();
    BackupService.saveSettings(ctx.sqlite, input);
    ctx.note({ before, after: input });
    // the first backup follows at once (electron/app.ts: BACKUP_MILESTONES)
    return { saved: true };
  },
});

/** A backup now, waited for: the page shows how it went. */
export const backupRun = defineCommand({
  name: 'backup.run',
  kind: 'mutation',
  access: ['site_head'],
  input: z.object({}),
  prepare: async (ctx): Promise<BackupRunResult> => {
    const s = service(ctx);
    if (!s.settings()) throw new AppError('BACKUP_ERROR', 'backup.notConfigured');
    return s.run('manual');
  },
  handler: (ctx, _input, result) => {
    ctx.note({ state: result.state, name: result.name, error: result.error });
    return result;
  },
});

/** Folders that look like removable drives, to pick from instead of typing. */
export const backupDrives = defineCommand({
  name: 'backup.drives',
  kind: 'query',
  access: ['site_head'],
  input: z.object({}),
  handler: () => {
    const out: string[] = [];
    const list = (dir: string) => {
      try {
        for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.push(join(dir, e.name));
      } catch {
        // not there on this system
      }
    };
    if (process.platform === 'win32') {
      for (const l of 'DEFGHIJKLMNOPQRSTUVWXYZ') if (existsSync(`${l}:\\`)) out.push(`${l}:\\`);
    } else if (process.platform === 'darwin') list('/Volumes');
    else {
      const user = userInfo().username;
      list(join('/media', user));
      list(join('/run/media', user));
      list('/mnt');
    }
    return out.slice(0, 50);
  },
});

export const backupCommands = [backupStatus, backupConfigure, backupRun, backupDrives] as const;
