// Bundles the Electron shell (main + preload) to CommonJS in dist-electron/, with the migrations
// beside it. better-sqlite3 stays external (a native module, unpacked from asar).
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

rmSync('dist-electron', { recursive: true, force: true });
mkdirSync('dist-electron', { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron', 'better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
  // ESM sources use import.meta.url; in the CJS bundle it is the bundle file's own URL
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await build({ ...common, entryPoints: ['electron/shell/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/shell/preload.ts'], outfile: 'dist-electron/preload.cjs' });
// backups copy and check the database off the main thread
await build({ ...common, entryPoints: ['electron/services/backup/worker.ts'], outfile: 'dist-electron/backup-worker.cjs' });
// imports (plan files, photo zips, theory-score files) are read off the main thread
await build({ ...common, entryPoints: ['electron/workers/imports.ts'], outfile: 'dist-electron/import-worker.cjs' });
// exports (sheets, forms, the plan export, the yearly summary, the archive) are built off the main thread
await build({ ...common, entryPoints: ['electron/workers/exports.ts'], outfile: 'dist-electron/export-worker.cjs' });
cpSync('db/migrations', 'dist-electron/migrations', { recursive: true });
cpSync('resources', 'dist-electron/resources', { recursive: true });
console.log('dist-electron/: main.cjs, preload.cjs, backup-worker.cjs, import-worker.cjs, export-worker.cjs, migrations/');
