// A command's answer serialized off the thread that serves the doors: the export worker turns a
// large export (the plan with every photo: tens of MB of base64) into JSON bytes, which move here
// without a copy. Over HTTP the server sends those bytes as the answer's data; any other caller (the
// desktop shell's IPC, tests) gets the value parsed, as if it had never been serialized.
export class Serialized<T> {
  /** the value's type, for the API's types only (OutputOf unwraps it) */
  declare readonly of?: T;
  constructor(readonly bytes: Uint8Array) {}

  parse(): T {
    return JSON.parse(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength).toString('utf8')) as T;
  }
}

/** What a caller receives for an answer that may be Serialized. */
export type Unserialized<T> = T extends Serialized<infer U> ? U : T;

/** The value's JSON as bytes with their own buffer (movable to another thread). */
export const serialize = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
