// The Electron shell: one window over the same registry as the browser shell.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { defaultDataDir, startConsole, type ConsoleApp } from '../app';
import { contentSecurityPolicy, loadDemo, renderIndexHtml, serveConsole, startDemoClock, type ServedConsole } from '../server';
import { electronKeystore } from './keystore';
import { OffsetClock, systemClock } from '../services/runtime';
import { APP_ORIGIN, APP_SCHEME, IPC_CHANNEL, isAppUrl, navigationAllowed, permissionAllowed, rendererPath } from './policy';

const { values } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: {
    data: { type: 'string' },
    demo: { type: 'boolean' },
    // --host 0.0.0.0: the office PC also serves the door tablets on the LAN (http + https)
    host: { type: 'string' },
    port: { type: 'string' },
    'https-port': { type: 'string' },
    'no-https': { type: 'boolean' },
  },
  strict: false,
});
const dataDir = resolve(typeof values.data === 'string' ? values.data : defaultDataDir());
const rendererDir = join(__dirname, '..', 'dist', 'renderer');
const device = `electron:${hostname()}`;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let consoleApp: ConsoleApp | null = null;
let lanServer: ServedConsole | null = null;
const nonce = randomBytes(16).toString('base64');

function serveRenderer(): void {
  const template = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  protocol.handle(APP_SCHEME, async (request) => {
    const rel = rendererPath(request.url);
    if (!rel) return new Response('Not found', { status: 404 });
    if (rel === 'index.html') {
      return new Response(renderIndexHtml(template, nonce), {
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': contentSecurityPolicy(nonce) },
      });
    }
    return net.fetch(pathToFileURL(join(rendererDir, rel)).toString());
  });
}

function harden(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const types = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(permissionAllowed(permission, details.requestingUrl ?? wc.getURL(), types));
  });
  ses.setPermissionCheckHandler((_wc, permission, origin) => permission === 'media' && isAppUrl(`${origin}/`));
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      // links to the outside (none today) open in the system browser, never in the app
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: '考点通',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

void app.whenReady().then(() => {
  const clock = new OffsetClock();
  // the key: the OS keystore when it is a real one, else the window asks for the recovery code
  try {
    consoleApp = startConsole({
      dataDir,
      clock,
      migrationsDir: join(__dirname, 'migrations'),
      unlock: { keystore: electronKeystore() },
      // unpacked beside the archive (electron-builder.yml asarUnpack): worker threads read plain files
      backupWorker: { file: join(__dirname, 'backup-worker.cjs').replace(`app.asar${sep}`, `app.asar.unpacked${sep}`) },
    });
  } catch (e) {
    // an unreadable key file, a failed encryption of an old database: say so rather than open nothing
    dialog.showErrorBox('考点通无法打开数据 / The console cannot open its data', `${(e as Error).message}\n\n${dataDir}`);
    app.quit();
    return;
  }
  const running = consoleApp;
  running.onOpen(() => {
    const pending = running.env.vault?.pendingCode;
    if (pending) console.log(`数据库已加密，新的恢复码 / the database is now encrypted; new recovery code: ${pending}`);
    running.backups?.startTimer();
    // --demo (as with `npm run serve -- --demo`): an empty console gets the demo site and plan, on its exam day's clock
    if (values.demo === true) {
      void loadDemo(running).then(
        (lines) => {
          lines.forEach((l) => console.log(l));
          const said = startDemoClock(running, clock);
          if (said) console.log(said);
        },
        (e: unknown) => console.error('--demo:', e),
      );
    }
  });
  // One channel; the sender must be the app's own page in the main frame.
  ipcMain.handle(IPC_CHANNEL, async (event, request: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl) || event.senderFrame !== event.sender.mainFrame) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝：调用来源不可信。', messageEn: 'Untrusted sender.' } };
    }
    const r = (request ?? {}) as { method?: unknown; input?: unknown; token?: unknown };
    return running.call({
      method: typeof r.method === 'string' ? r.method : '',
      input: r.input,
      token: typeof r.token === 'string' ? r.token : null,
      device,
    });
  });
  if (typeof values.host === 'string') {
    const host = values.host;
    const port = typeof values.port === 'string' ? Number(values.port) : 5180;
    const httpsPort = values['no-https'] === true ? null : typeof values['https-port'] === 'string' ? Number(values['https-port']) : undefined;
    // the certificate lives in real time (tablets' clocks), not on the demo's exam day; its keys are
    // sealed under the database key, so the LAN is served once the console is open
    running.onOpen(() => {
      void serveConsole({ app: running, port, host, rendererDir, httpsPort, certClock: systemClock }).then(
        (served) => {
          lanServer = served;
          served.lines.forEach((l) => console.log(l));
          served.watch();
        },
        (e: unknown) => console.error('--host:', e),
      );
    });
  }
  harden();
  serveRenderer();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: '考点通', submenu: [{ role: 'reload', label: '重新载入' }, { role: 'togglefullscreen', label: '全屏' }, { type: 'separator' }, { role: 'quit', label: '退出' }] },
      { label: '编辑', submenu: [{ role: 'copy', label: '复制' }, { role: 'paste', label: '粘贴' }, { role: 'selectAll', label: '全选' }] },
    ]),
  );
  createWindow();
});

app.on('window-all-closed', () => {
  void lanServer?.running.close();
  lanServer = null;
  consoleApp?.close();
  consoleApp = null;
  app.quit();
});
