// The renderer's one client, typed from the command registry. Two transports beneath it:
// the Electron preload bridge (IPC) when present, else fetch to the browser shell's /api.
import type { Bridge, CallResult, ErrorData, InputOf, Method, OutputOf } from '../../../electron/commands/api';

export type { Bridge };

declare global {
  interface Window {
    examConsole?: Bridge;
  }
}

const TOKEN_KEY = 'esc.token';
const DEVICE_KEY = 'esc.deviceName';

export class ApiError extends Error {
  readonly data: ErrorData;
  constructor(data: ErrorData) {
    super(data.message);
    this.data = data;
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}
export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}
export function deviceName(): string {
  return localStorage.getItem(DEVICE_KEY) ?? '';
}
export function setDeviceName(name: string): void {
  localStorage.setItem(DEVICE_KEY, name);
}

/** A paired door device adds its credential, queue length and clock offset to every call (offline/device.ts). */
let deviceHeaders: () => Record<string, string> = () => ({});
export function setDeviceHeaders(fn: () => Record<string, string>): void {
  deviceHeaders = fn;
}

/** The console could not be reached (no network, the office PC down): the transport's own error. */
export function isNetworkError(e: unknown): boolean {
  return e instanceof ApiError && e.data.reason === 'system.network';
}

const listeners = new Set<(e: ErrorData) => void>();
/** Called on an expired or revoked session, so the frame can return to sign-in. */
export function onAuthLost(fn: (e: ErrorData) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

async function transport(method: string, input: unknown): Promise<CallResult<unknown>> {
  const token = getToken();
  if (window.examConsole) return window.examConsole.call({ method, input, token });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const name = deviceName();
  if (name) headers['x-device-name'] = encodeURIComponent(name);
  Object.assign(headers, deviceHeaders());
  let res: Response;
  try {
    res = await fetch(`./api/${method}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
  } catch {
    return { ok: false, error: { code: 'INTERNAL', reason: 'system.network', message: '无法连接考点通服务。', messageEn: 'Cannot reach the console service.', params: { network: 1 } } };
  }
  try {
    return (await res.json()) as CallResult<unknown>;
  } catch {
    // a connection cut mid-answer, or a page a proxy or the service worker made up: not the console's answer
    return { ok: false, error: { code: 'INTERNAL', reason: 'system.network', message: '无法连接考点通服务。', messageEn: 'Cannot reach the console service.', params: { network: 1 } } };
  }
}

/** Calls a command; resolves with its output or rejects with an ApiError carrying the data. */
export async function call<M extends Method>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const result = await transport(method, input);
  if (!result.ok) {
    if (result.error.code === 'SESSION_EXPIRED' || (result.error.code === 'UNAUTHENTICATED' && getToken())) {
      setToken(null);
      for (const l of listeners) l(result.error);
    }
    throw new ApiError(result.error);
  }
  return result.data as OutputOf<M>;
}
