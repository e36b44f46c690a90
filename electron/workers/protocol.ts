// What crosses between the main thread and the import worker: jobs and answers as plain data
// (structured clone turns a Buffer into a Uint8Array, so bytes are made Buffers again on arrival).
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
  /** a plan read, digested and (given the day) validated; given the database, also checked against the plan held (checkPlan) */
  | { kind: 'plan'; files: { name: string; data: Uint8Array }[]; hasPackage: boolean; pkg?: unknown; today?: string; against?: WorkerDatabase }
  | { kind: 'theory'; fileName: string; data: Uint8Array }
  /** a request body to parse and decode (body.ts) */
  | { kind: 'body'; bytes: Uint8Array }
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
}

export interface WorkerError {
  code?: ErrorCode;
  reason?: string | undefined;
  params?: ErrorParams | undefined;
  message: string;
  messageEn?: string;
}

export type WorkerAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerError };

/** What crosses back for a job that threw: an AppError's code, reason and params as data. */
export const workerError = (e: unknown): WorkerError =>
  e instanceof AppError ? { code: e.code, reason: e.reason, params: e.params, message: e.message, messageEn: e.messageEn } : { message: e instanceof Error ? e.message : String(e) };

export const toBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));
