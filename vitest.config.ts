import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // *.pg-test.ts: what only PostgreSQL has (several core processes on one database)
    include: process.env.PACKLINE_TEST_STORE === 'postgres' ? ['tests/**/*.test.ts', 'tests/**/*.pg-test.ts'] : ['tests/**/*.test.ts'],
    // PACKLINE_TEST_STORE=postgres: the same tests on a throwaway PostgreSQL cluster (docs/postgres.md).
    globalSetup: process.env.PACKLINE_TEST_STORE === 'postgres' ? ['tests/pg-global-setup.ts'] : [],
    setupFiles: process.env.PACKLINE_TEST_STORE === 'postgres' ? ['tests/pg-setup.ts'] : [],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep heavy suites from starving each other.
    maxWorkers: 2,
  },
});
