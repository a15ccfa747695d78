import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests start real servers, containers and git repositories: give them room,
    // and run files in separate processes so one test's servers never leak into another's.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
