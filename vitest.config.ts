import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Most tests wait on spawned CLIs, TLS and pseudo-terminals, not on the CPU: vitest's default
    // (cores - 1) ran one file at a time on 2 cores. Two at least: the e2e and fault layers took
    // 160 s instead of 220 s here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
