import { defineConfig } from 'vitest/config';

// pcsclite parks one libuv worker thread per reader (and per context) in a blocking
// SCardGetStatusChange: the default pool of 4 starves with two readers and two contexts.
// Test workers are forked after this runs, so they inherit it.
process.env.UV_THREADPOOL_SIZE ??= '16';

// Three suites by what they need: unit (nothing but Node), pcsc (pcscd with vpcd), e2e
// (Chromium). The PC/SC suite shares the two vpcd readers, so its files run one at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{electron,native,renderer,test,build}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.pcsc.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'pcsc',
          include: ['{native,electron,test}/**/*.pcsc.test.ts'],
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
    ],
  },
});
