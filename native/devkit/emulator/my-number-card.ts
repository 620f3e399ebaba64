// An emulated My Number card at APDU level, faithful to the documented behaviour of the
// real card (native/jpki/CARD-PROTOCOL.md). Where the real behaviour is inferred, not traced,
// the choice is marked "(inferred)" so that a trace from a real card can correct it.
import { constants, privateEncrypt, type KeyObject } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCommandApdu, type CommandApdu } from '../../apdu/command-apdu.ts';
import { fromHex } from '../../apdu/hex.ts';
import { encodeResponseApdu, SW } from '../../apdu/status-word.ts';
import { AID, AUTH_PIN_TRIES, JPKI_EF, SIGN_PASSWORD_TRIES, type ApplicationName } from '../../jpki/applications.ts';
import type { VirtualCard } from './virtual-card.ts';

export const CONTACT_ATR = fromHex('3B E0 00 FF 81 31 FE 45 14');

/** Size of each certificate EF: larger than any certificate, the rest is FF (inferred size). */
export const CERTIFICATE_EF_SIZE = 0x800;
const TOKEN_INFO_SIZE = 160;
const TOKEN_LABEL_SIZE = 32;
/** Largest DigestInfo a 2048-bit key can sign with PKCS#1 v1.5 padding (256 − 11). */
const MAX_SIGN_INPUT = 245;

export interface JpkiContents {
  /** EF 0006 label, e.g. JPKIAPICCTOKEN2 (physical card) or JPKIAPGPSETOKEN (smartphone). */
  readonly tokenLabel: string;
  readonly authCertificate: Uint8Array;
  readonly authCaCertificate: Uint8Array;
  readonly signCertificate: Uint8Array;
  readonly signCaCertificate: Uint8Array;
  readonly authKey: KeyObject;
  readonly signKey: KeyObject;
  /** 4 ASCII digits. */
  readonly pin: string;
  readonly pinTriesLeft: number;
  /** 6–16 of A–Z0–9. */
  readonly signPassword: string;
  readonly signPasswordTriesLeft: number;
}

export interface CardLatency {
  /** Added to every APDU. */
  readonly apduMs: number;
  /** Added to every signature, on top of apduMs. */
  readonly signMs: number;
}

/** Behaviour not confirmed by a real-card trace (native/jpki/CARD-PROTOCOL.md "inferred"), settable per card. */
export interface CardQuirks {
  /** Size of each certificate EF; the rest after the certificate is FF. */
  readonly certificateEfSize: number;
  /** Whether selecting the JPKI AP again clears a verified PIN. */
  readonly reselectClearsVerification: boolean;
  /** Most data bytes one READ BINARY answers: a card with a smaller I/O buffer answers short chunks. */
  readonly maxReadLength: number;
}

export const DEFAULT_QUIRKS: CardQuirks = {
  certificateEfSize: CERTIFICATE_EF_SIZE,
  reselectClearsVerification: true,
  maxReadLength: 256,
};

/**
 * A command a faulty card stops answering at: any READ BINARY, a VERIFY carrying a PIN (the
 * empty VERIFY that reads the tries left still answers), SIGN, or any command at all.
 */
export type SilentAt = 'read' | 'verify' | 'sign' | 'any';
export const SILENT_AT: readonly SilentAt[] = ['read', 'verify', 'sign', 'any'];

export interface MyNumberCardOptions {
  readonly quirks?: Partial<CardQuirks>;
  /**
   * Fault injection: the card goes silent at this command and answers nothing until it is
   * reset or powered off, as a card with a broken chip or a failing contact does. Through
   * vpcd this is what pcscd sees of such a card: a command that never comes back.
   */
  readonly silentAt?: SilentAt;
  readonly atr?: Uint8Array;
  /** Absent for a card that is not a My Number card: the JPKI AP does not exist. */
  readonly jpki?: JpkiContents;
  readonly latency?: CardLatency;
  readonly delay?: (ms: number) => Promise<unknown>;
}

type BinaryFile = { kind: 'binary'; content: Uint8Array; guard?: 'sign-password' };
type SecretFile = { kind: 'pin'; secret: 'auth' | 'sign' } | { kind: 'key'; key: 'auth' | 'sign' };
type ElementaryFile = BinaryFile | SecretFile;

interface Secret {
  readonly value: Uint8Array;
  readonly maxTries: number;
  triesLeft: number;
  verified: boolean;
}

const INS = { select: 0xa4, readBinary: 0xb0, verify: 0x20, sign: 0x2a } as const;
const respond = (sw: number, data?: Uint8Array): Uint8Array => encodeResponseApdu(sw, data);

function padded(content: Uint8Array, size: number, fill: number): Uint8Array {
  const ef = new Uint8Array(Math.max(size, content.length)).fill(fill);
  ef.set(content);
  return ef;
}

function tokenInfo(label: string): Uint8Array {
  const ef = new Uint8Array(TOKEN_INFO_SIZE);
  ef.set(padded(new TextEncoder().encode(label), TOKEN_LABEL_SIZE, 0x20).subarray(0, TOKEN_LABEL_SIZE));
  return ef;
}

export class MyNumberCard implements VirtualCard {
  readonly atr: Uint8Array;
  readonly #files: ReadonlyMap<number, ElementaryFile>;
  readonly #secrets: Readonly<Record<'auth' | 'sign', Secret>> | undefined;
  readonly #keys: Readonly<Record<'auth' | 'sign', KeyObject>> | undefined;
  readonly #latency: CardLatency;
  readonly #quirks: CardQuirks;
  readonly #delay: (ms: number) => Promise<unknown>;
  readonly #silentAt: SilentAt | undefined;
  /** Commands the card went silent on: answered (to nobody) once it is reset or powered off. */
  readonly #unanswered = new Set<() => void>();
  #application: ApplicationName | undefined;
  #file: ElementaryFile | undefined;
  readonly #selectedApplications: ApplicationName[] = [];

  constructor(options: MyNumberCardOptions) {
    this.atr = options.atr ?? CONTACT_ATR;
    this.#latency = options.latency ?? { apduMs: 0, signMs: 0 };
    this.#delay = options.delay ?? sleep;
    this.#quirks = { ...DEFAULT_QUIRKS, ...options.quirks };
    this.#silentAt = options.silentAt;
    const jpki = options.jpki;
    if (!jpki) {
      this.#files = new Map();
      return;
    }
    const certificateEf = (der: Uint8Array): Uint8Array => padded(der, this.#quirks.certificateEfSize, 0xff);
    this.#files = new Map<number, ElementaryFile>([
      [JPKI_EF.signCertificate, { kind: 'binary', content: certificateEf(jpki.signCertificate), guard: 'sign-password' }],
      [JPKI_EF.signCaCertificate, { kind: 'binary', content: certificateEf(jpki.signCaCertificate) }],
      [JPKI_EF.tokenInfo, { kind: 'binary', content: tokenInfo(jpki.tokenLabel) }],
      [JPKI_EF.certificatePresence, { kind: 'binary', content: fromHex('8F 8F 00') }],
      [JPKI_EF.authCertificate, { kind: 'binary', content: certificateEf(jpki.authCertificate) }],
      [JPKI_EF.authCaCertificate, { kind: 'binary', content: certificateEf(jpki.authCaCertificate) }],
      [JPKI_EF.authKey, { kind: 'key', key: 'auth' }],
      [JPKI_EF.authPin, { kind: 'pin', secret: 'auth' }],
      [JPKI_EF.signKey, { kind: 'key', key: 'sign' }],
      [JPKI_EF.signPassword, { kind: 'pin', secret: 'sign' }],
    ]);
    const secret = (value: string, maxTries: number, triesLeft: number): Secret => ({
      value: new TextEncoder().encode(value),
      maxTries,
      triesLeft: Math.max(0, Math.min(maxTries, triesLeft)),
      verified: false,
    });
    this.#secrets = {
      auth: secret(jpki.pin, AUTH_PIN_TRIES, jpki.pinTriesLeft),
      sign: secret(jpki.signPassword, SIGN_PASSWORD_TRIES, jpki.signPasswordTriesLeft),
    };
    this.#keys = { auth: jpki.authKey, sign: jpki.signKey };
  }

  powerOn(): void {
    this.#clearVolatileState();
  }

  powerOff(): void {
    this.#clearVolatileState();
  }

  reset(): void {
    this.#clearVolatileState();
  }

  /** Every application selected since the card was made, so tests can assert what was never touched. */
  get selectedApplications(): readonly ApplicationName[] {
    return this.#selectedApplications;
  }

  get selectedApplication(): ApplicationName | undefined {
    return this.#application;
  }

  /** Tries left on the 利用者証明用 PIN, as the card's counter holds it (undefined: no JPKI AP). */
  get pinTriesLeft(): number | undefined {
    return this.#secrets?.auth.triesLeft;
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (this.#latency.apduMs > 0) await this.#delay(this.#latency.apduMs);
    const parsed = parseCommandApdu(command);
    if (!parsed.ok) return respond(SW.wrongLength);
    const apdu = parsed.value;
    if (this.#unanswered.size > 0 || this.#goesSilentAt(apdu)) return this.#silence(apdu);
    if (apdu.cla === 0x00 && apdu.ins === INS.select) return this.#select(apdu);
    if (apdu.cla === 0x00 && apdu.ins === INS.readBinary) return this.#readBinary(apdu);
    if (apdu.cla === 0x00 && apdu.ins === INS.verify) return this.#verify(apdu);
    if (apdu.cla === 0x80 && apdu.ins === INS.sign) return this.#sign(apdu);
    if (apdu.cla !== 0x00 && apdu.cla !== 0x80) return respond(SW.claNotSupported);
    return respond(SW.insNotSupported);
  }

  #goesSilentAt(apdu: CommandApdu): boolean {
    switch (this.#silentAt) {
      case 'read':
        return apdu.cla === 0x00 && apdu.ins === INS.readBinary;
      case 'verify':
        return apdu.cla === 0x00 && apdu.ins === INS.verify && apdu.data.length > 0;
      case 'sign':
        return apdu.cla === 0x80 && apdu.ins === INS.sign;
      case 'any':
        return true;
      case undefined:
        return false;
    }
  }

  /** No answer until reset or power-off; what it then answers reaches no host. */
  #silence(apdu: CommandApdu): Promise<Uint8Array> {
    apdu.data.fill(0); // this card's copy of a command that may carry a PIN
    return new Promise((resolve) => {
      this.#unanswered.add(() => resolve(respond(SW.noPreciseDiagnosis)));
    });
  }

  #clearVolatileState(): void {
    for (const answer of this.#unanswered) answer();
    this.#unanswered.clear();
    this.#application = undefined;
    this.#file = undefined;
    if (this.#secrets) {
      this.#secrets.auth.verified = false;
      this.#secrets.sign.verified = false;
    }
  }

  #select(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 === 0x04) return this.#selectApplication(apdu.data);
    if (apdu.p1 === 0x02) return this.#selectFile(apdu.data);
    return respond(SW.incorrectP1P2); // incl. SELECT MF, which the real card refuses after reset
  }

  #selectApplication(name: Uint8Array): Uint8Array {
    // A prefix of a DF name selects it, as on the real card.
    const match = (Object.keys(AID) as ApplicationName[]).find((app) => {
      const aid = AID[app];
      return name.length > 0 && name.length <= aid.length && name.every((byte, i) => byte === aid[i]);
    });
    // A foreign card (no JPKI contents) has none of these applications.
    if (!match || !this.#secrets) return respond(SW.fileNotFound);
    if (this.#quirks.reselectClearsVerification || match !== this.#application) this.#clearVolatileState();
    this.#file = undefined;
    this.#application = match;
    this.#selectedApplications.push(match);
    return respond(SW.ok);
  }

  #selectFile(id: Uint8Array): Uint8Array {
    if (id.length !== 2) return respond(SW.lcInconsistent);
    // Only the JPKI AP's files are modelled: the kiosk never reads the other applications.
    const file = this.#application === 'jpki' ? this.#files.get(((id[0] ?? 0) << 8) | (id[1] ?? 0)) : undefined;
    if (!file) return respond(SW.fileNotFound);
    this.#file = file;
    return respond(SW.ok);
  }

  #readBinary(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 & 0x80) return respond(SW.incorrectP1P2); // short EF addressing is not used
    const file = this.#file;
    if (!file) return respond(SW.commandNotAllowedNoEf);
    if (file.kind !== 'binary') return respond(SW.incompatibleFileStructure);
    if (file.guard === 'sign-password' && !this.#secrets?.sign.verified) return respond(SW.securityStatusNotSatisfied);
    const offset = (apdu.p1 << 8) | apdu.p2;
    if (offset >= file.content.length) return respond(SW.wrongP1P2);
    const length = Math.min(apdu.le ?? 256, this.#quirks.maxReadLength, file.content.length - offset);
    return respond(SW.ok, file.content.slice(offset, offset + length));
  }

  #verify(apdu: CommandApdu): Uint8Array {
    try {
      return this.#checkSecret(apdu);
    } finally {
      apdu.data.fill(0); // this card's copy of the PIN, whatever the outcome
    }
  }

  #checkSecret(apdu: CommandApdu): Uint8Array {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x80) return respond(SW.incorrectP1P2);
    const file = this.#file;
    if (file?.kind !== 'pin' || !this.#secrets) return respond(SW.commandNotAllowedNoEf);
    const secret = this.#secrets[file.secret];
    // Empty VERIFY reports the tries left without using one, also when verified (never 9000).
    if (apdu.data.length === 0) return respond(SW.verifyFailedBase | secret.triesLeft);
    if (secret.triesLeft === 0) return respond(SW.referenceDataNotUsable);
    const matches = apdu.data.length === secret.value.length && apdu.data.every((byte, i) => byte === secret.value[i]);
    if (!matches) {
      secret.triesLeft -= 1;
      secret.verified = false;
      return respond(SW.verifyFailedBase | secret.triesLeft);
    }
    secret.triesLeft = secret.maxTries;
    secret.verified = true;
    return respond(SW.ok);
  }

  async #sign(apdu: CommandApdu): Promise<Uint8Array> {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x80) return respond(SW.incorrectP1P2);
    const file = this.#file;
    if (file?.kind !== 'key' || !this.#secrets || !this.#keys) return respond(SW.commandNotAllowedNoEf);
    if (!this.#secrets[file.key].verified) return respond(SW.securityStatusNotSatisfied);
    if (apdu.data.length === 0 || apdu.data.length > MAX_SIGN_INPUT) return respond(SW.wrongLength);
    if (this.#latency.signMs > 0) await this.#delay(this.#latency.signMs);
    // privateEncrypt with PKCS#1 v1.5 padding is the raw type-01 signature the card computes
    // over the DigestInfo it is given; the card does not hash.
    const signature = privateEncrypt({ key: this.#keys[file.key], padding: constants.RSA_PKCS1_PADDING }, apdu.data);
    return respond(SW.ok, new Uint8Array(signature));
  }
}
