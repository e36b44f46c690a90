// Request bodies under BODY_LIMITS and JSON_LIMITS (electron/domain/limits.ts), checked as the
// bytes arrive, before anything is parsed: a call without a token gets the small public limit,
// a signed-in one its command's, and JSON nested too deep or holding too many values is refused
// by a byte scanner that keeps no copy. A 63 MB body of empty arrays is refused at its first
// kilobytes, never parsed.
import { Transform, type TransformCallback } from 'node:stream';
import { BODY_LIMITS, JSON_LIMITS, sizeText } from '../domain/limits';
import { AppError } from '../services/errors';

/** The most a call of `method` may send: the public limit without a token, else the command's own. */
export function bodyLimitFor(method: string, signedIn: boolean): number {
  if (!signedIn) return BODY_LIMITS.public;
  return BODY_LIMITS.byMethod[method] ?? BODY_LIMITS.default;
}

/** An AppError the HTTP error handler sends as it is, with this status. */
export class HttpRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly refusal: AppError,
  ) {
    super(refusal.message);
    this.name = 'HttpRefusal';
  }
}

export function tooLarge(size: number, limit: number, signedIn: boolean): HttpRefusal {
  const e = signedIn
    ? new AppError('LIMIT_EXCEEDED', 'limits.body', { size: sizeText(size), limit: sizeText(limit) })
    : new AppError('LIMIT_EXCEEDED', 'limits.bodyPublic', { size: sizeText(size), limit: sizeText(limit) });
  return new HttpRefusal(413, e);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/**
 * Counts the body's bytes, and the nesting and values of its JSON as they stream (strings skipped
 * with indexOf), erroring at the first limit passed. UTF-8 multibyte sequences never hold these
 * ASCII bytes, so bytes are enough.
 */
export class BodyGuard extends Transform {
  /** fastify compares this with Content-Length when a preParsing hook hands it a new stream */
  receivedEncodedLength = 0;
  private inString = false;
  private escape = false;
  private depth = 0;
  private items = 0;

  constructor(
    private readonly limit: number,
    private readonly signedIn: boolean,
    private readonly json: boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.receivedEncodedLength += chunk.length;
    if (this.receivedEncodedLength > this.limit) return done(tooLarge(this.receivedEncodedLength, this.limit, this.signedIn));
    if (this.json) {
      const refusal = this.scan(chunk);
      if (refusal) return done(refusal);
    }
    done(null, chunk);
  }

  private scan(buf: Buffer): HttpRefusal | null {
    const n = buf.length;
    let i = 0;
    let nextBackslash = -2;
    while (i < n) {
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          i++;
          continue;
        }
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = buf.indexOf(BACKSLASH, i);
        const q = buf.indexOf(QUOTE, i);
        if (nextBackslash !== -1 && (q === -1 || nextBackslash < q)) {
          this.escape = true;
          i = nextBackslash + 1;
          continue;
        }
        if (q === -1) return null;
        this.inString = false;
        i = q + 1;
        continue;
      }
      const b = buf[i]!;
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        if (++this.depth > JSON_LIMITS.depth) return new HttpRefusal(413, new AppError('LIMIT_EXCEEDED', 'limits.jsonDepth', { limit: JSON_LIMITS.depth }));
        if (++this.items > JSON_LIMITS.items) return new HttpRefusal(413, new AppError('LIMIT_EXCEEDED', 'limits.jsonItems', { limit: JSON_LIMITS.items }));
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) this.depth--;
      else if (b === COMMA && ++this.items > JSON_LIMITS.items) return new HttpRefusal(413, new AppError('LIMIT_EXCEEDED', 'limits.jsonItems', { limit: JSON_LIMITS.items }));
      i++;
    }
    return null;
  }
}
