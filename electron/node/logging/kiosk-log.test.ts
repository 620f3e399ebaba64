// The log keeps what operators need and cannot take personal data, it rotates, and a flood of
// one line cannot rotate the rest away.
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
    const log = new KioskLog({ directory: dir, maxBytes: 200, keep: 2, limits: { burst: 100, windowMs: 60_000 } });
    for (let i = 0; i < 40; i += 1) log.info('screen-shown', { screen: 'attract', count: i });
    expect(readdirSync(dir).sort()).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2']);
    expect(lines(dir).at(-1)).toMatchObject({ count: 39 });
  });

  it('writes a flood of one refused event as a few lines and a count, and does not rotate for it', async () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir, maxBytes: 64 * 1024, keep: 2, limits: { burst: 10, windowMs: 400 } });
    log.info('kiosk-started', { pending: 0 });
    for (let i = 0; i < 10_000; i += 1) {
      log.warn('event-refused', { detail: 'not-a-screen-event' });
      if (i === 5000) log.warn('renderer-gone', { detail: 'crashed' });
    }
    expect(readdirSync(dir)).toEqual(['kiosk.log']);
    // The other lines are all there; the flood is ten lines so far.
    expect(lines(dir).map((line) => line.event)).toEqual(['kiosk-started', ...Array<string>(10).fill('event-refused'), 'renderer-gone']);
    // When its window ends, one line says how many were left out, though nothing else is logged.
    await until(() => lines(dir).length > 12);
    expect(lines(dir).at(-1)).toEqual({
      at: expect.any(String) as unknown,
      level: 'warn',
      event: 'event-refused',
      detail: 'not-a-screen-event',
      suppressed: 9990,
    });
    log.warn('event-refused', { detail: 'not-a-screen-event' });
    expect(lines(dir)).toHaveLength(14);
    expect(readdirSync(dir)).toEqual(['kiosk.log']);
  });

  it('limits each kind of line on its own: another reason is another line, another count is not', () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir, limits: { burst: 3, windowMs: 60_000 } });
    for (let i = 0; i < 20; i += 1) {
      log.warn('socket-refused', { reason: 'wrong-origin', count: i });
      log.warn('socket-refused', { reason: 'wrong-token', count: i });
    }
    log.error('socket-refused', { reason: 'wrong-origin' });
    expect(lines(dir).map((line) => `${String(line.level)} ${String(line.reason)} ${String(line.count)}`)).toEqual([
      'warn wrong-origin 0',
      'warn wrong-token 0',
      'warn wrong-origin 1',
      'warn wrong-token 1',
      'warn wrong-origin 2',
      'warn wrong-token 2',
      'error wrong-origin undefined',
    ]);
  });

  it('writes the counts still pending when it is flushed at shutdown, and takes no forged count', () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir, limits: { burst: 2, windowMs: 60_000 } });
    for (let i = 0; i < 50; i += 1) log.warn('ipc-refused', { detail: 'foreign-frame', suppressed: 0 } as unknown as LogDetail);
    log.flush();
    expect(lines(dir).slice(2)).toEqual([
      { at: expect.any(String) as unknown, level: 'warn', event: 'ipc-refused', detail: 'foreign-frame', suppressed: 48 },
    ]);
    expect(lines(dir)[0]).toMatchObject({ detail: 'foreign-frame', redacted: 1 });
    expect(lines(dir)[0]).not.toHaveProperty('suppressed');
  });

  it('bounds the kinds it tracks: past that, lines of new kinds share one window and one count', () => {
    const dir = directory();
    const log = new KioskLog({ directory: dir, limits: { burst: 1, windowMs: 60_000 } });
    for (let i = 0; i < 300; i += 1) log.warn('card-service', { note: `message-${String(i)}` });
    log.flush();
    const written = lines(dir);
    expect(written.filter((line) => line.event === 'card-service')).toHaveLength(257);
    expect(written.at(-1)).toMatchObject({ event: 'log-suppressed', suppressed: 43 });
  });
});

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
