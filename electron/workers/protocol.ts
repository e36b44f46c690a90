// What crosses between the main thread and the import worker: jobs and answers as plain data
// (structured clone turns a Buffer into a Uint8Array, so bytes are made Buffers again on arrival).
import type { ErrorCode, ErrorParams } from '../services/errors';

export type ImportJob =
  | { kind: 'plan'; files: { name: string; data: Uint8Array }[]; hasPackage: boolean; pkg?: unknown }
  | { kind: 'theory'; fileName: string; data: Uint8Array };

export type WorkerAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code?: ErrorCode; reason?: string | undefined; params?: ErrorParams | undefined; message: string; messageEn?: string } };

export const toBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));
