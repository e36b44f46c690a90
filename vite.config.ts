import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { i18nSplit } from './scripts/vite/i18n-split';

// Brotli and gzip copies of the built text files (x.js → x.js.br, x.js.gz), made once at build and
// sent as they are (@fastify/static preCompressed): a door tablet on the site Wi-Fi downloads a
// fraction of the bytes, and no CPU is spent compressing per request.
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map|wasm)$/i;
/** below this, compression saves less than a packet and costs a file */
const MIN_BYTES = 1024;

interface Compressed {
  file: string;
  raw: number;
  br: number;
  gz: number;
}

function precompressDir(dir: string): Compressed[] {
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

const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/** .br and .gz beside each built text file, served as they are (electron/server/http.ts) */
function precompress(): Plugin {
  let dir = outDir;
  return {
    name: 'esc-precompress',
    apply: 'build',
    configResolved(config) {
      // --outDir on the command line (the first-load bench builds into a temporary folder)
      dir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(dir);
    },
  };
}

/**
 * The app shell for paired door devices (offline/device.ts registers it there only): every built
 * script, style and font precached, the page itself network-first (its CSP nonce changes per load,
 * so the last page served is kept with its own headers), so a reload offline still opens the door.
 * The API is never cached: a door's data offline comes from its pack in IndexedDB.
 */
const appShell = VitePWA({
  injectRegister: false,
  registerType: 'autoUpdate',
  manifest: false,
  filename: 'sw.js',
  workbox: {
    globPatterns: ['**/*.{js,css,woff2,woff,png,svg,ico}'],
    globIgnores: ['**/*.br', '**/*.gz', 'sw.js', 'workbox-*.js'],
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    navigateFallback: null,
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [{ urlPattern: ({ request }) => request.mode === 'navigate', handler: 'NetworkFirst', options: { cacheName: 'esc-pages', networkTimeoutSeconds: 4 } }],
  },
});

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), i18nSplit(fileURLToPath(new URL('./renderer/src/i18n/messages', import.meta.url))), appShell, precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // script-src 'self': no inline module-preload polyfill
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:5180' } },
});
