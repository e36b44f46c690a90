// The API under abuse, over real HTTP on 127.0.0.1: floods, malformed and oversized bodies, deep
// nesting, unknown methods, role escalation (S1), a foreign Host or Origin, traversal. Each is a
// clear 4xx with a code the catalogue words, and nothing is written: every table's rows are counted
// before and after (the audit trail may only gain the refusals it keeps on purpose, A1).
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/app';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import { BODY_LIMITS, JSON_LIMITS, sizeText } from '../../electron/domain/limits';
import type { ErrorData } from '../../electron/services/errors';
import { describeError } from '../../renderer/src/i18n';
import { addStaff } from '../support/enrol';
import { ManualClock } from '../../electron/services/runtime';
import { siteHead, type TestConsole } from './helpers';

interface Answer {
  status: number;
  body: string;
  json: { ok: boolean; error?: ErrorData } | null;
}

/** A raw request: any method, Host, Origin and body, streamed in chunks when it is large. */
function raw(port: number, opts: { method?: string; path: string; host?: string; body?: string | Buffer; headers?: Record<string, string> }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: { host: opts.host ?? `127.0.0.1:${port}`, 'content-type': 'application/json', ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          let json: Answer['json'] = null;
          try {
            json = JSON.parse(body) as Answer['json'];
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, body, json });
        });
      },
    );
    // a refused body is not read to its end: the server answers and closes, the rest goes nowhere
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (opts.body !== undefined) {
      req.setHeader('content-length', String(Buffer.byteLength(opts.body)));
      req.write(opts.body);
    }
    req.end();
  });
}

/** Every table's row count; the audit trail split into what was done and what was refused. */
function census(c: TestConsole): Record<string, number> {
  const { sqlite } = c.app.env.opened;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, number> = {};
  for (const t of tables) {
    if (t === 'audit_events') continue;
    out[t] = (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
  }
  out['audit:ok'] = (sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE outcome = 'ok'").get() as { n: number }).n;
  return out;
}

function refusedEvents(c: TestConsole): number {
  return (c.app.env.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE outcome <> 'ok'").get() as { n: number }).n;
}

/** The refusal is coded, worded in both languages by the catalogue (not its bare key). */
function expectWorded(a: Answer, status: number, code: string, reason?: string) {
  expect(a.status, a.body.slice(0, 300)).toBe(status);
  expect(a.json?.ok).toBe(false);
  const err = a.json!.error!;
  expect(err.code).toBe(code);
  if (reason) expect(err.reason).toBe(reason);
  const zh = describeError('zh-CN', err);
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(zh).not.toContain('error.');
  expect(describeError('en', err)).not.toContain('error.');
  return err;
}

let c: TestConsole;
let head: string;
let proctor: string;
let running: RunningServer;
let port: number;

let dir: string;

/** One console for the whole file (helpers' testConsole closes its console after each test). */
function fileConsole(): TestConsole {
  dir = mkdtempSync(join(tmpdir(), 'esc-abuse-'));
  const clock = new ManualClock('2026-05-21T07:30:00+08:00');
  const app = openConsole({ dataDir: join(dir, 'data'), clock });
  const call = (method: string, input: unknown = {}, token: string | null = null) => app.call({ method, input, token, device: 'vitest' });
  return {
    app,
    clock,
    dataDir: join(dir, 'data'),
    call,
    ok: async <T,>(method: string, input: unknown = {}, token: string | null = null): Promise<T> => {
      const r = await call(method, input, token);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.data as T;
    },
  };
}

beforeAll(async () => {
  c = fileConsole();
  head = await siteHead(c);
  await addStaff(c, head, { staffNo: 'P001', name: '王监考', roles: ['proctor'] }, '135790');
  proctor = (await c.ok<{ token: string }>('auth.signIn', { staffNo: 'P001', pin: '135790' })).token;
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body><div id="root"></div></body></html>');
  writeFileSync(join(renderer, 'assets', 'app-abcdef12.js'), 'console.log(1)');
  running = await startHttpServer({ app: c.app, port: 0, rendererDir: renderer });
  port = running.port;
}, 60_000);

afterAll(async () => {
  await running?.close();
  c?.app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the API under abuse: a clear 4xx, nothing written', () => {
  it('an unauthenticated 63 MB body of empty arrays is refused at the public limit before it is parsed, and the server keeps answering', async () => {
    const before = census(c);
    // valid JSON: [[],[],…,[]], 63 MB of it
    const flood = Buffer.concat([Buffer.from('['), Buffer.alloc(63 * 1024 * 1024 - 3, '[],'), Buffer.from('[]]')]);
    const pending = raw(port, { path: '/api/auth.signIn', body: flood });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    const a = await pending;
    const err = expectWorded(a, 413, 'LIMIT_EXCEEDED', 'limits.bodyPublic');
    expect(err.params?.limit).toBe(sizeText(BODY_LIMITS.public));
    expect(census(c)).toEqual(before);
  });

  it('the same flood without a Content-Length (chunked) is cut at the public limit as it streams', async () => {
    const before = census(c);
    const a = await new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/setup.init', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: JSON.parse(body) as Answer['json'] }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
      const chunk = Buffer.alloc(256 * 1024, '[],');
      req.write('[');
      // a few MB: the refusal comes long before the end
      for (let i = 0; i < 16; i++) req.write(chunk);
      req.end(']');
    });
    // whichever limit the stream crosses first: the public byte limit or one array's item count
    const err = expectWorded(a, 413, 'LIMIT_EXCEEDED');
    expect(['limits.bodyPublic', 'limits.jsonItems']).toContain(err.reason);
    expect(census(c)).toEqual(before);
  });

  it('a forged token does not buy the large limit; a signed-in command other than a file import keeps the signed-in limit', async () => {
    const before = census(c);
    const big = JSON.stringify({ files: [{ name: 'x.xlsx', data: 'A'.repeat(2 * 1024 * 1024) }] });
    const forged = await raw(port, { path: '/api/plan.import', body: big, headers: { authorization: `Bearer ${'0'.repeat(64)}` } });
    expectWorded(forged, 413, 'LIMIT_EXCEEDED', 'limits.bodyPublic');
    const other = await raw(port, { path: '/api/site.overview', body: JSON.stringify({ pad: 'A'.repeat(BODY_LIMITS.default) }), headers: { authorization: `Bearer ${head}` } });
    const err = expectWorded(other, 413, 'LIMIT_EXCEEDED', 'limits.body');
    expect(err.params?.limit).toBe(sizeText(BODY_LIMITS.default));
    expect(census(c)).toEqual(before);
  });

  it('a signed-in plan import of one array with millions of empty items is refused by its item count, before parsing', async () => {
    const before = census(c);
    const items = Buffer.alloc(8 * 1024 * 1024, '[],');
    const body = Buffer.concat([Buffer.from('{"files":['), items.subarray(0, items.length - (items.length % 3) - 1), Buffer.from(']}')]);
    const a = await raw(port, { path: '/api/plan.import', body, headers: { authorization: `Bearer ${head}` } });
    const err = expectWorded(a, 413, 'LIMIT_EXCEEDED', 'limits.jsonItems');
    expect(err.params).toEqual({ limit: JSON_LIMITS.items });
    expect(census(c)).toEqual(before);
  });

  it('deep nesting is refused by depth, signed in or not', async () => {
    const before = census(c);
    const deep = `{"staffNo":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: deep }), 413, 'LIMIT_EXCEEDED', 'limits.jsonDepth');
    const nested = `{"q":${'{"a":'.repeat(JSON_LIMITS.depth + 1)}1${'}'.repeat(JSON_LIMITS.depth + 1)}}`;
    const err = expectWorded(await raw(port, { path: '/api/plan.candidates', body: nested, headers: { authorization: `Bearer ${head}` } }), 413, 'LIMIT_EXCEEDED', 'limits.jsonDepth');
    expect(err.params).toEqual({ limit: JSON_LIMITS.depth });
    // brackets inside strings are text, not structure
    const quoted = await raw(port, { path: '/api/auth.signIn', body: JSON.stringify({ staffNo: '['.repeat(200), pin: '[{'.repeat(20) }) });
    expect(quoted.json?.error?.code).not.toBe('LIMIT_EXCEEDED');
    expect(census(c)).toEqual(before);
  });

  it('malformed bodies, wrong types and wrong content types are 4xx with nothing written', async () => {
    const before = census(c);
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: '{"staffNo":' }), 400, 'BAD_INPUT', 'http.malformed');
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: '\u0000\u0001garbage' }), 400, 'BAD_INPUT', 'http.malformed');
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: 'staffNo=H001', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'BAD_INPUT', 'http.malformed');
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: '[1,2,3]' }), 400, 'BAD_INPUT', 'input.invalid');
    expectWorded(await raw(port, { path: '/api/setup.init', body: JSON.stringify({ siteName: 1, __proto__: { x: 1 } }) }), 400, 'BAD_INPUT');
    expectWorded(await raw(port, { path: '/api/checkin.confirm', body: JSON.stringify({ sessionId: '1; DROP TABLE candidates', roomId: -1, candidateId: 1e300 }), headers: { authorization: `Bearer ${proctor}` } }), 400, 'BAD_INPUT', 'input.invalid');
    expect(census(c)).toEqual(before);
  });

  it('unknown methods and commands: 404 worded, nothing written', async () => {
    const before = census(c);
    expectWorded(await raw(port, { path: '/api/no.such.command', body: '{}' }), 404, 'UNKNOWN_COMMAND');
    for (const method of ['PUT', 'DELETE', 'PATCH', 'GET']) {
      expectWorded(await raw(port, { method, path: '/api/setup.init', body: method === 'GET' ? undefined : '{}' }), 404, 'UNKNOWN_COMMAND');
    }
    expect(census(c)).toEqual(before);
  });

  it('role escalation (S1): a proctor may not issue enrolment codes, import a plan, create staff or sign in as a role not held; a forged token is refused', async () => {
    const before = census(c);
    const refusedBefore = refusedEvents(c);
    const as = (method: string, input: unknown, token: string) => raw(port, { path: `/api/${method}`, body: JSON.stringify(input), headers: { authorization: `Bearer ${token}` } });
    expectWorded(await as('staff.issueEnrolment', { staffIds: [1] }, proctor), 403, 'FORBIDDEN', 'auth.roleRefused');
    expectWorded(await as('staff.create', { staffNo: 'X9', name: '冒名', roles: ['site_head'] }, proctor), 403, 'FORBIDDEN', 'auth.roleRefused');
    expectWorded(await as('plan.loadDemo', {}, proctor), 403, 'FORBIDDEN', 'auth.roleRefused');
    expectWorded(await as('site.overview', {}, 'forged-token'), 401, 'UNAUTHENTICATED');
    const asHead = await raw(port, { path: '/api/auth.signIn', body: JSON.stringify({ staffNo: 'P001', pin: '135790', role: 'site_head' }) });
    expect(asHead.status).toBeGreaterThanOrEqual(400);
    expect(asHead.status).toBeLessThan(500);
    expect(asHead.json?.ok).toBe(false);
    const after = census(c);
    // the refused sign-in may count against the PIN guard in memory, never in a table of records
    expect(after).toEqual(before);
    // A1: the refusals leave their trace (and only those)
    expect(refusedEvents(c)).toBeGreaterThan(refusedBefore);
  });

  it('a foreign Host (DNS rebinding) or Origin (another site posting here) is refused before any command runs', async () => {
    const before = census(c);
    const signIn = JSON.stringify({ staffNo: 'H001', pin: '246810' });
    expectWorded(await raw(port, { path: '/api/auth.signIn', host: 'attacker.example', body: signIn }), 421, 'HOST_REFUSED');
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: signIn, headers: { origin: 'http://attacker.example' } }), 403, 'HOST_REFUSED', 'http.originRefused');
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: signIn, headers: { origin: 'null' } }), 403, 'HOST_REFUSED', 'http.originRefused');
    expectWorded(await raw(port, { path: '/api/auth.signIn', body: signIn, headers: { origin: `http://127.0.0.1:${port + 1}` } }), 403, 'HOST_REFUSED', 'http.originRefused');
    expect(census(c)).toEqual(before);
    // the console's own page (same origin) signs in as usual
    const own = await raw(port, { path: '/api/auth.signIn', body: signIn, headers: { origin: `http://127.0.0.1:${port}` } });
    expect(own.status).toBe(200);
  });

  it('path traversal on the static files and the photo command is refused', async () => {
    const before = census(c);
    for (const path of ['/../../../etc/passwd', '/assets/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%252e%252e/%252e%252e/package.json', '/assets/..%5c..%5cpackage.json', '/assets/app%00.js']) {
      const a = await raw(port, { method: 'GET', path });
      expectWorded(a, 400, 'BAD_INPUT', 'http.badPath');
      expect(a.body).not.toContain('"name": "exam-site-console"');
    }
    // the real asset is still served
    expect((await raw(port, { method: 'GET', path: '/assets/app-abcdef12.js' })).status).toBe(200);
    // photos travel only by id through a command: a path in its place is bad input
    const photo = await raw(port, { path: '/api/checkin.photo', body: JSON.stringify({ photoId: '../../keys/vault.json' }), headers: { authorization: `Bearer ${proctor}` } });
    expectWorded(photo, 400, 'BAD_INPUT', 'input.invalid');
    expect(census(c)).toEqual(before);
  });
});
