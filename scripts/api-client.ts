// The browser shell's command API from Node: POST <base>/api/<method> with the bearer token, the same
// request the renderer's client makes. `npm run demo:day` can play its day through it, and the e2e
// fixtures seed their starting state with it (test/e2e/README.md).
import type { CallRequest, CallResult } from '../electron/commands/registry';

/** One command call, in-process (ConsoleApp.call) or over HTTP: the same request, the same answer. */
export type Transport = (req: CallRequest) => Promise<CallResult>;

/** Calls over HTTP; `deviceName` is sent as X-Device-Name, so the audit trail says who seeded what. */
export function httpTransport(baseUrl: string, deviceName: string): Transport {
  return async (req) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-device-name': encodeURIComponent(deviceName) };
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    const res = await fetch(`${baseUrl}/api/${encodeURIComponent(req.method)}`, { method: 'POST', headers, body: JSON.stringify(req.input ?? {}) });
    const text = await res.text();
    try {
      return JSON.parse(text) as CallResult;
    } catch {
      throw new Error(`${req.method}: HTTP ${res.status} without a JSON answer: ${text.slice(0, 200)}`);
    }
  };
}
