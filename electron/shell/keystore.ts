// The OS keystore for the vault: Electron's safeStorage (DPAPI on Windows, the Keychain on macOS,
// libsecret or KWallet on Linux). Refused where it protects nothing: Linux without a keyring falls
// back to `basic_text`, a fixed password (electron/services/vault/keystore.ts decides). Only valid
// after app 'ready'.
import { safeStorage } from 'electron';
import { keystoreBackendName, keystoreRefusal, type Keystore } from '../services/vault/keystore';

export function electronKeystore(): Keystore {
  const available = safeStorage.isEncryptionAvailable();
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  return {
    kind: 'safeStorage',
    backend: keystoreBackendName(process.platform, backend),
    usable: keystoreRefusal(process.platform, available, backend) === null,
    // the vault hands over the key as base64 text
    encrypt: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8'),
  };
}
