import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Test files run in parallel, each in its own process (the default 'forks' pool): the Redis-backed
    // tests use a key prefix of their own, and collect-inputs tests rely on process.chdir.
    pool: 'forks',
    // Two forks even on two cores (vitest's default there is one): most of the suite's time is spent
    // waiting on the processes, threads, Redis and disk it drives, and one fork left a core idle
    // (228 s against 133 s for the whole suite on the 2-core CI machine).
    maxWorkers: 2,
    minWorkers: 1,
  },
});
