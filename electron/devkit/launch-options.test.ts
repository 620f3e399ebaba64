import { describe, expect, it } from 'vitest';
import { parseLaunchOptions, readerOf } from './launch-options.ts';

describe('npm start options', () => {
  it('defaults to the demo in Chromium on any free port, opening the windows', () => {
    expect(parseLaunchOptions([])).toEqual({
      ok: true,
      value: {
        browser: false,
        port: 0,
        reader: undefined,
        readerName: undefined,
        chip: undefined,
        config: undefined,
        open: true,
        provision: false,
        clock: undefined,
        gatewayFaults: [],
        help: false,
      },
    });
  });

  it('reads every option', () => {
    expect(
      parseLaunchOptions(['--browser', '--port', '8080', '--reader', 'pcsc', '--reader-name', 'R', '--config', 'k.json', '--no-open']),
    ).toEqual({
      ok: true,
      value: {
        browser: true,
        port: 8080,
        reader: 'pcsc',
        readerName: 'R',
        chip: undefined,
        config: 'k.json',
        open: false,
        provision: false,
        clock: undefined,
        gatewayFaults: [],
        help: false,
      },
    });
    expect(parseLaunchOptions(['--config', 'k.json', '--provision-first-staff'])).toMatchObject({
      ok: true,
      value: { config: 'k.json', provision: true },
    });
  });

  it('takes the simulated desk reader, whose card can be pulled out at any time', () => {
    expect(parseLaunchOptions(['--reader', 'desk'])).toMatchObject({ ok: true, value: { reader: 'desk' } });
  });

  it('starts the clock at a Japan time, whatever zone the machine is in', () => {
    expect(parseLaunchOptions(['--clock', '2026-11-29 21:30'])).toMatchObject({
      ok: true,
      value: { clock: new Date('2026-11-29T12:30:00Z') },
    });
  });

  it('plays the gateway faults it is given, each as often as asked', () => {
    expect(parseLaunchOptions(['--gateway-fault', 'submit:status:503', '--gateway-fault', 'startRetrieval:hang*1'])).toMatchObject({
      ok: true,
      value: {
        gatewayFaults: [
          { route: 'submit', fault: { kind: 'status', status: 503 }, times: Number.POSITIVE_INFINITY },
          { route: 'startRetrieval', fault: { kind: 'hang' }, times: 1 },
        ],
      },
    });
  });

  it('takes the XFS4IoT card reader simulator as a reader', () => {
    expect(parseLaunchOptions(['--reader', 'xfs4iot'])).toMatchObject({ ok: true, value: { reader: 'xfs4iot' } });
  });

  const reader = (args: string[]): ReturnType<typeof readerOf> => {
    const parsed = parseLaunchOptions(args);
    if (!parsed.ok) throw new Error(parsed.error);
    return readerOf(parsed.value);
  };

  it('chooses the reader the options name, and leaves the configuration’s otherwise', () => {
    expect(reader([])).toBeUndefined();
    expect(reader(['--reader', 'sim'])).toEqual({ kind: 'simulated', mechanics: 'motorised' });
    expect(reader(['--reader', 'pcsc'])).toEqual({ kind: 'pcsc', name: 'Virtual PCD 00 00' });
    expect(reader(['--reader', 'xfs4iot'])).toEqual({ kind: 'xfs4iot-simulator' });
    expect(reader(['--reader', 'xfs4iot', '--chip', 'xfs4iot'])).toEqual({ kind: 'xfs4iot-simulator' });
  });

  it('puts the XFS4IoT simulator’s chip on vpcd, read through PC/SC, with --chip pcsc', () => {
    expect(reader(['--reader', 'xfs4iot', '--chip', 'pcsc'])).toEqual({
      kind: 'xfs4iot-simulator',
      chip: { kind: 'pcsc', name: 'Virtual PCD 00 00', vpcdPort: 35963 },
    });
    expect(reader(['--reader', 'xfs4iot', '--chip', 'pcsc', '--reader-name', 'Virtual PCD 00 01'])).toEqual({
      kind: 'xfs4iot-simulator',
      chip: { kind: 'pcsc', name: 'Virtual PCD 00 01', vpcdPort: 35964 },
    });
  });

  it.each([
    [['--port', 'eighty'], /--port/],
    [['--port', '70000'], /--port/],
    [['--reader', 'usb'], /--reader must be sim, desk, pcsc, xfs4iot/],
    [['--reader', 'xfs4iot', '--chip', 'usb'], /--chip must be xfs4iot or pcsc/],
    [['--reader', 'pcsc', '--chip', 'pcsc'], /--chip goes with --reader xfs4iot/],
    [['--chip', 'pcsc'], /--chip goes with --reader xfs4iot/],
    [['--reader', 'xfs4iot', '--chip', 'pcsc', '--reader-name', 'ACS ACR39U'], /must be a vpcd reader/],
    [['--clock', 'tomorrow'], /--clock must be a Japan date and time/],
    [['--clock', '2026-02-30 10:00'], /--clock must be a Japan date and time/],
    [['--clock', '2026-11-29 24:10'], /--clock must be a Japan date and time/],
    [['--gateway-fault', 'submit:teapot'], /gateway fault "submit:teapot" is not/],
    [['--unknown'], /Unknown option/],
  ])('refuses %j', (args, message) => {
    const result = parseLaunchOptions(args);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
