import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Playwright specs are not vitest's
    exclude: ['test/e2e/**', 'test/electron/**', 'node_modules/**'],
    environment: 'node',
    // the renderer's words (describeError, describeIssue) with the whole catalogue, as the renderer has it once loaded;
    // new PINs hashed at the test cost (pin-cost.test.ts holds production's)
    setupFiles: ['test/unit/setup/catalogue.ts', 'test/unit/setup/pin-cost.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // a fork per core: vitest's default (cores − 1) runs one file at a time on a 2-core machine, and
    // much of a file's time is waiting (scrypt and exports in the thread pool, HTTP, child processes)
    maxWorkers: '100%',
    // every console a test opens is encrypted, with one fixed raw key: no KDF per open, so the
    // files stay fast; vault.test.ts runs a real random key wrapped by a recovery code end to end
    // (the same key as playwright.config.ts; test/support/test-key.ts reads it back)
    env: { ESC_DB_KEY: '7e5f0c3a9b2d4e6f8a1c3e5f7b9d0a2c4e6f8b0d2a4c6e8f0b2d4f6a8c0e2b4d' },
  },
});
