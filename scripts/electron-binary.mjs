// Where the Electron binary is, or why there is none (it is downloaded on first run, which
// fails on machines that reach only the npm registry).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function electronBinary() {
  if (process.env.ELECTRON_BINARY) {
    return existsSync(process.env.ELECTRON_BINARY)
      ? { path: process.env.ELECTRON_BINARY }
      : { reason: `ELECTRON_BINARY=${process.env.ELECTRON_BINARY} does not exist` };
  }
  try {
    const p = createRequire(import.meta.url)('electron');
    if (typeof p === 'string' && existsSync(p)) return { path: p };
    return { reason: 'the electron package has no binary' };
  } catch (e) {
    return { reason: String(e instanceof Error ? e.message.split('\n')[0] : e) };
  }
}
