// What crosses between the main thread and the import worker: jobs and answers as plain data
// (structured clone turns a Buffer into a Uint8Array, so bytes are made Buffers again on arrival).
import type { AuditHead } from '../services/seal/audited';
import type { AppEnv } from '../commands/registry';
import { AppError, type ErrorCode, type ErrorParams } from '../services/errors';
import type { Clock } from '../services/runtime';
import type { ExportWork } from './export-jobs';

/** The site's database as a worker opens it (connect.ts): its file, its key, and the site's clock at the moment of asking. */
export interface WorkerDatabase {
  file: string;
  key: Uint8Array | null;
  now: string;
}

/** The database a worker may open, now; null where there is no file to share (in memory): the work then stays on this thread. */
export function workerDatabase(env: AppEnv, clock: Clock): WorkerDatabase | null {
  const file = env.opened.file;
  if (!file || file === ':memory:') return null;
  return { file, key: env.vault ? new Uint8Array(env.vault.key()) : null, now: clock.now().toISOString() };
}

export type ImportJob =
  /**
   * a plan read, digested and (given the day) validated; given the database, also checked against
   * the plan held (checkPlan); with `keep`, held on the worker for the plan.write that follows (only
   * its number comes back)
   */
  | { kind: 'plan'; files: { name: string; data: Uint8Array }[]; hasPackage: boolean; pkg?: unknown; today?: string; against?: WorkerDatabase; keep?: boolean }
  /** a kept plan applied (applyPlan) in one transaction with its audit event, on the worker's own connection */
  | { kind: 'plan.write'; kept: number; db: WorkerDatabase; confirm: boolean; head: AuditHead; actor: unknown; note: Record<string, unknown> }
  | { kind: 'theory'; fileName: string; data: Uint8Array }
  /** a request body to join, parse and decode (body.ts), as its chunks arrived */
  | { kind: 'body'; chunks: Uint8Array[] }
  /** an input already parsed (IPC) whose base64 files are to be digested and decoded (body.ts) */
  | { kind: 'input'; input: unknown };

/**
 * An export for the export worker (exports.ts): the database to read (its file and key), the
 * moment it is built at (the site's clock), who asks (a proctor's own door), and the work itself.
 */
export interface ExportJob extends WorkerDatabase {
  /** the caller as the command saw it (plain data) */
  actor: unknown;
  work: ExportWork;
  /** answer with the value's JSON as bytes (serialized.ts), not the value */
  serialize?: boolean;
}

/** A plan kept on the import worker for the write that follows. */
export interface KeptPlan {
  kept: number;
}

export interface WorkerError {
  code?: ErrorCode;
  reason?: string | undefined;
  params?: ErrorParams | undefined;
  /** what the refusal shows beside its words (a plan's problems, a re-import's diff) */
  details?: unknown;
  persist?: boolean;
  /** a database error's own code (SQLITE_FULL…): what the dispatcher words it by */
  sqliteCode?: string;
  message: string;
  messageEn?: string;
}

export type WorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerError };

/** What crosses back for a job that threw: an AppError's code, reason, params and details as data; a database error's code. */
export function workerError(e: unknown): WorkerError {
  if (e instanceof AppError) return { code: e.code, reason: e.reason, params: e.params, details: e.details, persist: e.persist, message: e.message, messageEn: e.messageEn };
  const code = e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined;
  return { message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' && code.startsWith('SQLITE_') ? { sqliteCode: code } : {}) };
}

/** The error a job threw, made again on this side of the thread. */
export function errorFromWorker(e: WorkerError): Error {
  if (e.code && e.reason) return new AppError(e.code, e.reason, e.params, { details: e.details, persist: e.persist ?? false });
  if (e.code) return new AppError(e.code, e.message, e.messageEn ?? e.message, { details: e.details, persist: e.persist ?? false });
  const err = new Error(e.message);
  if (e.sqliteCode) (err as Error & { code?: string }).code = e.sqliteCode;
  return err;
}

export const toBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));
