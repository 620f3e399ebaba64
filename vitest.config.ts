import { defineConfig } from 'vitest/config';

// pcsclite parks one libuv worker thread per reader (and per context) in a blocking
// SCardGetStatusChange: the default pool of 4 starves with two readers and two contexts.
// Test workers are forked after this runs, so they inherit it.
process.env.UV_THREADPOOL_SIZE ??= '16';

// Three suites by what they need: unit (nothing but Node), pcsc (pcscd with vpcd), e2e
// (Chromium and pcscd with vpcd). Suites that share the two vpcd readers run one file at a
// time, and one suite after the other (groupOrder).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,native,renderer,test,build}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.pcsc.test.ts', '**/*.e2e.test.ts', '**/*.fuzz.test.ts', 'test/fault-matrix/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        // Every customer screen × every fault, each cell a kiosk of its own: the cells wait on
        // timers far more than they compute, so many run at once.
        test: {
          name: 'fault-matrix',
          include: ['test/fault-matrix/**/*.test.ts'],
          environment: 'node',
          maxConcurrency: 16,
          testTimeout: 30_000,
        },
      },
      {
        // Property-based fuzzing (fast-check): short in every run, long with `npm run fuzz -- --runs N`.
        test: {
          name: 'fuzz',
          include: ['test/fuzz/**/*.fuzz.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
        },
      },
      {
        test: {
          name: 'pcsc',
          include: ['{native,electron,test,build}/**/*.pcsc.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/e2e/build-renderer.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 90_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
