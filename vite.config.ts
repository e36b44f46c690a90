import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompressDir } from './scripts/precompress';

const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/** .br and .gz beside each built text file, served as they are (electron/server/http.ts) */
function precompress(): Plugin {
  return {
    name: 'esc-precompress',
    apply: 'build',
    closeBundle() {
      precompressDir(outDir);
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // script-src 'self': no inline module-preload polyfill
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:5180' } },
});
