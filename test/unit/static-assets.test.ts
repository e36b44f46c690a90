// The built renderer over HTTP as a tablet on the site Wi-Fi fetches it: hashed assets compressed
// (the .br/.gz made at build) and cached for a year; the page and unhashed files always fresh.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isHashedAsset, startHttpServer, type RunningServer } from '../../electron/server/http';
import { tempDir, testConsole } from './helpers';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

function get(port: number, path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  it('names hashed build files only', () => {
    expect(isHashedAsset('/assets/index-B2fkG6s2.js')).toBe(true);
    expect(isHashedAsset('/assets/DoorArea-QGqrDiOM.js.br')).toBe(true);
    expect(isHashedAsset('/assets/i18n-BweWxiKk.css')).toBe(true);
    expect(isHashedAsset('/index.html')).toBe(false);
    expect(isHashedAsset('/assets/a.js')).toBe(false);
    expect(isHashedAsset('/site.crt')).toBe(false);
  });

  it('sends the brotli copy to a browser that takes it, gzip to one that takes only gzip, and caches hashed assets for a year', async () => {
    const c = testConsole();
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const js = `console.log(${JSON.stringify('考点通'.repeat(400))});`;
    const name = 'index-B2fkG6s2.js';
    writeFileSync(join(dir, 'assets', name), js);
    writeFileSync(join(dir, 'assets', `${name}.br`), brotliCompressSync(js));
    writeFileSync(join(dir, 'assets', `${name}.gz`), gzipSync(js));
    writeFileSync(join(dir, 'assets', 'plain.js'), js);
    running = await startHttpServer({ app: c.app, port: 0, rendererDir: dir });

    const br = await get(running.port, `/assets/${name}`, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(js) / 4);

    const gz = await get(running.port, `/assets/${name}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');

    const identity = await get(running.port, `/assets/${name}`);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString()).toBe(js);

    // an unhashed file and the page itself are never kept
    expect((await get(running.port, '/assets/plain.js', 'br')).headers['cache-control']).toBe('no-store');
    expect((await get(running.port, '/', 'br')).headers['cache-control']).toBe('no-store');
    // the compressed copies are not files of their own
    expect((await get(running.port, `/assets/${name}.br`)).status).toBe(404);
  });
});
