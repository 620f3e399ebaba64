// `mynaportal-kiosk --provision-first-staff` (and `npm start -- --provision-first-staff` in the
// demo): the first administrator and supervisor, entered on the terminal by the bank's engineer
// as the kiosk's user (the packaged app has no Node and no npm: the shell runs this before any
// window). Asks for the staff number, the role
// and the PIN twice, without echoing the PIN; refuses once the first staff exist.
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { StaffRole } from '../../common/maintenance/maintenance-view.ts';
import { FIRST_STAFF_ROLES, provisionFirstStaff } from './provision.ts';
import { StaffDirectory } from './staff-directory.ts';
import { AuditTrail } from '../storage/audit-trail.ts';
import { DataFolderInUseError, openKioskDatabase, type KioskDatabase } from '../storage/kiosk-database.ts';
import { ensurePrivateFile, ensurePrivateFolder } from '../storage/private-files.ts';

export const PROVISION_FLAG = '--provision-first-staff';

export interface TerminalIo {
  readonly input: Readable & { readonly isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  readonly output: Writable;
}

const MAX_LINE = 64;

/** Reads the terminal a byte at a time: lines, and secrets that are never echoed nor kept in a string. */
class Terminal {
  readonly #io: TerminalIo;
  readonly #bytes: AsyncIterator<number>;

  constructor(io: TerminalIo) {
    this.#io = io;
    this.#bytes = (async function* bytes() {
      for await (const chunk of io.input as AsyncIterable<Buffer | string>) yield* Buffer.from(chunk);
    })();
  }

  /** One line into a fixed buffer (wiped by the caller); undefined at the end of input or on Ctrl-C. */
  async #read(secret: boolean): Promise<Uint8Array | undefined> {
    const buffer = new Uint8Array(MAX_LINE);
    let length = 0;
    const raw = secret && this.#io.input.isTTY === true;
    if (raw) this.#io.input.setRawMode?.(true);
    try {
      for (;;) {
        const next = await this.#bytes.next();
        if (next.done || next.value === 0x03) {
          buffer.fill(0);
          return undefined;
        }
        const byte = next.value;
        if (byte === 0x0a || byte === 0x0d) break;
        if (byte === 0x7f || byte === 0x08) length = Math.max(0, length - 1);
        else if (length < MAX_LINE) buffer[length++] = byte;
      }
    } finally {
      if (raw) {
        this.#io.input.setRawMode?.(false);
        this.#io.output.write('\n');
      }
    }
    const line = buffer.slice(0, length);
    buffer.fill(0);
    return line;
  }

  async ask(prompt: string): Promise<string | undefined> {
    this.#io.output.write(prompt);
    const line = await this.#read(false);
    return line && Buffer.from(line).toString('utf8').trim();
  }

  async askSecret(prompt: string): Promise<Uint8Array | undefined> {
    this.#io.output.write(prompt);
    return this.#read(true);
  }

  say(text: string): void {
    this.#io.output.write(`${text}\n`);
  }
}

const onlyDigits = (bytes: Uint8Array): boolean => bytes.every((byte) => byte >= 0x30 && byte <= 0x39);

/** Runs the dialogue against the kiosk's data folder; the exit code. */
export async function provisionFromTerminal(dataDir: string, databaseKey: Uint8Array, io: TerminalIo): Promise<number> {
  const terminal = new Terminal(io);
  ensurePrivateFolder(dataDir);
  ensurePrivateFile(join(dataDir, 'kiosk.sqlite'), true);
  let db: KioskDatabase;
  try {
    db = openKioskDatabase(join(dataDir, 'kiosk.sqlite'));
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    // The running kiosk holds its database alone (exclusive lock): provisioning waits for it to stop.
    terminal.say('The kiosk is running on this data folder: stop it first (systemctl stop mynaportal-kiosk), then run this again.');
    return 1;
  }
  const pins: Uint8Array[] = [];
  try {
    const staff = new StaffDirectory(db);
    if (!staff.bootstrapping()) {
      terminal.say('The first administrator and supervisor exist already: add staff in the maintenance menu.');
      return 1;
    }
    terminal.say('Provisioning the first staff of the maintenance menu (an administrator and a supervisor).');
    const number = await terminal.ask('Staff number (4 to 8 digits): ');
    if (!number || !/^[0-9]{4,8}$/.test(number)) {
      terminal.say('A staff number is 4 to 8 digits.');
      return 1;
    }
    const role = await terminal.ask(`Role (${FIRST_STAFF_ROLES.join(' or ')}): `);
    if (!role || !FIRST_STAFF_ROLES.includes(role as StaffRole)) {
      terminal.say(`The first staff are an ${FIRST_STAFF_ROLES.join(' and a ')}.`);
      return 1;
    }
    const pin = await terminal.askSecret('PIN (6 to 12 digits, typed by the staff member, not shown): ');
    if (pin) pins.push(pin);
    const again = await terminal.askSecret('The same PIN again: ');
    if (again) pins.push(again);
    if (!pin || !again || !onlyDigits(pin) || pin.length < 6 || pin.length > 12) {
      terminal.say('A PIN is 6 to 12 digits.');
      return 1;
    }
    if (pin.length !== again.length || !pin.every((byte, i) => byte === again[i])) {
      terminal.say('The two PINs differ: nothing was saved.');
      return 1;
    }
    const added = await provisionFirstStaff(staff, new AuditTrail(db, databaseKey), { number, role: role as StaffRole }, pin);
    if (!added.ok) {
      terminal.say(added.error === 'exists' ? `Staff number ${number} exists already.` : `Not saved (${added.error}).`);
      return 1;
    }
    terminal.say(`Staff ${number} (${role}) can now sign in to the maintenance menu.`);
    if (staff.bootstrapping()) terminal.say('Run this again for the other of the first administrator and supervisor.');
    return 0;
  } finally {
    for (const pin of pins) pin.fill(0);
    db.close();
  }
}
