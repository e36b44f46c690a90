// The fixed database key of test runs: ESC_DB_KEY, set by vitest.config.ts and playwright.config.ts
// (the same 64 hex digits in both). The tests' consoles are encrypted like any other, only their
// key is known in advance; never a real site's key (a real key is random, made on first start and
// wrapped by the recovery code: electron/services/vault).
export function testDbKey(): Buffer {
  const hex = process.env.ESC_DB_KEY ?? '';
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('testDbKey: ESC_DB_KEY is not set (run under vitest or Playwright)');
  return Buffer.from(hex, 'hex');
}
