// `npm start`: the Electron console, or, where no Electron binary is installed, the browser
// shell on 127.0.0.1 (saying so in one line). Extra arguments pass through (e.g. --data <dir>, or
// --host 0.0.0.0 to serve the door tablets on the LAN, with https on port + 1).
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('npx', ['vite', 'build', '--logLevel', 'warn']);
const electron = electronBinary();
let child;
if (electron.path) {
  run('node', ['scripts/build-electron.mjs']);
  child = spawn(electron.path, ['dist-electron/main.cjs', ...args], { stdio: 'inherit' });
} else {
  console.log(`未安装 Electron 可执行文件（${electron.reason}），改为启动浏览器版，请用浏览器打开下面的地址。/ No Electron binary: starting the browser shell instead.`);
  const port = args.includes('--port') ? [] : ['--port', '5180'];
  child = spawn('npx', ['tsx', 'electron/server/cli.ts', ...port, ...args], { stdio: 'inherit', shell: process.platform === 'win32' });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
