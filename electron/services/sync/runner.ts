// Runs the engine in the background for one console: "sync all" starts it (or wakes it from its
// back-off wait), then it keeps retrying open packages for a while. The wait is real time; what is
// due is decided on the injected clock. One runner per console (keyed by its environment object).
import type { OpenedDatabase } from '../../../db';
import type { PlatformAdapter } from '../../platform/adapter';
import { adapterFor } from '../../platform/index';
import { serviceContext, type ServiceContext } from '../context';
import type { Clock, RandomSource } from '../runtime';
import { siteKey } from '../seal/keys';
import { readSyncConfig, type SyncConfig } from './config';
import { syncOnce, type NetworkState, type SyncRoundResult } from './engine';

/** The console the runner serves: its database, injected clock and randomness, and data folder (the site key). */
export interface SyncHost {
  opened: Pick<OpenedDatabase, 'db' | 'sqlite'>;
  clock: Clock;
  random: RandomSource;
  dataDir: string;
}

export interface RunnerOptions {
  adapterFor?: (cfg: SyncConfig) => PlatformAdapter;
  /** automatic rounds after a click before the runner rests (the next click starts it again) */
  maxRounds?: number;
  minWaitMs?: number;
  maxWaitMs?: number;
}

export class SyncRunner {
  network: NetworkState = { state: 'unknown', at: null, problem: null };
  lastRound: SyncRoundResult | null = null;
  lastError: string | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private forceNext = false;

  /** the engine's context: no one signed in, the device is the sync itself (its audit events say so) */
  private readonly ctx: ServiceContext;

  constructor(
    private readonly host: SyncHost,
    private readonly opts: RunnerOptions = {},
  ) {
    this.ctx = serviceContext(host.opened, { clock: host.clock, random: host.random, device: 'sync' });
  }

  get running(): boolean {
    return this.loop !== null;
  }

  /** One click: run every open package now (ignoring back-off), then keep retrying in the background. */
  kick(): void {
    this.forceNext = true;
    if (this.loop) {
      this.wake?.();
      return;
    }
    this.loop = this.run().finally(() => {
      this.loop = null;
    });
  }

  /** For tests and the demo: resolves when the current background run has rested. */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  private adapter(cfg: SyncConfig): PlatformAdapter {
    if (this.opts.adapterFor) return this.opts.adapterFor(cfg);
    return adapterFor(cfg);
  }

  private async run(): Promise<void> {
    const maxRounds = this.opts.maxRounds ?? 20;
    for (let round = 0; round < maxRounds; round++) {
      if (!this.ctx.sqlite.open) return;
      const force = this.forceNext;
      this.forceNext = false;
      const cfg = readSyncConfig(this.ctx.sqlite);
      if (!cfg.platformUrl) return;
      let result: SyncRoundResult;
      try {
        const sitePublicKey = siteKey(this.host.dataDir, this.host.random).publicKey;
        result = await syncOnce(this.ctx, { adapter: this.adapter(cfg), sitePublicKey, force });
      } catch (e) {
        // the database closed under us (the console is shutting down) or a bug: rest, say why
        this.lastError = e instanceof Error ? e.message : String(e);
        return;
      }
      this.lastRound = result;
      if (result.network.state !== 'unknown') this.network = result.network;
      if (result.open === 0 && !this.forceNext) return;
      const due = result.nextDueAt ? new Date(result.nextDueAt).getTime() - this.host.clock.now().getTime() : Infinity;
      const wait = Math.min(this.opts.maxWaitMs ?? 60_000, Math.max(this.opts.minWaitMs ?? 500, due));
      if (!this.forceNext) await this.sleep(wait);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      t.unref?.();
      this.wake = done;
    });
  }
}

const runners = new WeakMap<SyncHost, SyncRunner>();

/** The console's runner, one per console environment (made on first use). */
export function runnerFor(host: SyncHost, opts?: RunnerOptions): SyncRunner {
  let r = runners.get(host);
  if (!r) {
    r = new SyncRunner(host, opts);
    runners.set(host, r);
  }
  return r;
}
