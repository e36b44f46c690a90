// Boots the console's core for either shell: the database in the data folder, the registry,
// the injected clock and randomness. Never imports `electron`.
import { forgetPinGuard } from './services/pin-guard';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { createRegistry } from './commands';
import { dispatch, type AppEnv, type CallRequest, type CallResult } from './commands/registry';
import { cryptoRandom, systemClock, type Clock, type RandomSource } from './services/runtime';
import { APP_VERSION } from './version';

export interface ConsoleApp {
  env: AppEnv;
  call(req: CallRequest): Promise<CallResult>;
  close(): void;
}

export const DB_FILE = 'console.sqlite';

export function openConsole(opts: { dataDir: string; clock?: Clock; random?: RandomSource; migrationsDir?: string }): ConsoleApp {
  mkdirSync(opts.dataDir, { recursive: true });
  const opened = openDatabase(join(opts.dataDir, DB_FILE), opts.migrationsDir ? { migrationsDir: opts.migrationsDir } : {});
  forgetPinGuard(opened.sqlite); // S1: a (re)opened console starts with no wrong-PIN locks
  const env: AppEnv = {
    opened,
    clock: opts.clock ?? systemClock,
    random: opts.random ?? cryptoRandom,
    dataDir: opts.dataDir,
    version: APP_VERSION,
  };
  const registry = createRegistry();
  return { env, call: (req) => dispatch(registry, env, req), close: () => opened.close() };
}

/** The OS's per-user application-data folder (what Electron's app.getPath('appData') gives). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const name = 'exam-site-console';
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), name);
}
