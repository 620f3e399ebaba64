// The short soak of every test run (npm run soak -- --sessions N for the long one): sessions
// of every kind on one kiosk core, after which it holds no more than it did once warmed up —
// no heap trend, no handle or timer left behind per session — and no session crashed.
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak-runner.ts';

describe('a short soak', () => {
  it('leaves the kiosk core holding what it held once warmed up, after sessions of every kind', async () => {
    const report = await runSoak({ sessions: 240, every: 80 });
    expect(report.crashedSessions).toBe(0);
    expect(Object.values(report.outcomes).reduce((sum, count) => sum + count, 0)).toBe(240);
    const [, warm, ...later] = report.checkpoints;
    if (!warm) throw new Error('no checkpoint after the warm-up');
    const handles = (point: (typeof report.checkpoints)[number]): number =>
      Object.values(point.resources).reduce((sum, count) => sum + count, 0);
    for (const point of later) {
      // A kiosk runs ~100 sessions a day between restarts of weeks: 3 MB over 160 sessions
      // (~19 KB each) would be a leak that shows within a month; JIT and caches stay well under.
      expect(point.heapUsedMb - warm.heapUsedMb).toBeLessThan(3);
      // Every session's timers, sockets and child handles end with it.
      expect(handles(point)).toBeLessThanOrEqual(handles(warm) + 1);
    }
  }, 300_000);
});
