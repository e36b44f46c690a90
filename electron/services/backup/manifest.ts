// A backup on the drive: <folder>/esc-backups/<key id>/<UTC stamp>-<reason>/ holding
//   console.sqlite   the database, encrypted under the site's key (SQLCipher 4 compatible)
//   keys/…           the sealed secret files (the site's signing key, the LAN keys), as in the data folder
//   manifest.json    written last: what the backup is, its hashes, the audit head it holds, and the
//                    key wrapped by the recovery code (never the key, never personal data)
// A folder without manifest.json is an unfinished backup and is ignored (and removed by rotation).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BACKUP_REASONS } from '../../../db/schema/backup';
import { codeWrapSchema } from '../vault/keyring';

export const BACKUP_ROOT = 'esc-backups';
export const MANIFEST = 'manifest.json';
export const BACKUP_DB = 'console.sqlite';
const FORMAT = 'exam-site-console backup 1';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const rel = z
  .string()
  .max(200)
  .regex(/^keys\/[A-Za-z0-9._-]+$/);

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  createdAt: z.string().max(40),
  reason: z.enum(BACKUP_REASONS),
  app: z.string().max(40),
  siteName: z.string().max(200).nullable(),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  cipher: z.literal('sqlcipher-4'),
  recovery: codeWrapSchema.nullable(),
  db: z.object({ file: z.literal(BACKUP_DB), bytes: z.number().int().nonnegative(), sha256: sha }),
  keys: z.array(z.object({ file: rel, sha256: sha })).max(50),
  audit: z.object({ seq: z.number().int().nonnegative(), hash: z.string().max(64) }),
  migration: z.number().int().nonnegative(),
  verified: z.object({ at: z.string().max(40), integrity: z.literal('ok'), chain: z.literal(true) }),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export function newManifest(m: Omit<BackupManifest, 'format' | 'cipher'>): BackupManifest {
  return { format: FORMAT, cipher: 'sqlcipher-4', ...m };
}

export function readManifest(dir: string): BackupManifest | null {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return null;
  try {
    if (statSync(file).size > 64 * 1024) return null;
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface FoundBackup {
  /** the backup's folder */
  dir: string;
  name: string;
  manifest: BackupManifest;
}

/** Limits of a scan: a chosen folder may be a whole drive. */
const MAX_DIRS = 2000;

/**
 * The backups in a folder the user points at: the folder itself, its esc-backups/<key id>/*, or
 * anything up to three levels down; newest first.
 */
export function findBackups(folder: string): FoundBackup[] {
  const found: FoundBackup[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    if (seen++ > MAX_DIRS) return;
    const m = readManifest(dir);
    if (m) {
      found.push({ dir, name: dir.split(/[\\/]/).pop() ?? dir, manifest: m });
      return;
    }
    if (depth === 0) return;
    let entries: string[];
    try {
      entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.endsWith('.partial'))
        .map((e) => e.name);
    } catch {
      return;
    }
    for (const e of entries.sort()) walk(join(dir, e), depth - 1);
  };
  walk(folder, 3);
  return found.sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt) || b.name.localeCompare(a.name));
}
