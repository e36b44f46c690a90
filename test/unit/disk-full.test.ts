// A full disk on exam day, for real: the console's data folder on a small tmpfs (mounted here, as
// root; elsewhere SQLite's max_page_count stands in for the full disk and the statfs checks are
// skipped, said in the test's output). Door sign-ins with photos go on until the disk is full:
// the refusal is DISK_FULL worded 磁盘已满 with what to do, every acknowledged sign-in stays, and
// once space returns the next sign-in succeeds without a restart; integrity and the audit chain hold.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openConsole, type ConsoleApp } from '../../electron/app';
import { HTTP_STATUS } from '../../electron/server/http';
import { verifyChain } from '../../electron/services/audit';
import type { CallResult } from '../../electron/commands/registry';
import { ManualClock } from '../../electron/services/runtime';
import { DISK_LIMITS, type DiskStatus } from '../../electron/services/system/disk';
import { MAX_PHOTO_BYTES } from '../../electron/services/checkin/signin';
import { describeError } from '../../renderer/src/i18n';
import { doorPhoto, doorsOf, drawnDay, plusMinutes, SITE, STAFF_PIN } from '../support/reliability';

const root = mkdtempSync(join(tmpdir(), 'esc-disk-'));
const mnt = join(root, 'mnt');
mkdirSync(mnt);

/** A 48 MiB tmpfs (memory is used only for what is written), or null where mounting is not allowed. */
function mountSmallDisk(): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', mnt], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const mounted = mountSmallDisk();

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mnt]);
  rmSync(root, { recursive: true, force: true });
});

/** Fills the disk to its last byte (a filler file written until ENOSPC); returns a way to free it. */
function fillDisk(app: ConsoleApp): () => void {
  if (!mounted) {
    // stand-in: the database may not grow past its current pages
    const { sqlite } = app.env.opened;
    const pages = sqlite.pragma('page_count', { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    return () => sqlite.pragma('max_page_count = 1073741823');
  }
  const filler = join(mnt, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(256 * 1024, 7);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  }
  // the last partial page too
  try {
    for (;;) writeSync(fd, chunk, 0, 512);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return () => rmSync(filler);
}

describe('a full disk (DISK_FULL)', () => {
  it('answers 磁盘已满 with what to do, loses no acknowledged sign-in, warns beforehand, and recovers by itself when space returns', async () => {
    console.log(mounted ? 'disk-full: a 48 MiB tmpfs, filled to ENOSPC' : 'disk-full: tmpfs could not be mounted (not root): SQLite max_page_count stands in, statfs checks skipped');
    const dataDir = await drawnDay(mounted ? mnt : root);
    const clock = new ManualClock('2026-05-21T07:45:00+08:00');
    let app = openConsole({ dataDir, clock });
    const call = (method: string, input: unknown, token: string | null): Promise<CallResult> => app.call({ method, input, token, device: 'vitest' });
    const ok = async <T,>(method: string, input: unknown, token: string | null): Promise<T> => {
      const r = await call(method, input, token);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    };
    try {
      const doors = doorsOf(app.env.opened.sqlite);
      const first = doors[0]!;
      clock.set(plusMinutes(first.startsAt, -25));
      const head = (await ok<{ token: string }>('auth.signIn', { staffNo: SITE.staffNo, pin: SITE.pin }, null)).token;
      const proctors = new Map<string, string>();
      const proctorOf = async (d: (typeof doors)[number]) => {
        let t = proctors.get(d.proctorNo);
        if (!t) proctors.set(d.proctorNo, (t = (await ok<{ token: string }>('auth.signIn', { staffNo: d.proctorNo, pin: STAFF_PIN, role: 'proctor' }, null)).token));
        return t;
      };
      const sameStart = doors.filter((d) => d.startsAt === first.startsAt);
      const queue = sameStart.flatMap((d) => d.candidates.map((c) => ({ d, c })));

      // before: the disk's state against what the day's sign-ins need
      const before = await ok<DiskStatus>('system.disk', {}, head);
      expect(before.signInsToCome).toBeGreaterThanOrEqual(queue.length);
      expect(DISK_LIMITS.perSignInBytes).toBe(3 * MAX_PHOTO_BYTES);
      expect(before.neededBytes).toBe(DISK_LIMITS.floorBytes + before.signInsToCome * DISK_LIMITS.perSignInBytes);
      if (mounted) {
        expect(before.totalBytes).toBe(48 * 1024 * 1024);
        // 48 MiB cannot hold the day's photos: the home page and the dashboard warn now
        expect(before.state).toBe('low');
      }

      const acknowledged: number[] = [];
      let refusal: CallResult | null = null;
      let free: (() => void) | null = null;
      for (const [i, { d, c }] of queue.entries()) {
        // the disk fills after a few sign-ins
        if (i === 3) free = fillDisk(app);
        const r = await call('checkin.confirm', { sessionId: d.sessionId, roomId: d.roomId, candidateId: c.id, method: 'ticket', scanned: c.ticket, photo: { jpegBase64: doorPhoto() } }, await proctorOf(d));
        if (r.ok) acknowledged.push((r.data as { checkinId: number }).checkinId);
        else {
          refusal = r;
          queue.splice(0, i); // the rest, from the refused one on
          break;
        }
      }
      expect(free).not.toBeNull();
      expect(refusal, 'no write was refused on the full disk').not.toBeNull();
      const err = (refusal as Extract<CallResult, { ok: false }>).error;
      expect(err.code).toBe('DISK_FULL');
      expect(err.reason).toBe('system.diskFull');
      expect(HTTP_STATUS.DISK_FULL).toBe(507);
      const zh = describeError('zh-CN', err);
      expect(zh).toContain('磁盘已满');
      expect(zh).toContain('清理');
      expect(zh).not.toContain('系统内部错误');
      expect(describeError('en', err)).toContain('Disk full');

      // while full: the state says so, reads still answer, every acknowledged sign-in is there
      if (mounted) expect((await ok<DiskStatus>('system.disk', {}, head)).state).toBe('full');
      const present = () => app.env.opened.sqlite.prepare(`SELECT COUNT(*) AS n FROM checkins WHERE id IN (${acknowledged.join(',')}) AND photo_id IS NOT NULL`).get() as { n: number };
      expect(acknowledged.length).toBeGreaterThanOrEqual(3);
      expect(present().n).toBe(acknowledged.length);
      expect(app.env.opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      // space returns: the same console, no restart, signs the refused candidate in
      free!();
      const next = queue[0]!;
      const again = await call('checkin.confirm', { sessionId: next.d.sessionId, roomId: next.d.roomId, candidateId: next.c.id, method: 'ticket', scanned: next.c.ticket, photo: { jpegBase64: doorPhoto() } }, await proctorOf(next.d));
      expect(again.ok, JSON.stringify(again).slice(0, 300)).toBe(true);
      acknowledged.push((again as { ok: true; data: { checkinId: number } }).data.checkinId);

      // and after a restart everything acknowledged is there, the file sound, the chain whole
      await app.backups?.idle();
      app.close();
      app = openConsole({ dataDir, clock });
      expect(present().n).toBe(acknowledged.length);
      expect(app.env.opened.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(verifyChain(app.env.opened.sqlite).ok).toBe(true);
    } finally {
      await app.backups?.idle();
      app.close();
    }
  }, 120_000);
});
