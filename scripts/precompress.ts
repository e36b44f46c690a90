// Brotli and gzip copies of the built renderer's text files (x.js → x.js.br, x.js.gz), made once at
// build so the server sends them as they are (@fastify/static preCompressed): a door tablet on the
// site Wi-Fi downloads a fraction of the bytes, and no CPU is spent compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/i;
/** below this, compression saves less than a packet and costs a file */
export const MIN_BYTES = 1024;

export interface Compressed {
  file: string;
  raw: number;
  br: number;
  gz: number;
}

export function precompressDir(dir: string): Compressed[] {
  const out: Compressed[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      out.push(...precompressDir(path));
      continue;
    }
    if (!TEXT.test(name) || st.size < MIN_BYTES) continue;
    const raw = readFileSync(path);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    out.push({ file: path, raw: raw.length, br: br.length, gz: gz.length });
  }
  return out;
}
