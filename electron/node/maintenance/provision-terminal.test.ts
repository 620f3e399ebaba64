// The first staff provisioned on the terminal, as an engineer types them: the dialogue against a
// real kiosk database file, the PIN never shown nor stored as typed, and no third run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { StaffDirectory } from './staff-directory.ts';
import { AuditTrail } from '../storage/audit-trail.ts';
import { openKioskDatabase } from '../storage/kiosk-database.ts';
import { provisionFromTerminal } from './provision-terminal.ts';

const KEY = new Uint8Array(32).fill(7);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'provision-'));
  dirs.push(dir);
  return join(dir, 'data');
}

/** Runs the command with `typed` as the engineer's keystrokes; its exit code and what it printed. */
async function run(dir: string, typed: string): Promise<{ code: number; printed: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  input.end(typed);
  const code = await provisionFromTerminal(dir, KEY, { input, output });
  return { code, printed };
}

const pin = (digits: string): Uint8Array => new TextEncoder().encode(digits);

describe('provisioning the first staff on the terminal', () => {
  it('adds an administrator, then a supervisor, who can sign in; the PIN is neither echoed nor stored as typed', async () => {
    const dir = dataDir();
    const first = await run(dir, '1001\nadministrator\n48213957\n48213957\n');
    expect(first.code).toBe(0);
    expect(first.printed).toContain('Run this again');
    expect(first.printed).not.toContain('48213957');
    const second = await run(dir, '1002\nsupervisor\n59371624\n59371624\n');
    expect(second.code).toBe(0);
    expect(second.printed).not.toContain('Run this again');

    const db = openKioskDatabase(join(dir, 'kiosk.sqlite'));
    const staff = new StaffDirectory(db);
    expect(await staff.signIn('1001', pin('48213957'))).toEqual({ kind: 'signed-in', staff: { number: '1001', role: 'administrator' } });
    expect(await staff.signIn('1002', pin('59371624'))).toEqual({ kind: 'signed-in', staff: { number: '1002', role: 'supervisor' } });
    expect(new AuditTrail(db, KEY).recent().filter((entry) => entry.event === 'staff-provisioned')).toMatchObject([
      { detail: { staff: '1001', role: 'administrator' } },
      { detail: { staff: '1002', role: 'supervisor' } },
    ]);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(readFileSync(join(dir, 'kiosk.sqlite')).includes(Buffer.from('48213957'))).toBe(false);

    // From now on staff are added in the menu, under dual control.
    const third = await run(dir, '1003\nadministrator\n11223344\n11223344\n');
    expect(third.code).toBe(1);
    expect(third.printed).toContain('exist already');
  });

  it('saves nothing when the two PINs differ, the role is not one of the first, or the PIN is too short', async () => {
    const dir = dataDir();
    expect((await run(dir, '1001\nadministrator\n48213957\n48213958\n')).printed).toContain('nothing was saved');
    expect((await run(dir, '1001\noperator\n48213957\n48213957\n')).code).toBe(1);
    expect((await run(dir, '1001\nadministrator\n12345\n12345\n')).code).toBe(1);
    // Input that ends mid-dialogue (the engineer's Ctrl-D) saves nothing either.
    expect((await run(dir, '1001\nadministrator\n4821')).code).toBe(1);
    const db = openKioskDatabase(join(dir, 'kiosk.sqlite'));
    expect(new StaffDirectory(db).members()).toEqual([]);
    db.close();
  });

  it('asks for the kiosk to be stopped while it runs on the data folder, and saves nothing', async () => {
    const dir = dataDir();
    await run(dir, '');
    const kiosk = openKioskDatabase(join(dir, 'kiosk.sqlite'));
    try {
      const refused = await run(dir, '1001\nadministrator\n48213957\n48213957\n');
      expect(refused.code).toBe(1);
      expect(refused.printed).toContain('The kiosk is running on this data folder: stop it first');
      expect(new StaffDirectory(kiosk).bootstrapping()).toBe(true);
    } finally {
      kiosk.close();
    }
  });
});
