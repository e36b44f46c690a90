// The data folder's disk: how much room is left (fs.statfs), how much a day of door photos needs,
// and a full disk told apart from any other failure. SQLite answers a full disk with SQLITE_FULL
// (its transaction rolls back, so nothing half-done is written and every committed row stays); the
// next write after space returns simply succeeds: nothing to reopen, no restart.
import { statfsSync } from 'node:fs';
import type { ReadSqlite } from '../../../db';

const MiB = 1024 * 1024;

/** The threshold below which the home page and the dashboard warn. */
export const DISK_LIMITS = {
  /** below this the disk counts as full: a few more photos, then SQLite answers SQLITE_FULL */
  fullBytes: 16 * MiB,
  /** room kept free whatever the plan: the WAL, a checkpoint, one backup's temporary copy */
  floorBytes: 256 * MiB,
  /**
   * per sign-in still to come: its photo at the door's largest (checkin's MAX_PHOTO_BYTES, 200 KiB;
   * the core imports no area, disk-full.test.ts holds the two equal) in the database, again in the
   * WAL before a checkpoint, and in a backup
   */
  perSignInBytes: 3 * 200 * 1024,
} as const;

export type DiskState = 'ok' | 'low' | 'full';

export interface DiskStatus {
  state: DiskState;
  freeBytes: number;
  totalBytes: number;
  /** what the sign-ins still to come need on top of the floor (the warning's threshold) */
  neededBytes: number;
  /** sign-ins the current plan still expects (candidate × session not yet signed in or marked absent) */
  signInsToCome: number;
}

/** Free space of the filesystem holding `dir`, as an unprivileged process may use it. */
export function freeSpace(dir: string): { freeBytes: number; totalBytes: number } {
  const s = statfsSync(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

/** Sign-ins (each with its door photo) the plans in the database still expect. */
export function signInsToCome(sqlite: ReadSqlite): number {
  const row = sqlite
    .prepare(
      `SELECT COUNT(*) AS n FROM candidate_subjects cs JOIN subjects su ON su.id = cs.subject_id JOIN batches b ON b.id = su.batch_id
       WHERE b.status <> 'sealed' AND cs.session_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM checkins k WHERE k.candidate_id = cs.candidate_id AND k.session_id = cs.session_id)
         AND NOT EXISTS (SELECT 1 FROM checkin_absences a WHERE a.candidate_id = cs.candidate_id AND a.session_id = cs.session_id)`,
    )
    .get() as { n: number };
  return row.n;
}

/** The data folder's disk against what the rest of the day needs: 'full' below the floor, 'low' below the day. */
export function diskStatus(sqlite: ReadSqlite, dataDir: string): DiskStatus {
  const { freeBytes, totalBytes } = freeSpace(dataDir);
  const toCome = signInsToCome(sqlite);
  const neededBytes = DISK_LIMITS.floorBytes + toCome * DISK_LIMITS.perSignInBytes;
  const state: DiskState = freeBytes < DISK_LIMITS.fullBytes ? 'full' : freeBytes < neededBytes ? 'low' : 'ok';
  return { state, freeBytes, totalBytes, neededBytes, signInsToCome: toCome };
}

const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

/**
 * Whether an error is the disk being full: SQLite's SQLITE_FULL (a write to the database, its WAL
 * or a temporary file), or ENOSPC/EDQUOT from a file write. SQLite may also report a failed write
 * as SQLITE_IOERR_WRITE when the OS said ENOSPC; the message then names it.
 */
export function isDiskFull(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && FULL_CODES.has(code)) return true;
  const message = (e as { message?: unknown }).message;
  return typeof message === 'string' && /database or disk is full|ENOSPC|no space left on device/i.test(message);
}
