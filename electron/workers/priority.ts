// A worker thread that reads imports or builds exports gives way to the thread that serves the
// doors (ARCHITECTURE: long work runs off the event loop; E3: the door keeps up with its queue). On
// a site PC with two cores, a sheet bomb being inflated competes with the door's scans for the CPU;
// below normal priority the scheduler lets the door's thread run first. Linux schedules threads
// one by one, so this thread's own nice value is raised (setpriority on its thread id); elsewhere
// Node gives a worker no handle on its thread's priority and this does nothing.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** how far below the thread that started it (nice steps; 19 is the lowest) */
const STEPS = 10;

/** Lowers this thread's priority (Linux); says whether it did. */
export function giveWayToTheDoor(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // /proc/thread-self links to <pid>/task/<tid>: this thread, not the process
    const tid = Number(/\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (!tid) return false;
    // a worker starts at its process's priority (a benchmark run under `nice` included): ten steps below it
    const now = getPriority(tid);
    if (now >= 19) return false;
    setPriority(tid, Math.min(19, now + STEPS));
    return true;
  } catch {
    return false;
  }
}
