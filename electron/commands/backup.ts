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
  if (!s) throw new AppError('BACKUP_ERROR', '本次运行没有加密数据库，不做备份。', 'This run has no encrypted database; no backups.');
  return s;
}

const FOLDER_TEXT: Record<NonNullable<ReturnType<typeof folderProblem>>, [string, string]> = {
  not_absolute: ['请给出完整路径（如 E:\\ 或 /media/考点/U盘）。', 'Give a full path.'],
  missing: ['找不到该文件夹：U 盘是否已插好？', 'No such folder: is the drive plugged in?'],
  not_folder: ['该路径不是文件夹。', 'That path is not a folder.'],
  inside_data: ['备份须放在另一个位置（如 U 盘），不能放在数据目录里。', 'Backups go to a second place, not inside the data folder.'],
};

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
    if (problem) {
      const [zh, en] = FOLDER_TEXT[problem];
      throw new AppError('BAD_INPUT', zh, en, { params: { reason: problem } });
    }
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
    if (!s.settings()) throw new AppError('BACKUP_ERROR', '请先设置备份位置。', 'Set the backup folder first.');
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
