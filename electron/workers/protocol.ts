// What crosses between the main thread and the import worker: jobs and answers as plain data
// (structured clone turns a Buffer into a Uint8Array, so bytes are made Buffers again on arrival).
import { AppError, type ErrorCode, type ErrorParams } from '../services/errors';
import type { ExportWork } from './export-jobs';

export type ImportJob =
  | { kind: 'plan'; files: { name: string; data: Uint8Array }[]; hasPackage: boolean; pkg?: unknown; today?: string }
  | { kind: 'theory'; fileName: string; data: Uint8Array }
  /** a request body to parse and decode (body.ts) */
  | { kind: 'body'; bytes: Uint8Array }
  /** an input already parsed (IPC) whose base64 files are to be digested and decoded (body.ts) */
  | { kind: 'input'; input: unknown };

/**
 * An export for the export worker (exports.ts): the database to read (its file and key), the
 * moment it is built at (the site's clock), who asks (a proctor's own door), and the work itself.
 */
export interface ExportJob {
  file: string;
  key: Uint8Array | null;
  now: string;
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
