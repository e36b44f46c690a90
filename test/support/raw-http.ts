// Real HTTP to a console under test or bench, by node:http with an IP literal: no DNS lookup (which
// would need libuv's thread pool, which some tests hold on purpose) and a fresh connection per request.
import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  body: string;
}

export function rawHttp(port: number, method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}
