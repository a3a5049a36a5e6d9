import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files run in parallel, each in its own process (the default 'forks' pool): the Redis-backed
    // tests use a key prefix of their own, and collect-inputs tests rely on process.chdir.
    pool: 'forks',
  },
});
