// What a plan arrives as: files sent over the wire (base64), a package object, or, in the desktop
// shell only, a path on this PC (a file, or a folder holding the workbook and photos).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { AppError } from '../errors';
import type { PlanInput } from './digest';
import type { InputFile } from './reader';

/** The files a folder may hand in (others, and Office's ~$ lock files, are left alone). */
const IMPORTABLE = /\.(xlsx|csv|json|zip|jpe?g|png)$/i;
/** A folder is read two levels down (照片/ beside the workbook, or one more level). */
const MAX_DEPTH = 2;

function readPath(path: string): InputFile[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new AppError('NOT_FOUND', 'plan.pathNotFound', { path });
  if (st.isFile()) return [{ name: path, data: readFileSync(path) }];
  const out: InputFile[] = [];
  const walk = (dir: string, depth: number) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH) walk(p, depth + 1);
      else if (e.isFile() && IMPORTABLE.test(extname(e.name)) && !e.name.startsWith('~$')) out.push({ name: p, data: readFileSync(p) });
    }
  };
  walk(path, 0);
  return out;
}

export interface PlanSource {
  /** base64, or the bytes when the import worker decoded the request body */
  files?: { name: string; data: string | Uint8Array }[] | undefined;
  package?: unknown;
  path?: string | undefined;
}

/** The plan input from what a caller sent; a path is read only for the desktop shell's own calls. */
export function planInputFrom(device: string, source: PlanSource): PlanInput {
  const files: InputFile[] = (source.files ?? []).map((f) => ({ name: f.name, data: typeof f.data === 'string' ? Buffer.from(f.data, 'base64') : Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength) }));
  if (source.path) {
    // a path names a file on the PC running the console: never for a browser on the LAN
    if (device.startsWith('http:')) throw new AppError('FORBIDDEN', 'plan.pathDesktopOnly');
    files.push(...readPath(source.path));
  }
  return source.package !== undefined ? { files, pkg: source.package } : { files };
}
