// Boots the console's core for either shell: the key, the encrypted database in the data folder,
// the registry, the injected clock and randomness, the backups. Never imports `electron` (the
// Electron shell hands its keystore in). A console whose key cannot be found by itself starts
// locked: only the gate's commands answer until someone types the recovery code (vault.unlock).
import { existsSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isPlainSqliteFile, openDatabase, type OpenedDatabase } from '../db';
import type { BackupReason } from '../db/schema/backup';
import { createRegistry } from './commands';
import { dispatch, type AppEnv, type CallRequest, type CallResult } from './commands/registry';
import { gateCommands, isLocalDevice, type FoundBackupView, type GateHost, type RestoreReport, type VaultStatus } from './commands/vault';
import { appendAudit } from './services/audit';
import { BackupService, type WorkerSpec } from './services/backup/service';
import { findBackups } from './services/backup/manifest';
import { installRestore, prepareRestore } from './services/backup/restore';
import { canonicalJson, sha256Hex } from './services/canonical';
import { AppError, internalError } from './services/errors';
import { forgetPinGuard } from './services/pin-guard';
import { setBackupHook } from './services/records/backups';
import { cryptoRandom, systemClock, type Clock, type RandomSource } from './services/runtime';
import { LAN_CA_KEY_FILE, LAN_KEY_FILE } from './services/lan/cert';
import { SITE_KEY_FILE } from './services/seal/keys';
import { registerDataKey, sealPlainFiles, unregisterDataKey } from './services/vault/files';
import { RecoveryCodeError } from './services/vault/keyring';
import type { Keystore } from './services/vault/keystore';
import { migratePlainDatabase } from './services/vault/migrate';
import { DB_FILE, installVault, ownerOnlyDir, unlockVault, unlockWithCode, WrongKeyError, type LockReason, type OpenVault } from './services/vault/vault';
import { APP_VERSION } from './version';

export { DB_FILE };

export type ConsoleState = 'open' | 'locked';

// A4: a destruction reaches the backups too. The open consoles' backup services by data folder;
// the records area asks through its hook which backups exist, removes those taken before the
// destruction and has a fresh one taken after it.
const openBackups = new Map<string, BackupService>();
setBackupHook({
  list: (dataDir) => {
    const service = openBackups.get(dataDir);
    const settings = service?.settings();
    if (!service || !settings || !existsSync(settings.folder)) return [];
    return findBackups(service.siteFolder(settings)).map((b) => ({ path: b.dir, madeAt: new Date(b.manifest.createdAt).toISOString() }));
  },
  unreachable: (dataDir) => {
    const settings = openBackups.get(dataDir)?.settings();
    return settings && !existsSync(settings.folder) ? [settings.folder] : [];
  },
  // a backup is a folder (the encrypted database, its keys, its manifest)
  remove: (file) => rmSync(file.path, { recursive: true, force: true }),
  backupNow: async (dataDir) => {
    const service = openBackups.get(dataDir);
    if (service?.settings()) await service.run('manual');
  },
});

export interface ConsoleApp {
  env: AppEnv;
  readonly state: ConsoleState;
  readonly lockReason: LockReason | null;
  /** the backups of the open console (null while locked, and in plain benchmark runs) */
  readonly backups: BackupService | null;
  call(req: CallRequest): Promise<CallResult>;
  /** the recovery code typed at the unlock screen (or a terminal prompt) */
  unlock(code: string): Promise<void>;
  /** runs fn once the console is open (at once when it is): the shells start the demo clock, the backup timer */
  onOpen(fn: () => void): void;
  close(): void;
}

export interface ConsoleOptions {
  dataDir: string;
  clock?: Clock;
  random?: RandomSource;
  migrationsDir?: string;
  /** how the key is found; by default ESC_DB_KEY / ESC_RECOVERY_CODE, else a new key for a new folder */
  unlock?: { key?: Buffer; code?: string; useEnv?: boolean; keystore?: Keystore | null };
  /** benchmarks only (the plain baseline next to the encrypted run): no key, no vault, no backups */
  plaintext?: boolean;
  /** where the backup worker lives (the Electron bundle); by default the source file */
  backupWorker?: WorkerSpec;
}

/** The commands after which a backup is due (DOMAIN A1: records that outlive the laptop). */
export const BACKUP_MILESTONES: Readonly<Record<string, BackupReason>> = {
  'plan.import': 'plan',
  'plan.loadDemo': 'plan',
  'plan.download': 'plan',
  'checkin.markAbsent': 'door',
  'seal.seal': 'seal',
  'seal.amend': 'seal',
  // a new backup folder gets its first backup at once
  'backup.configure': 'manual',
};

const SECRET_FILES = [SITE_KEY_FILE, LAN_CA_KEY_FILE, LAN_KEY_FILE];

function lockedError(reason: LockReason): AppError {
  return reason === 'code_needed' ? new AppError('VAULT_LOCKED', 'vault.locked') : new AppError('VAULT_LOCKED', 'vault.missing');
}

function codeError(e: RecoveryCodeError): AppError {
  return e.malformed ? new AppError('RECOVERY_CODE_WRONG', 'vault.codeMalformed') : new AppError('RECOVERY_CODE_WRONG', 'vault.codeWrong');
}

interface Opened {
  opened: OpenedDatabase;
  vault: OpenVault | null;
  backups: BackupService | null;
}

/**
 * Starts the console on a data folder. Opens it when the key can be found without asking
 * (ESC_DB_KEY, ESC_RECOVERY_CODE, the keystore, a new folder); otherwise returns it locked. A wrong
 * key or code throws (Chinese first). A plain database from before encryption is encrypted in
 * place, after a backup, on the way in.
 */
export function startConsole(opts: ConsoleOptions): ConsoleApp {
  const clock = opts.clock ?? systemClock;
  const random = opts.random ?? cryptoRandom;
  const dataDir = opts.dataDir;
  const dbFile = join(dataDir, DB_FILE);
  ownerOnlyDir(dataDir);
  const registry = createRegistry();
  const keystore = opts.unlock?.keystore ?? null;
  let current: Opened | null = null;
  let lockReason: LockReason | null = null;
  const openListeners: (() => void)[] = [];

  const env: AppEnv = {
    get opened(): OpenedDatabase {
      if (!current) throw lockedError(lockReason ?? 'code_needed');
      return current.opened;
    },
    get vault(): OpenVault | null {
      return current?.vault ?? null;
    },
    get backups(): BackupService | null {
      return current?.backups ?? null;
    },
    clock,
    random,
    dataDir,
    version: APP_VERSION,
  };

  const openWith = (vault: OpenVault | null): void => {
    let migrated: ReturnType<typeof migratePlainDatabase> | null = null;
    if (vault) {
      if (isPlainSqliteFile(dbFile)) {
        // the recovery wrap first: an encrypted database always has a way back in
        if (!vault.hasRecovery) {
          const r = vault.newRecoverySync(random);
          vault.commitRecovery(r.wrap);
          vault.pendingCode = r.code;
        }
        migrated = migratePlainDatabase(dataDir, vault.key(), clock);
      }
      registerDataKey(dataDir, vault.key());
      sealPlainFiles(dataDir, SECRET_FILES.map((f) => join(dataDir, f)));
    }
    let opened: OpenedDatabase;
    try {
      opened = openDatabase(dbFile, { key: vault ? vault.key() : null, ...(opts.migrationsDir ? { migrationsDir: opts.migrationsDir } : {}) });
    } catch (e) {
      unregisterDataKey(dataDir);
      throw e;
    }
    forgetPinGuard(opened.sqlite); // S1: a (re)opened console starts with no wrong-PIN locks
    if (migrated) {
      const detail = { backupFile: migrated.backupFile.split(/[\\/]/).pop(), auditEvents: migrated.auditEvents, cipher: 'sqlcipher-4' };
      systemEvent(opened, 'vault.encrypted', 'system', detail);
    }
    const backups = vault ? new BackupService({ dataDir, dbFile, db: opened.db, sqlite: opened.sqlite, vault, clock, version: APP_VERSION, ...(opts.backupWorker ? { worker: opts.backupWorker } : {}) }) : null;
    current = { opened, vault, backups };
    if (backups) openBackups.set(dataDir, backups);
    lockReason = null;
    for (const fn of openListeners) fn();
  };

  const systemEvent = (opened: OpenedDatabase, command: string, device: string, detail: Record<string, unknown>) =>
    opened.sqlite.transaction(() =>
      appendAudit(opened.sqlite, { at: clock.now().toISOString(), actorId: null, actorName: null, role: null, device, command, outcome: 'ok', payloadDigest: sha256Hex(canonicalJson(detail)), detail }),
    ).immediate();

  const shut = (): void => {
    if (!current) return;
    current.backups?.close();
    if (openBackups.get(dataDir) === current.backups) openBackups.delete(dataDir);
    current.opened.close();
    unregisterDataKey(dataDir);
    current = null;
  };

  const siteExists = (): boolean => !!current && !!current.opened.sqlite.prepare('SELECT 1 FROM site LIMIT 1').get();

  // the key, without asking anyone
  if (opts.plaintext) openWith(null);
  else {
    const r = unlockVault({
      dataDir,
      random,
      dbExists: existsSync(dbFile) && statSync(dbFile).size > 0,
      keystore,
      ...(opts.unlock?.key ? { key: opts.unlock.key } : {}),
      ...(opts.unlock?.code ? { code: opts.unlock.code } : {}),
      ...(opts.unlock?.useEnv === false ? { useEnv: false } : {}),
    });
    if (r.ok) openWith(r.vault);
    else lockReason = r.reason;
  }

  const host: GateHost = {
    status: (device): VaultStatus => ({
      state: current ? 'open' : 'locked',
      lockReason,
      encrypted: !opts.plaintext,
      keySource: current?.vault?.source ?? null,
      keystore: current?.vault ? current.vault.keystoreStatus() : keystore ? { backend: keystore.backend, usable: keystore.usable, wrapped: false } : null,
      hasRecovery: current?.vault?.hasRecovery ?? false,
      canRestore: !!current?.vault && !siteExists(),
      local: isLocalDevice(device),
    }),
    unlock: async (code) => {
      if (current) return host.status('local');
      let r;
      try {
        r = await unlockWithCode({ dataDir, random, dbExists: existsSync(dbFile), keystore }, code);
      } catch (e) {
        if (e instanceof RecoveryCodeError) throw codeError(e);
        throw e;
      }
      if (!r.ok) throw lockedError(r.reason);
      openWith(r.vault);
      return host.status('local');
    },
    findBackups: (folder): FoundBackupView[] => {
      if (!existsSync(folder)) throw new AppError('NOT_FOUND', 'restore.folderMissing', { folder });
      return findBackups(folder).map((b) => ({
        dir: b.dir,
        name: b.name,
        createdAt: b.manifest.createdAt,
        reason: b.manifest.reason,
        siteName: b.manifest.siteName,
        app: b.manifest.app,
        bytes: b.manifest.db.bytes,
        auditSeq: b.manifest.audit.seq,
        restorable: b.manifest.recovery !== null,
      }));
    },
    restore: async (dir, code, device): Promise<RestoreReport> => {
      if (!current?.vault) throw lockedError(lockReason ?? 'code_needed');
      if (siteExists()) throw new AppError('RESTORE_REFUSED', 'restore.siteExists');
      let prepared;
      try {
        prepared = await prepareRestore(dir, code);
      } catch (e) {
        if (e instanceof RecoveryCodeError) throw codeError(e);
        throw e;
      }
      shut();
      installRestore(dataDir, prepared);
      installVault(dataDir, prepared.key, prepared.manifest.recovery);
      const r = unlockVault({ dataDir, random, dbExists: true, keystore, key: prepared.key, useEnv: false });
      if (!r.ok) throw lockedError(r.reason);
      openWith(r.vault);
      const m = prepared.manifest;
      const event = systemEvent(current!.opened, 'backup.restore', device, {
        backup: dir.split(/[\\/]/).pop(),
        createdAt: m.createdAt,
        reason: m.reason,
        sha256: m.db.sha256,
        auditSeq: m.audit.seq,
        auditHash: m.audit.hash,
        app: m.app,
      });
      return { siteName: m.siteName, createdAt: m.createdAt, reason: m.reason, auditSeq: m.audit.seq, restoreEventSeq: event.seq };
    },
  };

  const gate = new Map(gateCommands.map((g) => [g.name as string, g]));

  const call = async (req: CallRequest): Promise<CallResult> => {
    const g = gate.get(req.method);
    if (g) {
      try {
        if (g.localOnly && !isLocalDevice(req.device)) throw new AppError('FORBIDDEN', 'vault.localOnly');
        const parsed = g.input.safeParse(req.input ?? {});
        if (!parsed.success) throw new AppError('BAD_INPUT', `输入有误：${parsed.error.issues.map((i) => i.message).join('；')}`, 'Invalid input.');
        // Any: each gate command's handler takes its own parsed input; the map erases which
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const data: unknown = await (g.handler as (h: GateHost, i: any, d: string) => unknown)(host, parsed.data, req.device);
        return { ok: true, data };
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toData() };
        if (e instanceof WrongKeyError) return { ok: false, error: new AppError('DB_KEY_WRONG', 'vault.keyWrong').toData() };
        console.error(`gate ${req.method}:`, e);
        return { ok: false, error: internalError() };
      }
    }
    if (!current) return { ok: false, error: lockedError(lockReason ?? 'code_needed').toData() };
    const result = await dispatch(registry, env, req);
    const milestone = result.ok ? BACKUP_MILESTONES[req.method] : undefined;
    if (milestone) current?.backups?.request(milestone);
    return result;
  };

  return {
    env,
    get state(): ConsoleState {
      return current ? 'open' : 'locked';
    },
    get lockReason() {
      return lockReason;
    },
    get backups() {
      return current?.backups ?? null;
    },
    call,
    unlock: async (code) => {
      await host.unlock(code);
    },
    onOpen: (fn) => {
      openListeners.push(fn);
      if (current) fn();
    },
    close: shut,
  };
}

/**
 * The console, open: for tests, scripts and benchmarks that have the key (ESC_DB_KEY, a given key
 * or code) or a new folder. A console that would start locked is refused with VAULT_LOCKED.
 */
export function openConsole(opts: ConsoleOptions): ConsoleApp {
  const app = startConsole(opts);
  if (app.state !== 'open') {
    const reason = app.lockReason ?? 'code_needed';
    app.close();
    throw lockedError(reason);
  }
  return app;
}

/** The OS's per-user application-data folder (what Electron's app.getPath('appData') gives). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const name = 'exam-site-console';
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), name);
}
