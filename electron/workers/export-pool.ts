// Runs exports on the export worker (exports.ts, export-jobs.ts): the commands that build a file
// hand their work here instead of building it on the event loop the doors use. The worker reads
// through its own read-only connection to the same file, with the same key; its heap and each
// export's time are capped (EXPORT_LIMITS), a refusal past either is LIMIT_EXCEEDED.
import { EXPORT_LIMITS } from '../domain/limits';
import type { AppEnv } from '../commands/registry';
import type { ReadContext } from '../services/context';
import { runExport, type ExportWork } from './export-jobs';
import { workerDatabase, type ExportJob } from './protocol';
import { JobWorker } from './runner';
import { serialize, Serialized } from './serialized';

const shared = new JobWorker<ExportJob>({
  source: 'exports.ts',
  bundle: 'export-worker.cjs',
  heapMb: EXPORT_LIMITS.heapMb,
  memoryReason: 'limits.exportMemory',
  timeLimitMs: EXPORT_LIMITS.seconds * 1000,
  timeReason: 'limits.exportTime',
});

/**
 * Builds an export off the event loop; its answer is what the command returns. A database with no
 * file to share (in memory) is read on this thread.
 */
export async function exportOffThread<T>(ctx: ReadContext & { env: AppEnv }, work: ExportWork): Promise<T> {
  const db = workerDatabase(ctx.env, ctx.clock);
  if (!db) return (await runExport(ctx, work)) as T;
  return (await shared.run({ ...db, actor: ctx.actor, work })) as T;
}

/**
 * An export whose answer the command passes on untouched, serialized on the export worker: the
 * serving thread never makes (nor, over HTTP, parses) its JSON (serialized.ts). In memory, made here.
 */
export async function exportSerialized<T>(ctx: ReadContext & { env: AppEnv }, work: ExportWork): Promise<Serialized<T>> {
  const db = workerDatabase(ctx.env, ctx.clock);
  if (!db) return new Serialized<T>(serialize(await runExport(ctx, work)));
  return new Serialized<T>((await shared.run({ ...db, actor: ctx.actor, work, serialize: true })) as Uint8Array);
}
