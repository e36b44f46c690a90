import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorData } from '../../electron/services/errors';
import { describeError } from '../../renderer/src/i18n';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import { HEAD, tempDir, testConsole } from './helpers';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A raw request, so the Host header can be anything (fetch would not let us set it). */
function raw(port: number, opts: { method?: string; path: string; host?: string; body?: string; headers?: Record<string, string> }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser shell (HTTP)', () => {
  it('answers GET /api/health on 127.0.0.1 with the version', async () => {
    const c = testConsole();
    running = await startHttpServer({ app: c.app, port: 0 });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${running.url}/api/health`);
    expect(await res.json()).toEqual({ ok: true, version: c.app.env.version });
  });

  it('refuses a Host header outside the allowlist (DNS rebinding)', async () => {
    const c = testConsole();
    running = await startHttpServer({ app: c.app, port: 0 });
    const bad = await raw(running.port, { path: '/api/health', host: 'attacker.example:80' });
    expect(bad.status).toBe(421);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'HOST_REFUSED' } });
    const good = await raw(running.port, { path: '/api/health', host: `localhost:${running.port}` });
    expect(good.status).toBe(200);
  });

  it('POST /api/<method> goes through the registry: sign in, then a role-checked call with the bearer token', async () => {
    const c = testConsole();
    running = await startHttpServer({ app: c.app, port: 0 });
    const post = (method: string, body: unknown, token?: string) =>
      fetch(`${running!.url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post('setup.init', HEAD)).status).toBe(200);
    const signIn = (await (await post('auth.signIn', { staffNo: HEAD.staffNo, pin: HEAD.pin })).json()) as { data: { token: string } };
    const list = await post('staff.list', {}, signIn.data.token);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { data: { name: string }[] }).data[0]!.name).toBe(HEAD.headName);
    const anon = await post('staff.list', {});
    expect(anon.status).toBe(401);
    const device = (c.app.env.opened.sqlite.prepare('SELECT device FROM audit_events WHERE seq = 2').get() as { device: string }).device;
    expect(device).toMatch(/^http:127\.0\.0\.1/);
  });

  it('errors are data with a stable code and a Chinese message, never a stack trace', async () => {
    const c = testConsole();
    running = await startHttpServer({ app: c.app, port: 0 });
    const malformed = await raw(running.port, { method: 'POST', path: '/api/auth.signIn', body: '{not json', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const body = JSON.parse(malformed.body) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(malformed.body).not.toMatch(/at .*\.(ts|js):\d+/);
    const unknown = await fetch(`${running.url}/api/nope.nope`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unknown.status).toBe(404);
    const unknownError = ((await unknown.json()) as { error: ErrorData }).error;
    expect(unknownError).toMatchObject({ code: 'UNKNOWN_COMMAND', reason: 'system.unknownCommand', params: { method: 'nope.nope' } });
    expect(describeError('zh-CN', unknownError)).toBe('未知操作：nope.nope');
  });

  it('serves the page with a strict CSP and a fresh style nonce on every load', async () => {
    const c = testConsole();
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body><script type="module" src="./assets/a.js"></script></body></html>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
    running = await startHttpServer({ app: c.app, port: 0, rendererDir: dir });
    const a = await fetch(`${running.url}/`);
    const b = await fetch(`${running.url}/`);
    const csp = a.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const nonceA = /nonce-([^']+)'/.exec(csp)![1]!;
    expect(await a.text()).toContain(`<meta name="csp-nonce" content="${nonceA}"`);
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    expect((await fetch(`${running.url}/assets/a.js`)).status).toBe(200);
    expect((await fetch(`${running.url}/assets/missing.js`)).status).toBe(404);
  });
});
