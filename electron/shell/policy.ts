// The Electron shell's security decisions as pure functions, so they can be tested without
// Electron (STYLE 9: parse URLs, never substring-match them).

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const IPC_CHANNEL = 'esc:call';

/** Is this URL the app's own page (app://console/…)? */
export function isAppUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

/** Navigation away from the app is refused; so are new windows. */
export function navigationAllowed(raw: string): boolean {
  return isAppUrl(raw);
}

/**
 * Only the camera, only for the app's own page. `mediaTypes` comes from Electron's
 * permission request details; audio is not needed at the door and is refused.
 */
export function permissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] | undefined): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return false;
  const types = mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** Maps app://console/<path> to a file under the renderer folder, refusing escapes. */
export function rendererPath(raw: string): string | null {
  if (!isAppUrl(raw)) return null;
  const { pathname } = new URL(raw);
  const decoded = decodeURIComponent(pathname);
  if (decoded.includes('\0')) return null;
  const parts = decoded.split('/').filter((p) => p.length > 0);
  if (parts.some((p) => p === '..' || p === '.' || p.includes('\\'))) return null;
  return parts.length === 0 ? 'index.html' : parts.join('/');
}
