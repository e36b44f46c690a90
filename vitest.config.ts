import { defineConfig } from 'vitest/config';
import { TEST_DB_KEY } from './test/support/test-key';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Playwright specs are not vitest's
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // every console a test opens is encrypted, with one fixed raw key: no KDF per open, so the
    // files stay fast; vault.test.ts runs a real random key wrapped by a recovery code end to end
    env: { ESC_DB_KEY: TEST_DB_KEY },
  },
});
