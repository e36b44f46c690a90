// The demo plan shipped in resources/demo-plan (written by `npx tsx scripts/demo-plan.ts`):
// a workbook and a zip of photos, imported exactly as a site's own files would be.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors';
import type { InputFile } from './reader';

export const DEMO_WORKBOOK = 'demo-plan.xlsx';
export const DEMO_PHOTOS = 'demo-photos.zip';

/** resources/demo-plan from the sources, or beside the bundled Electron main (dist-electron/resources). */
export function demoPlanDir(): string | null {
  const candidates = [
    process.env.ESC_RESOURCES_DIR ? join(process.env.ESC_RESOURCES_DIR, 'demo-plan') : null,
    fileURLToPath(new URL('../../../resources/demo-plan/', import.meta.url)),
    fileURLToPath(new URL('./resources/demo-plan/', import.meta.url)),
  ].filter((d): d is string => !!d);
  return candidates.find((d) => existsSync(join(d, DEMO_WORKBOOK))) ?? null;
}

export function loadDemoFiles(): InputFile[] {
  const dir = demoPlanDir();
  if (!dir) throw new AppError('NOT_FOUND', 'plan.demoMissing');
  return [DEMO_WORKBOOK, DEMO_PHOTOS].filter((f) => existsSync(join(dir, f))).map((f) => ({ name: f, data: readFileSync(join(dir, f)) }));
}
