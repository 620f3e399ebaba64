// The log keeps what operators need and cannot take personal data, and it rotates.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskLog, type LogDetail } from './kiosk-log.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const directory = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'log-'));
  dirs.push(dir);
  return dir;
};
const lines = (dir: string): Record<string, unknown>[] =>
  readFileSync(join(dir, 'kiosk.log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the kiosk log', () => {
  it('writes one JSON line per event with its details', () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir, now: () => new Date('2026-11-24T05:00:00Z') });
    log.warn('card-service-restarted', { restarts: 2, reason: 'heartbeat' });
    expect(lines(dir)).toEqual([
      { at: '2026-11-24T05:00:00.000Z', level: 'warn', event: 'card-service-restarted', restarts: 2, reason: 'heartbeat' },
    ]);
  });

  it('cannot take free text, a PIN, an amount or a name: such details are dropped and counted', () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir });
    // As a careless caller could pass them (from plain JS, or past the type with a cast).
    const careless = {
      message: 'salary 6000000 for 山田 太郎',
      pin: 1234,
      income: 6_000_000,
      name: 'YAMADA-TARO',
      amount: '6,000,000',
      reason: 'items-not-retrieved',
      attempts: 3,
      pending: 6_000_000,
      note: 'salary 6000000',
    } as unknown as LogDetail;
    log.error('submission-failed', careless);
    log.info('PIN 1234 entered');
    const [first, second] = lines(dir);
    expect(first).toEqual({
      at: expect.any(String) as unknown,
      level: 'error',
      event: 'submission-failed',
      reason: 'items-not-retrieved',
      attempts: 3,
      redacted: 7,
    });
    expect(JSON.stringify(first)).not.toMatch(/1234|6000000|6,000,000|山田|YAMADA/);
    expect(second).toMatchObject({ event: 'unnamed-event' });
    expect(JSON.stringify(second)).not.toContain('1234');
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir, maxBytes: 200, keep: 2 });
    for (let i = 0; i < 40; i += 1) log.info('screen-shown', { screen: 'attract', count: i });
    expect(readdirSync(dir).sort()).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2']);
    expect(lines(dir).at(-1)).toMatchObject({ count: 39 });
  });
});
