// The draw's randomness, replayable by anyone: SHA-256 in counter mode over the recorded seed.
// block(i) = SHA-256(seed bytes ‖ "kd-draw-prng/1" ‖ i as 8 bytes big-endian); each block gives
// eight 32-bit words, read big-endian in order. Uniform integers by rejection (no modulo bias);
// shuffles are Fisher–Yates from the last element down. Nothing else draws from it.
import { createHash } from 'node:crypto';

const LABEL = Buffer.from('kd-draw-prng/1', 'utf8');

export class DrawPrng {
  private readonly seed: Buffer;
  private counter = 0n;
  private block: Buffer = Buffer.alloc(0);
  private offset = 32;

  constructor(seedHex: string) {
    if (!/^[0-9a-f]{64}$/.test(seedHex)) throw new Error('DrawPrng: the seed is 64 lowercase hex characters');
    this.seed = Buffer.from(seedHex, 'hex');
  }

  /** the next 32-bit word of the stream */
  nextU32(): number {
    if (this.offset >= 32) {
      const ctr = Buffer.alloc(8);
      ctr.writeBigUInt64BE(this.counter);
      this.counter += 1n;
      this.block = createHash('sha256').update(this.seed).update(LABEL).update(ctr).digest();
      this.offset = 0;
    }
    const v = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  /** uniform integer in [0, n), 1 ≤ n ≤ 2^32 */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new Error(`DrawPrng.int: bad bound ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const v = this.nextU32();
      if (v < limit) return v % n;
    }
  }

  /** Fisher–Yates in place, from the end; returns the same array */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}
