// The console's gate: what answers before the database is open (a locked console waits for the
// recovery code) and what replaces the database whole (a restore on a fresh install). These run
// outside the registry's transaction (there may be no database to hold one), so they have their
// own small definitions; the renderer's client is typed from them as from the registry. The
// recovery code is accepted only from this PC (the Electron window, or the browser shell on
// loopback), never from a tablet on the LAN.
import { z } from 'zod';
import type { BackupReason } from '../../db/schema/backup';
import type { KeySource, LockReason } from '../services/vault/vault';

export interface VaultStatus {
  state: 'open' | 'locked';
  lockReason: LockReason | null;
  /** the database is encrypted (false only in benchmarks' plain runs) */
  encrypted: boolean;
  keySource: KeySource | null;
  keystore: { backend: string | null; usable: boolean; wrapped: boolean } | null;
  hasRecovery: boolean;
  /** a fresh install (no site yet) may restore a backup */
  canRestore: boolean;
  /** the caller is on this PC (may type the recovery code) */
  local: boolean;
}

export interface FoundBackupView {
  dir: string;
  name: string;
  createdAt: string;
  reason: BackupReason;
  siteName: string | null;
  app: string;
  bytes: number;
  auditSeq: number;
  restorable: boolean;
}

export interface RestoreReport {
  siteName: string | null;
  createdAt: string;
  reason: BackupReason;
  /** the audit head the backup held; the restore event follows it */
  auditSeq: number;
  restoreEventSeq: number;
}

export interface GateHost {
  status(device: string): VaultStatus;
  unlock(code: string): Promise<VaultStatus>;
  findBackups(folder: string): FoundBackupView[];
  restore(dir: string, code: string, device: string): Promise<RestoreReport>;
}

export interface GateDef<N extends string, S extends z.ZodType, O> {
  name: N;
  input: S;
  /** only from this PC: the recovery code and the data folder are not the LAN's business */
  localOnly: boolean;
  handler: (host: GateHost, input: z.output<S>, device: string) => O;
}

function defineGate<const N extends string, S extends z.ZodType, O>(def: GateDef<N, S, O>): GateDef<N, S, O> {
  return def;
}

const code = z.string().trim().min(1, '请输入恢复码').max(64, '恢复码过长');

export const vaultStatus = defineGate({ name: 'vault.status', input: z.object({}), localOnly: false, handler: (h, _i, device) => h.status(device) });
export const vaultUnlock = defineGate({ name: 'vault.unlock', input: z.object({ code }), localOnly: true, handler: (h, i) => h.unlock(i.code) });
export const vaultRestoreFind = defineGate({
  name: 'vault.restore.find',
  input: z.object({ folder: z.string().trim().min(1, '请输入备份所在的文件夹').max(1000) }),
  localOnly: true,
  handler: (h, i) => h.findBackups(i.folder),
});
export const vaultRestore = defineGate({
  name: 'vault.restore',
  input: z.object({ dir: z.string().trim().min(1).max(1200), code }),
  localOnly: true,
  handler: (h, i, device) => h.restore(i.dir, i.code, device),
});

export const gateCommands = [vaultStatus, vaultUnlock, vaultRestoreFind, vaultRestore] as const;
export type GateCommands = { [C in (typeof gateCommands)[number] as C['name']]: C };

/** Whether a call comes from this PC: in-process callers, the Electron window, or the browser shell on loopback. */
export function isLocalDevice(device: string): boolean {
  const m = /^http:(\S+)/.exec(device);
  if (!m) return true;
  const ip = m[1]!;
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
