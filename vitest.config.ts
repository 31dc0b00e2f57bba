import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // *.pg-test.ts: what only PostgreSQL has (several core processes on one database)
    include: process.env.PACKLINE_TEST_STORE === 'postgres' ? ['tests/**/*.test.ts', 'tests/**/*.pg-test.ts'] : ['tests/**/*.test.ts'],
    // PACKLINE_TEST_STORE=postgres: the same tests on a throwaway PostgreSQL cluster (docs/postgres.md).
    globalSetup: ['tests/worker-bundles.ts', ...(process.env.PACKLINE_TEST_STORE === 'postgres' ? ['tests/pg-global-setup.ts'] : [])],
    setupFiles: process.env.PACKLINE_TEST_STORE === 'postgres' ? ['tests/pg-setup.ts'] : [],
    environment: 'node',
    pool: 'forks',
    // A worker keeps its modules from one test file to the next: importing the core afresh for each
    // of ~170 files cost 320 s of the workers' time (half the wall time of the SQLite run on 2 CPUs),
    // 43 s this way. Test files share no module state they rely on; each opens its own core.
    isolate: false,
    // PostgreSQL: every statement is a round trip; the property tests (a core per run) and the rules'
    // re-evaluations took 30-33 s in the set at load ~20 on 2 CPUs (docs/postgres.md)
    testTimeout: process.env.PACKLINE_TEST_STORE === 'postgres' ? 60_000 : 30_000,
    hookTimeout: 60_000,
    // Two cores: keep heavy suites from starving each other.
    maxWorkers: 2,
  },
});
