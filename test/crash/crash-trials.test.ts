// The short crash trials of every test run (npm run crash-trials -- --runs N for long ones): a
// kiosk killed at random moments while completing sessions, restarted on its data folder each
// time, loses and duplicates nothing the customer consented to.
import { describe, expect, it } from 'vitest';
import { runCrashTrials } from './crash-trials.ts';

describe('crash trials', () => {
  it('lose no stored consent and duplicate no submission across kills at random moments', async () => {
    const report = await runCrashTrials({ runs: 5, maxLifeMs: 2500 });
    expect(report).toMatchObject({ runs: 5, lost: 0, duplicated: 0 });
    // The trials did something: submissions reached the bank across the kills.
    expect(report.delivered).toBeGreaterThan(0);
  }, 120_000);
});
