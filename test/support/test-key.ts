// The fixed database key of test runs (ESC_DB_KEY in vitest.config.ts and playwright.config.ts):
// the tests' consoles are encrypted like any other, only their key is known in advance. Never a
// real site's key: a real key is random, made on first start and wrapped (electron/services/vault).
export const TEST_DB_KEY = '7e5f0c3a9b2d4e6f8a1c3e5f7b9d0a2c4e6f8b0d2a4c6e8f0b2d4f6a8c0e2b4d';

export function testDbKey(): Buffer {
  return Buffer.from(TEST_DB_KEY, 'hex');
}
