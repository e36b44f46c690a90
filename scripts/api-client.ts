// The browser shell's command API from Node: POST <base>/api/<method> with the bearer token, the same
// request the renderer's client makes. `npm run demo:day -- --http` plays its day through it, and the
// e2e fixtures seed their starting state with it (test/e2e/README.md).
import { request as httpsRequest } from 'node:https';
import type { CallRequest, CallResult } from '../electron/commands/registry';

/** One command call, in-process (ConsoleApp.call) or over HTTP: the same request, the same answer. */
export type Transport = (req: CallRequest) => Promise<CallResult>;

/**
 * Calls over HTTP; `deviceName` is sent as X-Device-Name, so the audit trail says who seeded what.
 * For an https base, `ca` is the certificate to trust (the site CA, as a tablet has installed it).
 */
export function httpTransport(baseUrl: string, deviceName: string, opts: { ca?: string } = {}): Transport {
  return async (req) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-device-name': encodeURIComponent(deviceName) };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    const url = `${baseUrl}/api/${encodeURIComponent(req.method)}`;
    const body = JSON.stringify(req.input ?? {});
    const { status, text } = url.startsWith('https:') ? await postTls(url, headers, body, opts.ca) : await postPlain(url, headers, body);
    try {
      return JSON.parse(text) as CallResult;
    } catch {
      throw new Error(`${req.method}: HTTP ${status} without a JSON answer: ${text.slice(0, 200)}`);
    }
  };
}

async function postPlain(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

function postTls(url: string, headers: Record<string, string>, body: string, ca: string | undefined): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
