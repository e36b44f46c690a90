// One writer at a time on the site's database, across threads. A plan import writes on the import
// worker's own connection (its transaction never holds the thread that serves the doors); while it
// does, the commands of this thread wait here, asynchronously, rather than in SQLite's busy handler,
// which would hold this thread (and every door scan) until the worker commits. Reads never wait:
// queries use their own connection, and WAL lets them read beside a writer.
import type { OpenedDatabase } from '../../db';

/** What writeOnWorker returns where the database has no file to share: the handler runs on this thread. */
export const NOT_ON_WORKER: unique symbol = Symbol('not on worker');

export class WriteGate {
  /** the exclusive writes, in the order asked for: each starts when the one before it ended */
  private tail: Promise<void> = Promise.resolve();
  private holders = 0;
  private readonly after: (() => void)[] = [];

  /** Runs `write` (a worker's transaction) when no other exclusive write runs; this thread's commands wait for it. */
  exclusive<T>(write: () => Promise<T>): Promise<T> {
    this.holders++;
    const run = this.tail.then(write);
    const done = run.then(
      () => undefined,
      () => undefined,
    );
    this.tail = done;
    void done.then(() => {
      if (--this.holders === 0) this.drain();
    });
    return run;
  }

  /** Resolves once no exclusive write is running or waiting (at once when none is). */
  async idle(): Promise<void> {
    while (this.holders > 0) await this.tail;
  }

  /** Runs `write` now if the gate is open, else once it is (a device's last contact: it may wait, the call must not). */
  whenOpen(write: () => void): void {
    if (this.holders === 0) write();
    else this.after.push(write);
  }

  private drain(): void {
    for (const w of this.after.splice(0)) {
      try {
        w();
      } catch (e) {
        console.error('write gate: a deferred write failed:', e);
      }
    }
  }
}

const gates = new WeakMap<OpenedDatabase, WriteGate>();

/** The gate of an opened database (one per file the console has open). */
export function writeGate(opened: OpenedDatabase): WriteGate {
  let g = gates.get(opened);
  if (!g) gates.set(opened, (g = new WriteGate()));
  return g;
}
