// The narrow bridge (STYLE 3) between the Electron preload and the renderer: one call over one
// IPC channel. It lives with the commands so the preload never imports the renderer, and the
// renderer takes it (as a type) through electron/commands/api.
import type { ErrorData } from '../services/errors';

export type BridgeResult = { ok: true; data: unknown } | { ok: false; error: ErrorData };

export interface Bridge {
  call(request: { method: string; input: unknown; token: string | null }): Promise<BridgeResult>;
}
