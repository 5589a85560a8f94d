import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // better-sqlite3 and child processes: forks keep native handles per test file.
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
