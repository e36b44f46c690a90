// The OS keystore as the vault sees it: the Electron shell adapts safeStorage to this interface
// (electron/shell/keystore.ts: the only place that imports electron); the browser shell and
// headless runs have none. Whether a keystore may be relied on is decided here, without electron.

export interface Keystore {
  /** e.g. 'safeStorage' */
  kind: string;
  /** what protects it: 'dpapi' (Windows), 'keychain' (macOS), or Linux's 'gnome_libsecret', 'kwallet5', …, 'basic_text' */
  backend: string;
  /** false where it would not really protect the key (see keystoreUsable) */
  usable: boolean;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}

export type KeystoreRefusal = 'unavailable' | 'basic_text' | 'unknown_backend';

/**
 * Whether the OS keystore protects anything. On Linux without a keyring, Electron's safeStorage
 * falls back to `basic_text`, a hard-coded password: a key wrapped so is as good as in the clear,
 * so the console refuses it and asks for the recovery code at every start instead.
 */
export function keystoreRefusal(platform: NodeJS.Platform, available: boolean, backend: string | null): KeystoreRefusal | null {
  if (!available) return 'unavailable';
  if (platform !== 'linux') return null;
  if (backend === 'basic_text') return 'basic_text';
  if (!backend || backend === 'unknown') return 'unknown_backend';
  return null;
}

/** The backend's name as shown on About: Windows and macOS have one each. */
export function keystoreBackendName(platform: NodeJS.Platform, backend: string | null): string {
  if (platform === 'win32') return 'dpapi';
  if (platform === 'darwin') return 'keychain';
  return backend ?? 'unknown';
}
