import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from './launch-options.ts';

describe('npm start options', () => {
  it('defaults to the demo in Chromium on any free port, opening the windows', () => {
    expect(parseLaunchOptions([])).toEqual({
      ok: true,
      value: { browser: false, port: 0, reader: undefined, readerName: undefined, config: undefined, open: true, provision: false },
    });
  });

  it('reads every option', () => {
    expect(
      parseLaunchOptions(['--browser', '--port', '8080', '--reader', 'pcsc', '--reader-name', 'R', '--config', 'k.json', '--no-open']),
    ).toEqual({
      ok: true,
      value: { browser: true, port: 8080, reader: 'pcsc', readerName: 'R', config: 'k.json', open: false, provision: false },
    });
    expect(parseLaunchOptions(['--config', 'k.json', '--provision-first-staff'])).toMatchObject({
      ok: true,
      value: { config: 'k.json', provision: true },
    });
  });

  it.each([
    [['--port', 'eighty'], /--port/],
    [['--port', '70000'], /--port/],
    [['--reader', 'usb'], /--reader must be sim or pcsc/],
    [['--unknown'], /Unknown option/],
  ])('refuses %j', (args, message) => {
    const result = parseLaunchOptions(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
