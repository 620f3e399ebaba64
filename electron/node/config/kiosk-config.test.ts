// A bad configuration is refused with a message that names the file and the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKioskConfig } from './kiosk-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const READER = { kind: 'pcsc', name: 'SCM Microsystems SCR3310' };
const LOCAL_GATEWAY = { kind: 'remote', url: 'http://127.0.0.1:8443/' };
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('the kiosk configuration file', () => {
  it('accepts a branch configuration and fills the display defaults', () => {
    const path = file(
      'branch.json',
      JSON.stringify({
        dataDir: '/var/lib/kiosk',
        gateway: {
          kind: 'remote',
          url: 'https://gateway.bank.example/kiosk/',
          tls: { certFile: '/etc/kiosk/kiosk.pem', keyFile: '/etc/kiosk/kiosk.key', caFile: '/etc/kiosk/ca.pem' },
        },
        reader: { kind: 'pcsc', name: 'SCM Microsystems SCR3310' },
      }),
    );
    expect(loadKioskConfig(path)).toMatchObject({
      ok: true,
      value: { display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: false } },
    });
  });

  it('takes what the bank offers instead of a blocked PIN in both languages, or refuses it with the field named', () => {
    const branch = { dataDir: '/x', gateway: LOCAL_GATEWAY, reader: READER };
    const alternative = {
      ja: '窓口で所得証明書（紙）をお取りいただくこともできます',
      en: 'You can also get a paper income certificate at the counter.',
    };
    expect(loadKioskConfig(file('offer.json', JSON.stringify({ ...branch, pinBlockedAlternative: alternative })))).toMatchObject({
      ok: true,
      value: { pinBlockedAlternative: alternative },
    });
    for (const [name, offer, field] of [
      ['one language', { ja: alternative.ja }, 'pinBlockedAlternative.en'],
      ['a blank text', { ja: ' ', en: alternative.en }, 'pinBlockedAlternative.ja'],
      ['a field it does not know', { ...alternative, fr: 'x' }, 'pinBlockedAlternative'],
    ] as const) {
      const refused = loadKioskConfig(file('offer-bad.json', JSON.stringify({ ...branch, pinBlockedAlternative: offer })));
      expect({ name, ok: refused.ok }).toEqual({ name, ok: false });
      if (!refused.ok) expect(refused.error).toContain(`: ${field}`);
    }
  });

  it('mentions a number pad only where the branch says the terminal has one', () => {
    const branch = { dataDir: '/x', gateway: LOCAL_GATEWAY, reader: READER };
    const withPad = file('keypad.json', JSON.stringify({ ...branch, display: { physicalKeypad: true } }));
    expect(loadKioskConfig(withPad)).toMatchObject({
      ok: true,
      value: { display: { calendar: 'japanese', shuffleKeypad: false, physicalKeypad: true } },
    });
    const partial = file('calendar-only.json', JSON.stringify({ ...branch, display: { calendar: 'gregorian' } }));
    expect(loadKioskConfig(partial)).toMatchObject({ ok: true, value: { display: { physicalKeypad: false } } });
    const bad = file('keypad-bad.json', JSON.stringify({ ...branch, display: { physicalKeypad: 'yes' } }));
    const refused = loadKioskConfig(bad);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/: display\.physicalKeypad: /);
  });

  it('takes the audit trail’s retention in whole days, within bounds, and none at all', () => {
    const branch = { dataDir: '/x', gateway: LOCAL_GATEWAY, reader: READER };
    const retention = (audit: unknown): ReturnType<typeof loadKioskConfig> =>
      loadKioskConfig(file('audit.json', JSON.stringify({ ...branch, audit })));
    expect(retention({ retentionDays: 730 })).toMatchObject({ ok: true, value: { audit: { retentionDays: 730 } } });
    const without = loadKioskConfig(file('no-audit.json', JSON.stringify(branch)));
    expect(without.ok && without.value.audit).toBeUndefined();
    for (const [audit, message] of [
      [{ retentionDays: 30 }, 'at least 90 days'],
      [{ retentionDays: 5000 }, 'at most 3650 days'],
      [{ retentionDays: 400.5 }, 'a whole number of days'],
      [{ retentionDays: '400' }, 'a whole number of days'],
      [{ retentionDays: 400, keep: 'all' }, 'keep'],
    ] as const) {
      const refused = retention(audit);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatch(new RegExp(`: audit(\\.retentionDays)?: .*${message}`));
    }
  });

  it('accepts a gateway on this machine over http, as under test', () => {
    const path = file(
      'local.json',
      JSON.stringify({
        dataDir: '/x',
        gateway: { kind: 'remote', url: 'http://127.0.0.1:8443/' },
        reader: READER,
      }),
    );
    expect(loadKioskConfig(path)).toMatchObject({ ok: true });
  });

  it.each([
    ['not JSON', '{ "dataDir": ', /not valid JSON/],
    ['a missing reader', JSON.stringify({ dataDir: '/x', gateway: LOCAL_GATEWAY }), /: reader: /],
    [
      'a gateway URL that is not http(s)',
      JSON.stringify({ dataDir: '/x', gateway: { kind: 'remote', url: 'ftp://x' }, reader: READER }),
      /: gateway\.url: /,
    ],
    [
      'a gateway beyond this machine over plain http',
      JSON.stringify({
        dataDir: '/x',
        gateway: { kind: 'remote', url: 'http://gateway.bank.example/', tls: { certFile: '/c', keyFile: '/k', caFile: '/ca' } },
        reader: READER,
      }),
      /: gateway\.url: a gateway beyond this machine must use https/,
    ],
    [
      'a gateway beyond this machine without mutual TLS',
      JSON.stringify({
        dataDir: '/x',
        gateway: { kind: 'remote', url: 'https://gateway.bank.example/' },
        reader: READER,
      }),
      /: gateway\.tls: a gateway beyond this machine needs mutual TLS/,
    ],
    [
      'the demo’s simulated reader (the product has none)',
      JSON.stringify({ dataDir: '/x', gateway: LOCAL_GATEWAY, reader: { kind: 'simulated', mechanics: 'desk' } }),
      /: reader\.kind: must be a card reader of kind "pcsc" or "xfs4iot"/,
    ],
    [
      'the demo’s embedded gateway (the product has none)',
      JSON.stringify({ dataDir: '/x', gateway: { kind: 'embedded' }, reader: READER }),
      /: gateway\.kind: must be the bank's gateway \(kind "remote"\)/,
    ],
    ['an unknown field', JSON.stringify({ dataDir: '/x', gateway: LOCAL_GATEWAY, reader: READER, pin: '1234' }), /\(top level\)|pin/],
    [
      'a bad schedule rule',
      JSON.stringify({
        dataDir: '/x',
        gateway: LOCAL_GATEWAY,
        reader: READER,
        schedules: { municipal: [{ kind: 'daily-window', from: '25:00', to: '08:00' }] },
      }),
      /schedules\.municipal\.0\.from/,
    ],
  ])('refuses %s, naming the file and the field', (name, content, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, content);
    const result = loadKioskConfig(path);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.startsWith(path)).toBe(true);
      expect(result.error).toMatch(message);
    }
  });

  it('accepts an XFS4IoT motorised reader: on this machine over ws, beyond it over wss with the service’s CA', () => {
    const branch = { dataDir: '/x', gateway: LOCAL_GATEWAY };
    const local = file(
      'xfs-local.json',
      JSON.stringify({ ...branch, reader: { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0' } }),
    );
    expect(loadKioskConfig(local)).toMatchObject({
      ok: true,
      value: { reader: { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0' } },
    });
    const remote = file(
      'xfs-remote.json',
      JSON.stringify({
        ...branch,
        reader: {
          kind: 'xfs4iot',
          endpoint: 'wss://terminal321.branch.example:5848/xfs4iot/v1.0',
          tls: { caFile: '/etc/kiosk/xfs-ca.pem', certFile: '/etc/kiosk/kiosk.pem', keyFile: '/etc/kiosk/kiosk.key' },
        },
      }),
    );
    expect(loadKioskConfig(remote)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'a card reader service beyond this machine over plain ws',
      { kind: 'xfs4iot', endpoint: 'ws://terminal321.branch.example:5846/xfs4iot/v1.0' },
      /: reader\.endpoint: a card reader service beyond this machine must use wss/,
    ],
    [
      'a wss card reader service without its CA',
      { kind: 'xfs4iot', endpoint: 'wss://terminal321.branch.example:5848/xfs4iot/v1.0' },
      /: reader\.tls: a wss: endpoint needs the CA of the service/,
    ],
    [
      'a client certificate without its key',
      { kind: 'xfs4iot', endpoint: 'wss://terminal321.branch.example:5848/xfs4iot/v1.0', tls: { caFile: '/ca', certFile: '/c' } },
      /: reader\.tls: certFile and keyFile go together/,
    ],
    ['an endpoint that is not a WebSocket URL', { kind: 'xfs4iot', endpoint: 'https://127.0.0.1:5846/' }, /: reader\.endpoint: /],
  ])('refuses %s', (name, reader, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, JSON.stringify({ dataDir: '/x', gateway: LOCAL_GATEWAY, reader }));
    const result = loadKioskConfig(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('accepts a motorised reader whose chip is on a PC/SC reader, the motor on XFS4IoT; chip I/O stays the default', () => {
    const branch = { dataDir: '/x', gateway: LOCAL_GATEWAY };
    const endpoint = 'ws://127.0.0.1:5846/xfs4iot/v1.0';
    const hybrid = file(
      'xfs-pcsc-chip.json',
      JSON.stringify({ ...branch, reader: { kind: 'xfs4iot', endpoint, chip: { kind: 'pcsc', name: 'ACME MCR-9 ICC 00 00' } } }),
    );
    expect(loadKioskConfig(hybrid)).toEqual({
      ok: true,
      value: expect.objectContaining({
        reader: { kind: 'xfs4iot', endpoint, chip: { kind: 'pcsc', name: 'ACME MCR-9 ICC 00 00' } },
      }) as unknown,
    });
    const chipIo = file('xfs-chipio.json', JSON.stringify({ ...branch, reader: { kind: 'xfs4iot', endpoint, chip: { kind: 'xfs4iot' } } }));
    expect(loadKioskConfig(chipIo)).toMatchObject({ ok: true, value: { reader: { chip: { kind: 'xfs4iot' } } } });
    // Beyond this machine the motor's link is wss with the service's CA, whatever carries the chip.
    const remote = file(
      'xfs-pcsc-chip-remote.json',
      JSON.stringify({
        ...branch,
        reader: {
          kind: 'xfs4iot',
          endpoint: 'wss://terminal321.branch.example:5848/xfs4iot/v1.0',
          tls: { caFile: '/etc/kiosk/xfs-ca.pem' },
          chip: { kind: 'pcsc', name: 'ACME MCR-9 ICC 00 00' },
        },
      }),
    );
    expect(loadKioskConfig(remote)).toMatchObject({ ok: true });
  });

  it.each([
    [
      'a PC/SC chip without its reader’s name',
      { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0', chip: { kind: 'pcsc' } },
      /: reader\.chip\.name: the PC\/SC reader's name, as `card status` shows it$/,
    ],
    [
      'a PC/SC chip with an empty name',
      { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0', chip: { kind: 'pcsc', name: '' } },
      /: reader\.chip\.name: the PC\/SC reader's name, as `card status` shows it$/,
    ],
    [
      'a chip of an unknown kind',
      { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0', chip: { kind: 'usb', name: 'x' } },
      /: reader\.chip\.kind: must be a chip of kind "xfs4iot" \(chip I\/O through the card reader service, the default\) or "pcsc" \(a PC\/SC reader wired to the contacts, with its name\)$/,
    ],
    [
      'a chip through chip I/O given a PC/SC reader’s name',
      { kind: 'xfs4iot', endpoint: 'ws://127.0.0.1:5846/xfs4iot/v1.0', chip: { kind: 'xfs4iot', name: 'ACME MCR-9 ICC 00 00' } },
      /: reader\.chip: Unrecognized key: "name"$/,
    ],
    [
      'a chip on a desk reader',
      { kind: 'pcsc', name: 'SCM Microsystems SCR3310', chip: { kind: 'pcsc', name: 'SCM Microsystems SCR3310' } },
      /: reader: a PC\/SC desk reader has its chip in itself: "chip" is for a motorised reader \(kind "xfs4iot"\)$/,
    ],
    [
      'a motor beyond this machine over plain ws, even with its chip on PC/SC',
      {
        kind: 'xfs4iot',
        endpoint: 'ws://terminal321.branch.example:5846/xfs4iot/v1.0',
        chip: { kind: 'pcsc', name: 'ACME MCR-9 ICC 00 00' },
      },
      /: reader\.endpoint: a card reader service beyond this machine must use wss/,
    ],
  ])('refuses %s, saying what is wrong', (name, reader, message) => {
    const path = file(`${name.replace(/\W+/g, '-')}.json`, JSON.stringify({ dataDir: '/x', gateway: LOCAL_GATEWAY, reader }));
    const result = loadKioskConfig(path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('says so when the file cannot be read', () => {
    expect(loadKioskConfig(join(dir, 'missing.json'))).toEqual({ ok: false, error: `${join(dir, 'missing.json')}: cannot be read` });
  });
});
