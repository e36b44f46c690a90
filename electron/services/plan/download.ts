// A plan fetched from the provincial platform (P5): its JSON package through the platform
// adapter, then read exactly like a file (same validation, re-import confirmation and audit).
import type { PlatformAdapter } from '../../platform/adapter';
import { PlatformError } from '../../platform/adapter';
import { AppError } from '../errors';
import { preparePlan, type Prepared } from './digest';

/** Downloads the plan `planCode` and reads it; a plan the platform does not have is NOT_FOUND. */
export async function downloadPlan(adapter: PlatformAdapter, planCode: string): Promise<Prepared> {
  let doc: unknown;
  try {
    doc = await adapter.downloadPlan(planCode);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof PlatformError && !e.retryable) throw new AppError('NOT_FOUND', 'plan.downloadNotFound', { planCode });
    // the platform's own words stay in the details (logs), the user reads the coded reason
    throw new AppError('PLATFORM_ERROR', 'plan.downloadFailed', { planCode }, { details: { cause: e instanceof Error ? e.message : String(e) } });
  }
  return preparePlan({ pkg: doc });
}
