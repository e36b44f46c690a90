// Request bodies under BODY_LIMITS / JSON_LIMITS (electron/domain/limits.ts): refused as they
// arrive, before parsing, with a coded LIMIT_EXCEEDED that names the limit (zh-CN first).
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_LIMITS, JSON_LIMITS } from '../../electron/domain/limits';
import { startHttpServer, type RunningServer } from '../../electron/server/http';
import type { ErrorData } from '../../electron/services/errors';
import { describeError } from '../../renderer/src/i18n';
import { siteHead, testConsole } from './helpers';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** POSTs a body in chunks (no Content-Length when chunked), resolving with the answer. */
function post(port: number, path: string, chunks: Iterable<Buffer>, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: -1, body: '' }) : reject(e)));
    (async () => {
      for (const c of chunks) if (!req.write(c)) await new Promise((r) => req.once('drain', r));
      req.end();
    })().catch(reject);
  });
}

function* repeat(piece: string, times: number, head = '', tail = ''): Iterable<Buffer> {
  yield Buffer.from(head);
  const block = Buffer.from(piece.repeat(4096));
  for (let i = 0; i < Math.ceil(times / 4096); i++) yield block;
  yield Buffer.from(tail);
}

const errorOf = (body: string) => (JSON.parse(body) as { ok: false; error: ErrorData }).error;

describe('request body limits', () => {
  it('an unauthenticated 63 MB body of empty arrays is refused at the public limit, before it is parsed', async () => {
    const c = testConsole();
    running = await startHttpServer({ app: c.app, port: 0 });
    const before = process.memoryUsage().rss;
    const r = await post(running.port, '/api/auth.signIn', repeat('[],', 21 * 1024 * 1024, '{"x":[', '[]]}'));
    // the server answers 413 as soon as the limit is passed (the client may still be sending: a reset is fine too)
    if (r.status !== -1) {
      expect(r.status).toBe(413);
      const e = errorOf(r.body);
      expect(e.code).toBe('LIMIT_EXCEEDED');
      expect(e.reason).toBe('limits.bodyPublic');
      expect(describeError('zh-CN', e)).toContain('16 KB');
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    // and the server still answers
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
  });

  it('a declared Content-Length over the limit is refused before a byte is read; a made-up token gets the public limit', async () => {
    const c = testConsole();
    running = await startHttpServer({ app: c.app, port: 0 });
    const body = Buffer.alloc(BODY_LIMITS.public + 1, 0x20);
    const r = await post(running.port, '/api/plan.import', [body], { 'content-length': String(body.length), authorization: 'Bearer made-up' });
    expect(r.status).toBe(413);
    expect(errorOf(r.body).reason).toBe('limits.bodyPublic');
  });

  it('JSON nested past the depth limit, or with too many values, is refused by the scan (signed in)', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    running = await startHttpServer({ app: c.app, port: 0 });
    const deep = '['.repeat(JSON_LIMITS.depth + 1) + ']'.repeat(JSON_LIMITS.depth + 1);
    const r1 = await post(running.port, '/api/plan.batches', [Buffer.from(deep)], { authorization: `Bearer ${token}` });
    expect(r1.status).toBe(413);
    expect(errorOf(r1.body).reason).toBe('limits.jsonDepth');
    // strings are skipped: brackets and commas inside them (escaped quotes too) count for nothing
    const quiet = JSON.stringify({ note: '[[[[,,,,\\"]]]]'.repeat(1000) });
    const r2 = await post(running.port, '/api/plan.batches', [Buffer.from(quiet)], { authorization: `Bearer ${token}` });
    expect(r2.status).toBe(200);
    const many = `{"a":[${'0,'.repeat(JSON_LIMITS.items)}0]}`;
    const r3 = await post(running.port, '/api/plan.batches', [Buffer.from(many)], { authorization: `Bearer ${token}` });
    expect(r3.status).toBe(413);
    expect(errorOf(r3.body).reason).toBe('limits.jsonItems');
    expect(describeError('en', errorOf(r3.body))).toContain(String(JSON_LIMITS.items));
  });

  it('a signed-in command without files takes 1 MB; plan.import takes its own larger limit', async () => {
    const c = testConsole();
    const token = await siteHead(c);
    running = await startHttpServer({ app: c.app, port: 0 });
    const big = JSON.stringify({ files: [{ name: 'x.csv', data: 'A'.repeat(BODY_LIMITS.default + 10) }] });
    const r1 = await post(running.port, '/api/plan.batches', [Buffer.from(big)], { authorization: `Bearer ${token}` });
    expect(r1.status).toBe(413);
    expect(errorOf(r1.body).reason).toBe('limits.body');
    const r2 = await post(running.port, '/api/plan.check', [Buffer.from(big)], { authorization: `Bearer ${token}` });
    // read and judged (not a plan), not refused for its size
    expect(r2.status).not.toBe(413);
  });
});
