// STYLE 11: the process boundaries are held by lint rules; these tests show the rules
// bite (a planted violation fails) and that the tree as it stands passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('process boundaries', () => {
  it('the renderer may not import electron, node:* or the database', async () => {
    for (const code of [
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;",
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
      "import fs from 'fs';\nexport const x = fs;",
      "import { openDatabase } from '../../db';\nexport const x = openDatabase;",
      "import Database from 'better-sqlite3';\nexport const x = Database;",
      "import { dispatch } from '../../electron/commands/registry';\nexport const x = dispatch;",
    ]) {
      const ids = await ruleIds(code, 'renderer/src/planted.ts');
      expect(ids.join('\n'), code).toMatch(/no-restricted-imports/);
    }
  });

  it('the renderer may take types (only types) from electron/commands/api', async () => {
    expect(await ruleIds("import type { Method } from '../../electron/commands/api';\nexport type M = Method;", 'renderer/src/planted.ts')).toEqual([]);
  });

  it('the renderer may import the pure rules of electron/domain, and those may not import Node or the database', async () => {
    expect(await ruleIds("import { parseResidentId } from '../../electron/domain/gb11643';\nexport const x = parseResidentId;", 'renderer/src/planted.ts')).toEqual([]);
    for (const code of ["import { createHash } from 'node:crypto';\nexport const x = createHash;", "import { schema } from '../../db';\nexport const x = schema;", "import { AppError } from '../services/errors';\nexport const x = AppError;"]) {
      expect((await ruleIds(code, 'electron/domain/planted.ts')).join('\n'), code).toMatch(/no-restricted-imports/);
    }
  });

  it('services, db and the HTTP shell may not import electron; the Electron shell may', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;";
    expect((await ruleIds(code, 'electron/services/planted.ts')).join()).toMatch(/no-restricted-imports/);
    expect((await ruleIds(code, 'electron/server/planted.ts')).join()).toMatch(/no-restricted-imports/);
    expect((await ruleIds(code, 'db/planted.ts')).join()).toMatch(/no-restricted-imports/);
    expect(await ruleIds(code, 'electron/shell/planted.ts')).toEqual([]);
  });

  it('the Electron shell may not import the renderer, nor the HTTP server but through its entry point', async () => {
    const planted = [
      "import type { Bridge } from '../../renderer/src/api/client';\nexport type B = Bridge;",
      "import { serveConsole } from '../server/lan';\nexport const x = serveConsole;",
      "import { renderIndexHtml } from '../server/html';\nexport const x = renderIndexHtml;",
    ];
    for (const code of planted) expect((await ruleIds(code, 'electron/shell/planted.ts')).join('\n'), code).toMatch(/no-restricted-imports/);
    expect(await ruleIds("import { serveConsole } from '../server';\nexport const x = serveConsole;", 'electron/shell/planted.ts')).toEqual([]);
    expect(await ruleIds("import type { Bridge } from '../commands/bridge';\nexport type B = Bridge;", 'electron/shell/planted.ts')).toEqual([]);
  });

  it('UI text goes through the message catalogue: literal JSX text is refused', async () => {
    const ids = await ruleIds('export const A = () => <div>登录</div>;', 'renderer/src/planted.tsx');
    expect(ids.join()).toMatch(/message catalogue/);
  });

  it('services never import commands, the server, the shell or the app', async () => {
    for (const code of [
      "import { dispatch } from '../../commands/registry';\nexport const x = dispatch;",
      "import { startHttpServer } from '../../server/http';\nexport const x = startHttpServer;",
      "import { openConsole } from '../../app';\nexport const x = openConsole;",
    ]) {
      expect((await ruleIds(code, 'electron/services/seal/planted.ts')).join('\n'), code).toMatch(/no-restricted-imports.*Services never import/);
    }
  });

  it('service areas import only earlier areas: a later one is refused, an earlier one allowed', async () => {
    // seal comes before sync: seal importing sync would close the seal ⇄ sync cycle
    expect((await ruleIds("import { enqueuePackage } from '../sync/outbox';\nexport const x = enqueuePackage;", 'electron/services/seal/planted.ts')).join()).toMatch(/seal may not import a later area/);
    expect((await ruleIds("import { panelScore } from '../results/compile';\nexport const x = panelScore;", 'electron/services/scoring/planted.ts')).join()).toMatch(/scoring may not import a later area/);
    expect(await ruleIds("import { latestPackage } from '../seal/package';\nexport const x = latestPackage;", 'electron/services/sync/planted.ts')).toEqual([]);
    // the core builds no area in
    expect((await ruleIds("import { latestPackage } from './seal/package';\nexport const x = latestPackage;", 'electron/services/planted.ts')).join()).toMatch(/imports no service area/);
  });

  it('a command imports no other command, only the registry', async () => {
    expect((await ruleIds("import { planCommands } from './plan';\nexport const x = planCommands;", 'electron/commands/planted.ts')).join()).toMatch(/imports no other command/);
    expect(await ruleIds("import { defineCommand } from './registry';\nexport const x = defineCommand;", 'electron/commands/planted.ts')).toEqual([]);
  });

  it('S9: no synchronous scrypt outside the vault’s start-up unlock: PINs are derived in the thread pool', async () => {
    for (const code of ["import { scryptSync } from 'node:crypto';\nexport const x = scryptSync;", "import crypto from 'node:crypto';\nexport const x = crypto.scryptSync;"]) {
      expect((await ruleIds(code, 'electron/services/planted.ts')).join('\n'), code).toMatch(/no-restricted-syntax/);
      expect((await ruleIds(code, 'electron/commands/planted.ts')).join('\n'), code).toMatch(/no-restricted-syntax/);
    }
    expect(await ruleIds("import { scrypt } from 'node:crypto';\nexport const x = scrypt;", 'electron/services/planted.ts')).toEqual([]);
  });

  it('the whole tree passes lint as it stands', async () => {
    const results = await eslint.lintFiles(['electron', 'renderer', 'db', 'scripts', 'test']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(errors).toEqual([]);
  }, 60_000);
});
