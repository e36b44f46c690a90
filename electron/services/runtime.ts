import { randomBytes } from 'node:crypto';
import { siteDate } from '../domain/vocabulary';

/** Time is the site's: services never read the wall clock, they are handed one. */
export interface Clock {
  now(): Date;
}

/** Randomness is injected too, so draws and tokens can be replayed in tests. */
export interface RandomSource {
  bytes(n: number): Buffer;
}

export const systemClock: Clock = { now: () => new Date() };
export const cryptoRandom: RandomSource = { bytes: (n) => randomBytes(n) };

/** A clock a test or a demo can set and move. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(to: Date | string): void {
    this.t = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The demo's clock: the wall clock moved by a fixed offset, so a demo plan dated in the past (or
 * future) is lived through at its own morning, ticking in real time. Set once the demo is known.
 */
export class OffsetClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** Today in the site's calendar (Beijing time), from the injected clock. */
export function siteToday(clock: Clock): string {
  return siteDate(clock.now());
}
