// The JPKI client: the operations of 利用者証明 as a short list of named commands over one
// connected card. It remembers what it has selected so that reads send no APDU twice, but
// always selects the PIN file right before a VERIFY with data and the key file right before
// SIGN: a stale selection must never spend a try of another secret. The whole flow (select,
// PIN status, certificate, verify, sign) costs 8 + ⌈T/256⌉ APDUs for a certificate of T
// bytes from a card answering full chunks; reading the token label adds 2. Any transport
// failure or unexpected answer forgets the selection. It never reads the 個人番号 and never
// selects any application but the JPKI AP. Card answers are not trusted: lengths, read counts
// and counters are bounded.
import { parseResponseApdu, SW } from '../apdu/status-word.ts';
import { derCertificateLength } from '../pki/describe-certificate.ts';
import { JPKI_EF, TOKEN_LABELS, type TokenKind } from './applications.ts';
import { sha256DigestInfo } from './digest-info.ts';
import { fail, ok, unexpectedStatus, type JpkiError, type JpkiResult } from './jpki-error.ts';
import * as command from './jpki-commands.ts';
import { isValidPin, wipe } from './pin.ts';
import type { ApduTransport } from './transport.ts';

const CHUNK = 256;
const TOKEN_LABEL_LENGTH = 32;
const SIGNATURE_LENGTH = 256;
/** Real user-auth certificates are about 1.3–1.8 KB; anything much larger is a hostile card. */
const MAX_CERTIFICATE_LENGTH = 4096;
/**
 * Real cards answer READ BINARY with all that was asked; one with a smaller I/O buffer answers
 * short. Four commands per 256 bytes tolerate buffers down to 64 bytes, while a card dripping
 * one byte at a time is refused after at most 4·⌈T/256⌉ ≤ 64 commands instead of costing T
 * (4 for the 32-byte token label).
 */
const READS_PER_CHUNK = 4;
/** The 利用者証明用 PIN has 3 tries: a card claiming more is not telling the truth. */
const MAX_PIN_TRIES = 3;

export interface TokenInfo {
  readonly label: string;
  readonly kind: TokenKind;
}

interface Response {
  readonly data: Uint8Array;
  readonly sw: number;
}

export class JpkiSession {
  readonly #transport: ApduTransport;
  #applicationSelected = false;
  #selectedFile: number | undefined;

  constructor(transport: ApduTransport) {
    this.#transport = transport;
  }

  /** SELECT the JPKI AP. A card without it is not a My Number card. */
  async selectApplication(): Promise<JpkiResult<void>> {
    if (this.#applicationSelected) return ok(undefined);
    const response = await this.#send(command.selectJpkiAp());
    if (!response.ok) return response;
    // A foreign card answers 6A82, or refuses the command outright (6D00, 6E00, 6A86, …).
    if (response.value.sw !== SW.ok) return fail({ kind: 'not-my-number-card' });
    this.#applicationSelected = true;
    this.#selectedFile = undefined;
    return ok(undefined);
  }

  /** The token label in EF 0006: tells a physical card from smartphone and older tokens. */
  async readTokenInfo(): Promise<JpkiResult<TokenInfo>> {
    const selected = await this.#selectFile(JPKI_EF.tokenInfo);
    if (!selected.ok) return selected;
    const read = await this.#readFromStart(() => ok(TOKEN_LABEL_LENGTH));
    if (!read.ok) return read;
    const label = new TextDecoder('ascii').decode(read.value).replace(/[\s\0]+$/, '');
    const kind: TokenKind = Object.hasOwn(TOKEN_LABELS, label) ? TOKEN_LABELS[label as keyof typeof TOKEN_LABELS] : 'unknown';
    return ok({ label, kind });
  }

  /** The 利用者証明用電子証明書 (DER), as long as its DER header says: no byte past it is asked for once that is known. */
  readAuthCertificate(): Promise<JpkiResult<Uint8Array>> {
    return this.#readCertificate(JPKI_EF.authCertificate, 'the user-auth certificate');
  }

  /** The 利用者証明用 CA certificate (EF 000B) the card carries, read the same way. */
  readAuthCaCertificate(): Promise<JpkiResult<Uint8Array>> {
    return this.#readCertificate(JPKI_EF.authCaCertificate, 'the user-auth CA certificate');
  }

  async #readCertificate(ef: number, name: string): Promise<JpkiResult<Uint8Array>> {
    const selected = await this.#selectFile(ef);
    if (!selected.ok) return selected;
    return this.#readFromStart((head) => {
      const length = derCertificateLength(head);
      if (!length.ok) {
        return length.error === 'need-more'
          ? ok(undefined)
          : fail({ kind: 'malformed-response', detail: `${name} EF holds no DER certificate` });
      }
      return length.value > MAX_CERTIFICATE_LENGTH ? fail({ kind: 'certificate-too-large', claimedBytes: length.value }) : ok(length.value);
    });
  }

  /**
   * Reads the selected EF from its start; `lengthOf` tells from the bytes so far how many to
   * read (undefined: not known yet, so a full chunk is asked for). A card answering fewer
   * bytes than asked, but some, is read on from where it stopped, as OpenSC does, within
   * READS_PER_CHUNK commands per 256 bytes. A certificate header takes at most 5 bytes and
   * every read adds one at least, so the length is known after a few reads whatever the card.
   */
  async #readFromStart(lengthOf: (head: Uint8Array) => JpkiResult<number | undefined>): Promise<JpkiResult<Uint8Array>> {
    const buffer = new Uint8Array(MAX_CERTIFICATE_LENGTH + CHUNK);
    let filled = 0;
    let reads = 0;
    for (;;) {
      const length = lengthOf(buffer.subarray(0, filled));
      if (!length.ok) return this.#refused(length.error);
      const total = length.value;
      if (total !== undefined && filled >= total) return ok(buffer.slice(0, total));
      if (total !== undefined && reads >= READS_PER_CHUNK * Math.ceil(total / CHUNK))
        return this.#refused({ kind: 'too-many-reads', reads });
      const wanted = total === undefined ? CHUNK : Math.min(CHUNK, total - filled);
      const chunk = await this.#readChunk(filled, wanted);
      reads += 1;
      if (!chunk.ok) return chunk;
      // No data with 9000 would have the client ask again for ever; more than asked is a lie.
      if (chunk.value.length === 0) return this.#malformed(`READ BINARY at ${String(filled)} answered no data`);
      if (chunk.value.length > wanted) return this.#malformed(`READ BINARY at ${String(filled)} answered more than asked`);
      buffer.set(chunk.value, filled);
      filled += chunk.value.length;
    }
  }

  /** Tries left on the 利用者証明用 PIN, read with an empty VERIFY that spends none. */
  async pinTriesLeft(): Promise<JpkiResult<number>> {
    const selected = await this.#selectFile(JPKI_EF.authPin);
    if (!selected.ok) return selected;
    const response = await this.#send(command.verifyStatus());
    if (!response.ok) return response;
    const { sw } = response.value;
    if ((sw & 0xfff0) === SW.verifyFailedBase) {
      return (sw & 0x0f) <= MAX_PIN_TRIES ? ok(sw & 0x0f) : this.#malformed(`PIN status claims ${String(sw & 0x0f)} tries`);
    }
    if (sw === SW.referenceDataNotUsable || sw === SW.authenticationBlocked) return ok(0);
    return this.#unexpected('VERIFY (status)', sw);
  }

  /**
   * Verifies the 利用者証明用 PIN: exactly 4 ASCII digits, else nothing is sent. Never
   * retried here: every attempt may cost the customer a try. The caller wipes `pin`.
   */
  async verifyPin(pin: Uint8Array): Promise<JpkiResult<void>> {
    if (!isValidPin(pin)) return fail({ kind: 'invalid-pin-format' });
    const selected = await this.#selectFile(JPKI_EF.authPin, { force: true });
    if (!selected.ok) return selected;
    const apdu = command.verify(pin);
    let response: JpkiResult<Response>;
    try {
      response = await this.#send(apdu);
    } finally {
      wipe(apdu);
    }
    if (!response.ok) return response;
    const { sw } = response.value;
    if (sw === SW.ok) return ok(undefined);
    if (sw === SW.verifyFailedBase) return fail({ kind: 'pin-blocked' }); // this attempt used the last try
    if ((sw & 0xfff0) === SW.verifyFailedBase) {
      const triesLeft = sw & 0x0f;
      return triesLeft < MAX_PIN_TRIES
        ? fail({ kind: 'wrong-pin', triesLeft })
        : this.#malformed(`VERIFY claims ${String(triesLeft)} tries left`);
    }
    if (sw === SW.referenceDataNotUsable || sw === SW.authenticationBlocked) return fail({ kind: 'pin-blocked' });
    return this.#unexpected('VERIFY', sw);
  }

  /** Signs SHA-256(message) with the user-auth key (PKCS#1 v1.5); needs a verified PIN. */
  async signWithAuthKey(message: Uint8Array): Promise<JpkiResult<Uint8Array>> {
    const selected = await this.#selectFile(JPKI_EF.authKey, { force: true });
    if (!selected.ok) return selected;
    const response = await this.#send(command.sign(sha256DigestInfo(message)));
    if (!response.ok) return response;
    const { sw, data } = response.value;
    if (sw === SW.securityStatusNotSatisfied) return fail({ kind: 'security-status-not-satisfied' });
    if (sw !== SW.ok) return this.#unexpected('SIGN', sw);
    if (data.length !== SIGNATURE_LENGTH) return this.#malformed(`signature of ${data.length} bytes`);
    return ok(data);
  }

  async #selectFile(id: number, options: { force?: boolean } = {}): Promise<JpkiResult<void>> {
    const application = await this.selectApplication();
    if (!application.ok) return application;
    if (this.#selectedFile === id && !options.force) return ok(undefined);
    const response = await this.#send(command.selectFile(id));
    if (!response.ok) return response;
    if (response.value.sw !== SW.ok) return this.#unexpected(`SELECT EF ${id.toString(16).padStart(4, '0')}`, response.value.sw);
    this.#selectedFile = id;
    return ok(undefined);
  }

  async #readChunk(offset: number, length: number): Promise<JpkiResult<Uint8Array>> {
    const response = await this.#send(command.readBinary(offset, length));
    if (!response.ok) return response;
    if (response.value.sw !== SW.ok) return this.#unexpected(`READ BINARY at ${offset}`, response.value.sw);
    return ok(response.value.data);
  }

  async #send(apdu: Uint8Array): Promise<JpkiResult<Response>> {
    const result = await this.#transport.transmit(apdu);
    if (!result.ok) {
      this.#forgetSelection();
      return fail({ kind: result.error });
    }
    const response = parseResponseApdu(result.value);
    if (!response) return this.#malformed('response shorter than a status word');
    return ok(response);
  }

  #unexpected<T>(what: string, sw: number): JpkiResult<T> {
    this.#forgetSelection();
    return unexpectedStatus(what, sw);
  }

  #malformed<T>(detail: string): JpkiResult<T> {
    return this.#refused({ kind: 'malformed-response', detail });
  }

  #refused<T>(error: JpkiError): JpkiResult<T> {
    this.#forgetSelection();
    return fail(error);
  }

  #forgetSelection(): void {
    this.#applicationSelected = false;
    this.#selectedFile = undefined;
  }
}
