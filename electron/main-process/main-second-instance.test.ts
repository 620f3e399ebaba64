// A second instance of the shell (the first holds the single-instance lock) quits before
// anything starts: no window, no kiosk core, no reader.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () =>
  (await import('../../test/support/fake-electron.ts')).fakeElectron({ singleInstanceLock: false }),
);
const runtime = vi.hoisted(() => ({ started: 0 }));
vi.mock('electron', () => electron.module);
vi.mock('../node/compose-kiosk.ts', () => ({
  startKioskRuntime: () => {
    runtime.started += 1;
    return Promise.reject(new Error('a second instance must not start the kiosk'));
  },
}));

beforeAll(async () => {
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await import('./main.ts');
  electron.ready();
  // Long enough for a start, had one been scheduled, to open its window.
  await new Promise((resolve) => setTimeout(resolve, 100));
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe('a second instance of the shell', () => {
  it('quits', () => {
    expect(electron.calls).toContain('app:quit');
  });

  it('starts nothing: no window, no kiosk core, no scheme handler, no IPC', () => {
    expect(electron.windows).toEqual([]);
    expect(runtime.started).toBe(0);
    expect(electron.handlers.size).toBe(0);
    expect(electron.ipc.eventNames()).toEqual([]);
    expect(electron.calls).toEqual(['app:quit']);
  });
});
