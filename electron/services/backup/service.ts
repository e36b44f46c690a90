// Backups to a second place the site head chooses (a USB drive): at each milestone (plan imported,
// a door closed, each seal), every N minutes while the data changes, and on demand. Each one is
// copied and checked off the main thread (worker.ts → copy.ts), its secret files added, its
// manifest written last, then recorded (backup_runs + an audit event) and the oldest beyond the
// number to keep removed. One backup at a time; requests during a run are folded into one more.
import { desc } from 'drizzle-orm';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { schema, type Db, type Sqlite } from '../../../db';
import type { BACKUP_FAILURES, BackupReason } from '../../../db/schema/backup';
import { appendAudit } from '../audit';
import { canonicalJson, sha256Hex } from '../canonical';
import { AppError } from '../errors';
import type { Clock } from '../runtime';
import type { OpenVault } from '../vault/vault';
import { writeFileAtomic } from '../vault/vault';
import type { CopyResult } from './copy';
import { hashFile } from './copy';
import { BACKUP_DB, BACKUP_ROOT, MANIFEST, newManifest, readManifest } from './manifest';

export const BACKUP_SETTINGS_KEY = 'backup.settings';
export const BACKUP_LIMITS = { folderChars: 1000, minMinutes: 5, maxMinutes: 24 * 60, minKeep: 2, maxKeep: 200 } as const;
export const BACKUP_DEFAULTS = { everyMinutes: 30, keep: 20 } as const;

export interface BackupSettings {
  folder: string;
  everyMinutes: number;
  keep: number;
}

/** How to start the worker: from source (worker-boot.mjs registers tsx) or the bundled build. */
export interface WorkerSpec {
  file: URL | string;
  /** the TypeScript entry worker-boot.mjs imports, when running from source */
  entry?: string;
}

export function defaultWorkerSpec(): WorkerSpec {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { file: new URL('./worker-boot.mjs', here), entry: new URL('./worker.ts', here).href };
  // the Electron bundle: main.cjs beside backup-worker.cjs (scripts/build-electron.mjs)
  return { file: new URL('./backup-worker.cjs', here) };
}

/** Why a run failed, as the page words it (backup.failure.*); the detail is the technical message. */
export type BackupFailureReason = (typeof BACKUP_FAILURES)[number];

class BackupFailure extends Error {
  constructor(
    readonly reason: BackupFailureReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'BackupFailure';
  }
}

export interface BackupRunResult {
  state: 'ok' | 'failed';
  reason: BackupReason;
  name: string | null;
  dir: string | null;
  bytes: number | null;
  auditSeq: number | null;
  ms: number;
  errorReason: BackupFailureReason | null;
  /** the technical detail of a failure (a path, SQLite's message) */
  error: string | null;
}

export type BackupWarning = 'not_configured' | 'drive_missing' | 'never' | 'failed' | 'stale';

export interface BackupStatus {
  settings: BackupSettings | null;
  running: boolean;
  driveMissing: boolean;
  lastGood: { at: string; reason: BackupReason; name: string; bytes: number; auditSeq: number; ms: number } | null;
  lastRun: { at: string; state: 'ok' | 'failed'; reason: BackupReason; errorReason: BackupFailureReason | null; error: string | null } | null;
  /** audit events since the last good backup: what a restore from it would lose */
  behind: number;
  /** minutes since the last good backup (site clock) */
  ageMinutes: number | null;
  /** the most urgent thing to say, or null when all is well */
  warning: BackupWarning | null;
}

export function readSettings(sqlite: Sqlite): BackupSettings | null {
  const row = sqlite.prepare('SELECT value FROM app_meta WHERE key = ?').get(BACKUP_SETTINGS_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as BackupSettings) : null;
}

/** Why a folder cannot take backups, as a code for the catalogue; null when it can. */
export function folderProblem(folder: string, dataDir: string): 'not_absolute' | 'missing' | 'not_folder' | 'inside_data' | null {
  if (!isAbsolute(folder)) return 'not_absolute';
  if (!existsSync(folder)) return 'missing';
  if (!statSync(folder).isDirectory()) return 'not_folder';
  const rel = relative(resolve(dataDir), resolve(folder));
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return 'inside_data';
  return null;
}

function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, '$1Z');
}

export interface BackupDeps {
  dataDir: string;
  dbFile: string;
  db: Db;
  sqlite: Sqlite;
  vault: OpenVault;
  clock: Clock;
  version: string;
  worker?: WorkerSpec;
}

export class BackupService {
  private running: Promise<BackupRunResult> | null = null;
  private queued: BackupReason | null = null;
  private worker: Worker | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: BackupDeps) {}

  settings(): BackupSettings | null {
    return readSettings(this.deps.sqlite);
  }

  /** Where this site's backups go on the drive: one folder per key, so two sites can share a drive. */
  siteFolder(settings: BackupSettings): string {
    return join(settings.folder, BACKUP_ROOT, this.deps.vault.keyId.slice(0, 16));
  }

  /** A milestone or the timer: runs now, or once more after the current run. Never throws. */
  request(reason: BackupReason): void {
    if (this.closed || !this.settings()) return;
    if (this.running) {
      this.queued = this.queued ?? reason;
      return;
    }
    void this.run(reason);
  }

  /** Runs one backup (after the current one, if any) and resolves with how it went. */
  async run(reason: BackupReason): Promise<BackupRunResult> {
    while (this.running) await this.running.catch(() => undefined);
    const p = this.runOnce(reason).finally(() => {
      this.running = null;
      const next = this.queued;
      this.queued = null;
      if (next && !this.closed) void this.run(next);
    });
    this.running = p;
    return p;
  }

  /** Resolves when no backup is running or queued (tests, demo:day, a clean shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** The timer: every minute, a backup when one is due (N minutes since the last attempt, and data changed since the last good one). */
  startTimer(intervalMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  /** One look of the timer: whether a backup is due now; if so it is started. Returns whether it was. */
  tick(): boolean {
    const s = this.settings();
    if (!s || this.running || this.closed) return false;
    const last = this.deps.sqlite.prepare('SELECT finished_at AS at FROM backup_runs ORDER BY id DESC LIMIT 1').get() as { at: string } | undefined;
    const due = !last || this.deps.clock.now().getTime() - new Date(last.at).getTime() >= s.everyMinutes * 60_000;
    if (!due || this.status().behind === 0) return false;
    this.request('timer');
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.worker?.terminate();
  }

  status(): BackupStatus {
    const { sqlite, clock } = this.deps;
    const settings = this.settings();
    const good = sqlite
      .prepare("SELECT finished_at AS at, reason, name, bytes, audit_seq AS auditSeq, ms FROM backup_runs WHERE state = 'ok' ORDER BY id DESC LIMIT 1")
      .get() as BackupStatus['lastGood'] | undefined;
    const last = sqlite.prepare('SELECT finished_at AS at, state, reason, error_reason AS errorReason, error FROM backup_runs ORDER BY id DESC LIMIT 1').get() as BackupStatus['lastRun'] | undefined;
    const head = (sqlite.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM audit_events').get() as { n: number }).n;
    const driveMissing = settings ? !existsSync(settings.folder) : false;
    const ageMinutes = good ? Math.max(0, Math.floor((clock.now().getTime() - new Date(good.at).getTime()) / 60_000)) : null;
    // what comes after the backup about the backup itself is not "behind"
    const behind = good ? Math.max(0, head - good.auditSeq - this.recordEventsSince(good.auditSeq)) : head;
    let warning: BackupWarning | null = null;
    if (!settings) warning = 'not_configured';
    else if (driveMissing) warning = 'drive_missing';
    else if (last?.state === 'failed') warning = 'failed';
    else if (!good) warning = 'never';
    else if (behind > 0 && ageMinutes !== null && ageMinutes > 2 * settings.everyMinutes) warning = 'stale';
    return { settings, running: this.running !== null, driveMissing, lastGood: good ?? null, lastRun: last ?? null, behind, ageMinutes, warning };
  }

  private recordEventsSince(seq: number): number {
    // the backup's own trail comes after it: its record, and the site head's "back up now" (written once the backup is done)
    return (this.deps.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE seq > ? AND command IN ('backup.made', 'backup.failed', 'backup.run')").get(seq) as { n: number }).n;
  }

  private async runOnce(reason: BackupReason): Promise<BackupRunResult> {
    const { clock } = this.deps;
    const settings = this.settings();
    const started = clock.now();
    const t0 = performance.now();
    if (!settings) throw new AppError('BACKUP_ERROR', 'backup.notConfigured');
    const base = this.siteFolder(settings);
    // two backups in the same millisecond of the site clock (a test's clock, a clock set back) get -2, -3…
    let name = `${stampOf(started)}-${reason}`;
    for (let n = 2; existsSync(join(base, name)); n++) name = `${stampOf(started)}-${reason}-${n}`;
    const dir = join(base, name);
    const partial = `${dir}.partial`;
    try {
      if (!existsSync(settings.folder)) throw new BackupFailure('driveMissing', settings.folder);
      mkdirSync(partial, { recursive: true, mode: 0o700 });
      const copy = await this.copyInWorker(join(partial, BACKUP_DB));
      if (copy.integrity.length) throw new BackupFailure('integrity', copy.integrity.join('; '));
      if (!copy.chainOk) throw new BackupFailure('chain', copy.chainBad ?? '');
      const keys = this.copyKeys(partial);
      const manifest = newManifest({
        createdAt: started.toISOString(),
        reason,
        app: this.deps.version,
        siteName: copy.siteName,
        keyId: this.deps.vault.keyId,
        recovery: this.deps.vault.recoveryWrap(),
        db: { file: BACKUP_DB, bytes: copy.bytes, sha256: copy.sha256 },
        keys,
        audit: { seq: copy.auditSeq, hash: copy.auditHash },
        migration: copy.migration,
        verified: { at: clock.now().toISOString(), integrity: 'ok', chain: true },
      });
      writeFileAtomic(join(partial, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
      renameSync(partial, dir);
      const result: BackupRunResult = { state: 'ok', reason, name, dir, bytes: copy.bytes, auditSeq: copy.auditSeq, ms: Math.round(performance.now() - t0), errorReason: null, error: null };
      this.record(started, settings, result, copy);
      this.rotate(base, settings.keep);
      return result;
    } catch (e) {
      rmSync(partial, { recursive: true, force: true });
      const error = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      const errorReason: BackupFailureReason = e instanceof BackupFailure ? e.reason : 'failed';
      const result: BackupRunResult = { state: 'failed', reason, name: null, dir: null, bytes: null, auditSeq: null, ms: Math.round(performance.now() - t0), errorReason, error };
      if (!this.closed) this.record(started, settings, result, null);
      return result;
    }
  }

  private copyInWorker(target: string): Promise<CopyResult> {
    const spec = this.deps.worker ?? defaultWorkerSpec();
    return new Promise((resolvePromise, reject) => {
      const worker = new Worker(spec.file, { workerData: { dbFile: this.deps.dbFile, key: new Uint8Array(this.deps.vault.key()), target, entry: spec.entry } });
      this.worker = worker;
      let settled = false;
      worker.once('message', (m: { ok: true; result: CopyResult } | { ok: false; error: string }) => {
        settled = true;
        if (m.ok) resolvePromise(m.result);
        else reject(new Error(m.error));
      });
      worker.once('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.once('exit', (code) => {
        this.worker = null;
        if (!settled) reject(new Error(this.closed ? '考点通已关闭，备份中止 / the console closed' : `backup worker exited (${code})`));
      });
    });
  }

  /** The data folder's secret files (sealed), as they are, with their hashes. */
  private copyKeys(partial: string): { file: string; sha256: string }[] {
    const keysDir = join(this.deps.dataDir, 'keys');
    if (!existsSync(keysDir)) return [];
    const out: { file: string; sha256: string }[] = [];
    mkdirSync(join(partial, 'keys'), { recursive: true, mode: 0o700 });
    for (const f of readdirSync(keysDir).sort()) {
      // the vault holds the keystore wrap of this machine: a restore makes its own
      if (f === 'vault.json' || f.includes('.tmp-') || !/^[A-Za-z0-9._-]+$/.test(f)) continue;
      const from = join(keysDir, f);
      if (!statSync(from).isFile()) continue;
      const to = join(partial, 'keys', f);
      cpSync(from, to);
      out.push({ file: `keys/${f}`, sha256: hashFile(to).sha256 });
    }
    return out;
  }

  private record(started: Date, settings: BackupSettings, r: BackupRunResult, copy: CopyResult | null): void {
    const { db, sqlite, clock } = this.deps;
    const finished = clock.now().toISOString();
    sqlite.transaction(() => {
      db.insert(schema.backupRuns)
        .values({
          startedAt: started.toISOString(),
          finishedAt: finished,
          reason: r.reason,
          folder: settings.folder,
          name: r.name,
          state: r.state,
          bytes: r.bytes,
          sha256: copy?.sha256 ?? null,
          auditSeq: copy?.auditSeq ?? null,
          auditHash: copy?.auditHash ?? null,
          ms: r.ms,
          errorReason: r.errorReason,
          error: r.error,
        })
        .run();
      const detail = { reason: r.reason, folder: settings.folder, name: r.name, bytes: r.bytes, sha256: copy?.sha256 ?? null, auditSeq: r.auditSeq, errorReason: r.errorReason, error: r.error };
      appendAudit(sqlite, {
        at: finished,
        actorId: null,
        actorName: null,
        role: null,
        device: 'system',
        command: r.state === 'ok' ? 'backup.made' : 'backup.failed',
        outcome: 'ok',
        payloadDigest: sha256Hex(canonicalJson(detail)),
        detail,
      });
    }).immediate();
  }

  /** Keeps the newest `keep` complete backups of this site (and always the newest), removes unfinished ones. */
  private rotate(base: string, keep: number): void {
    let entries: string[];
    try {
      entries = readdirSync(base);
    } catch {
      return;
    }
    const complete = entries.filter((e) => !e.endsWith('.partial') && readManifest(join(base, e))).sort();
    for (const old of complete.slice(0, Math.max(0, complete.length - Math.max(1, keep)))) rmSync(join(base, old), { recursive: true, force: true });
    // this run's own folder is renamed by now: a .partial left is a run that died (power cut, drive pulled)
    for (const e of entries.filter((x) => x.endsWith('.partial'))) rmSync(join(base, e), { recursive: true, force: true });
  }

  /** Rows for the backup page, newest first. */
  runs(limit: number): (typeof schema.backupRuns.$inferSelect)[] {
    return this.deps.db.select().from(schema.backupRuns).orderBy(desc(schema.backupRuns.id)).limit(limit).all();
  }

  /** Saves the settings (validated by the command). */
  static saveSettings(sqlite: Sqlite, settings: BackupSettings): void {
    sqlite.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(BACKUP_SETTINGS_KEY, JSON.stringify(settings));
  }
}
