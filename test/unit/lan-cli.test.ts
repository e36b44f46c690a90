// `npm run serve -- --host 0.0.0.0`: the CLI's startup lines name the https address and the
// certificate; --https-port picks the port, --no-https turns it off, a bad port is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { lanAddresses } from '../../electron/services/lan/cert';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const children: ChildProcess[] = [];
afterEach(() => {
  while (children.length) children.pop()!.kill('SIGTERM');
});

/** A free port, asked of the OS (the CLI needs a fixed one to derive port + 1). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs the CLI until it printed `until` (or exited); returns what it printed and its exit code. */
function runCli(args: string[], until: RegExp): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/server/cli.ts', '--renderer-dir', tempDir(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) resolve({ out, code: null });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ out, code }));
  });
}

/** GET https://127.0.0.1:port/api/health trusting only the site CA. */
function healthTls(port: number, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/health', ca, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const ip = lanAddresses()[0];

describe('serve CLI on the LAN', () => {
  it('--host 0.0.0.0 prints the https address (http port + 1), the certificate file, its fingerprint and /site.crt', async () => {
    const port = await freePort();
    const data = tempDir();
    const { out } = await runCli(['--host', '0.0.0.0', '--port', String(port), '--data', data], /数据目录/);
    expect(out).toContain(`考点通已在局域网提供服务 / Exam-Site Console serving the LAN: http://127.0.0.1:${port}`);
    expect(out).toContain(`已生成考点根证书（平板需安装一次）/ site CA made (install it on the tablets once): ${data}/keys/lan-ca.crt`);
    expect(out).toContain(`已生成 HTTPS 证书 / https certificate made: ${data}/keys/lan-https.crt`);
    expect(out).toMatch(/考点根证书指纹 SHA-256 \/ site CA fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}\n/);
    if (ip) {
      expect(out).toContain(`  http://${ip}:${port}\n`);
      expect(out).toContain(`  https://${ip}:${port + 1}  ← 门口平板请用此地址（摄像头需要 HTTPS）`);
      expect(out).toContain(`平板安装证书 / install on tablets: http://${ip}:${port}/site.crt`);
    } else {
      expect(out).toContain('本机没有局域网 IPv4 地址');
    }
    // https answers on port + 1 with a certificate from that CA (loopback is in it too)
    expect(await healthTls(port + 1, readFileSync(join(data, 'keys', 'lan-ca.crt'), 'utf8'))).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });

  it('--https-port N is used; --no-https says the tablets get no camera; a bad port is refused', async () => {
    const [port, https] = [await freePort(), await freePort()];
    const picked = await runCli(['--host', '0.0.0.0', '--port', String(port), '--https-port', String(https), '--data', tempDir()], /数据目录/);
    if (ip) expect(picked.out).toContain(`  https://${ip}:${https}  ←`);
    expect(picked.out).not.toMatch(new RegExp(`:${port + 1}\\b`));
    const off = await runCli(['--host', '0.0.0.0', '--port', String(await freePort()), '--no-https', '--data', tempDir()], /数据目录/);
    expect(off.out).toContain('未启用 HTTPS（--no-https）');
    expect(off.out).not.toContain('https://');
    const bad = await runCli(['--host', '0.0.0.0', '--port', String(port), '--https-port', String(port), '--data', tempDir()], /$^/);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('HTTPS 端口无效');
  });
});
