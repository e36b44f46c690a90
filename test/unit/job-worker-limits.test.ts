// The worker pool's own limits (EXPORT_LIMITS, IMPORT_WORKER_HEAP_MB): a job past its time or its
// heap ends the worker and is refused as LIMIT_EXCEEDED with the limit named; the next job gets a
// fresh worker. The process that serves the doors carries on.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors';
import type { ImportJob } from '../../electron/workers/protocol';
import { JobWorker } from '../../electron/workers/runner';
import { describeError } from '../../renderer/src/i18n';

const theory = (rows: number): ImportJob => ({ kind: 'theory', fileName: 'scores.csv', data: Buffer.from(`准考证号,姓名,理论成绩\n${Array.from({ length: rows }, (_, i) => `T${i},考生${i},${60 + (i % 40)}`).join('\n')}\n`) });

describe('a job worker past its limits', () => {
  it('a job past its time is refused (LIMIT_EXCEEDED, the limit named) and the next job runs on a new worker', async () => {
    const w = new JobWorker<ImportJob>({ source: 'imports.ts', bundle: 'import-worker.cjs', heapMb: 256, memoryReason: 'limits.importMemory', timeLimitMs: 1, timeReason: 'limits.exportTime' });
    const e = await w.run(theory(10)).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).toData()).toMatchObject({ code: 'LIMIT_EXCEEDED', reason: 'limits.exportTime', params: { limit: '1 ms' } });
    expect(describeError('zh-CN', (e as AppError).toData())).toContain('已停止');
    const ok = new JobWorker<ImportJob>({ source: 'imports.ts', bundle: 'import-worker.cjs', heapMb: 256, memoryReason: 'limits.importMemory', timeLimitMs: 120_000, timeReason: 'limits.exportTime' });
    // the fresh worker reads the file and answers about its content (this one lacks the document column)
    await expect(ok.run(theory(10))).rejects.toMatchObject({ code: 'BAD_INPUT', reason: 'scoring.theoryNoDocColumn' });
  }, 120_000);
});
