// What one HTTP request may cost, stated in one place (README: *Limits*). A body is measured while
// it streams in, before anything parses it: its bytes, how deep its JSON nests and how many items
// one array holds. Whoever is not signed in gets the small public limit: sign-in, enrolment and
// first start carry a few fields, and an unauthenticated flood must never reach JSON.parse.
import { Transform, type TransformCallback } from 'node:stream';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Request body bytes, by who asks and what for. */
export const BODY_LIMITS = {
  /** not signed in (sign-in, enrolment, first start, the unlock gate) and every route but the API */
  public: 64 * KiB,
  /** a signed-in command: six incident photos of 400,000 base64 characters each and their fields */
  signedIn: 4 * MiB,
  /** the commands that carry files (base64 in JSON): the plan's workbook and photo zip, the theory file */
  files: {
    'plan.check': 64 * MiB,
    'plan.import': 64 * MiB,
    'theory.import': 24 * MiB,
  } as Readonly<Record<string, number>>,
} as const;

/** JSON shape, checked byte by byte as the body arrives. */
export const JSON_LIMITS = {
  /** nesting of objects and arrays (a plan package nests five deep) */
  maxDepth: 32,
  /** items in one array: staff lists, absences, a sheet's entries */
  maxArrayItems: 10_000,
  /** items in one array of a file-carrying command: a plan package's candidates, a photo folder's files */
  maxArrayItemsFiles: 100_000,
} as const;

/** The largest body any route accepts: the route's own limit in Fastify, the guard narrows it per request. */
export const MAX_BODY_BYTES = Math.max(BODY_LIMITS.public, BODY_LIMITS.signedIn, ...Object.values(BODY_LIMITS.files));

export type LimitKind = 'bodyBytes' | 'jsonDepth' | 'arrayItems';

export interface RequestLimits {
  bodyBytes: number;
  maxDepth: number;
  maxArrayItems: number;
}

/** The limits for one API call: the public ones unless the caller holds a valid session. */
export function limitsFor(method: string, signedIn: boolean): RequestLimits {
  if (!signedIn) return { bodyBytes: BODY_LIMITS.public, maxDepth: JSON_LIMITS.maxDepth, maxArrayItems: JSON_LIMITS.maxArrayItems };
  const files = BODY_LIMITS.files[method];
  return {
    bodyBytes: files ?? BODY_LIMITS.signedIn,
    maxDepth: JSON_LIMITS.maxDepth,
    maxArrayItems: files ? JSON_LIMITS.maxArrayItemsFiles : JSON_LIMITS.maxArrayItems,
  };
}

/** A refusal while streaming: Fastify hands it to the error handler with its status. */
export class LimitError extends Error {
  readonly statusCode = 413;
  constructor(
    readonly limit: LimitKind,
    readonly max: number,
  ) {
    super(`request limit ${limit} (${max}) exceeded`);
    this.name = 'LimitError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/**
 * Passes the body through unchanged while counting: bytes, depth, commas of the innermost array.
 * JSON's structure is ASCII, so the bytes of UTF-8 text never look like it: no decoding needed.
 * Linear, no allocation per byte: a 64 MiB body costs one pass before the parser sees it.
 */
export class JsonGuard extends Transform {
  private bytes = 0;
  private inString = false;
  private escaped = false;
  /** per open container: -1 for an object, else the commas seen so far in that array */
  private readonly stack: number[] = [];

  constructor(private readonly limits: RequestLimits) {
    super();
  }

  override _transform(chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.bytes += buf.length;
    if (this.bytes > this.limits.bodyBytes) return cb(new LimitError('bodyBytes', this.limits.bodyBytes));
    const stack = this.stack;
    const { maxDepth, maxArrayItems } = this.limits;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
        stack.push(b === OPEN_ARRAY ? 0 : -1);
        if (stack.length > maxDepth) return cb(new LimitError('jsonDepth', maxDepth));
      } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) stack.pop();
      else if (b === COMMA && stack.length > 0) {
        const top = stack[stack.length - 1]!;
        if (top >= 0) {
          // n commas: n + 1 items
          if (top + 2 > maxArrayItems) return cb(new LimitError('arrayItems', maxArrayItems));
          stack[stack.length - 1] = top + 1;
        }
      }
    }
    cb(null, buf);
  }
}
