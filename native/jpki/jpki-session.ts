// The JPKI client: the operations of 利用者証明 as a short list of named commands over one
// connected card. It remembers what it has selected so that reads send no APDU twice, but
// always selects the PIN file right before a VERIFY with data and the key file right before
// SIGN: a stale selection must never spend a try of another secret. The whole flow (select,
// PIN status, certificate, verify, sign) costs 8 + ⌈T/256⌉ APDUs for a certificate of T
// bytes; reading the token label adds 2. Any transport failure or unexpected answer forgets
// the selection. It never reads the 個人番号 and never selects any application but the JPKI
// AP. Card answers are not trusted: lengths and counters are bounded.
import { parseResponseApdu, SW } from '../apdu/status-word.ts';
import { derCertificateLength } from '../pki/describe-certificate.ts';
import { JPKI_EF, TOKEN_LABELS, type TokenKind } from './applications.ts';
import { sha256DigestInfo } from './digest-info.ts';
import { fail, ok, unexpectedStatus, type JpkiResult } from './jpki-error.ts';
import * as command from './jpki-commands.ts';
import { isValidPin, wipe } from './pin.ts';
import type { ApduTransport } from './transport.ts';

const CHUNK = 256;
const TOKEN_LABEL_LENGTH = 32;
const SIGNATURE_LENGTH = 256;
/** Real user-auth certificates are about 1.3–1.8 KB; anything much larger is a hostile card. */
const MAX_CERTIFICATE_LENGTH = 4096;
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
    const response = await this.#send(command.readBinary(0, TOKEN_LABEL_LENGTH));
    if (!response.ok) return response;
    if (response.value.sw !== SW.ok) return this.#unexpected('READ BINARY 0006', response.value.sw);
    const label = new TextDecoder('ascii').decode(response.value.data).replace(/[\s\0]+$/, '');
    const kind: TokenKind = Object.hasOwn(TOKEN_LABELS, label) ? TOKEN_LABELS[label as keyof typeof TOKEN_LABELS] : 'unknown';
    return ok({ label, kind });
  }

  /** The 利用者証明用電子証明書 (DER): its length comes from the DER header; no byte past it is read. */
  async readAuthCertificate(): Promise<JpkiResult<Uint8Array>> {
    const selected = await this.#selectFile(JPKI_EF.authCertificate);
    if (!selected.ok) return selected;
    const first = await this.#readChunk(0, CHUNK);
    if (!first.ok) return first;
    const length = derCertificateLength(first.value);
    if (!length.ok || length.value > MAX_CERTIFICATE_LENGTH) {
      return this.#malformed('the user-auth certificate EF holds no DER certificate');
    }
    if (first.value.length < Math.min(CHUNK, length.value)) return this.#malformed('the certificate EF answered a short chunk');
    const certificate = new Uint8Array(length.value);
    let filled = Math.min(first.value.length, length.value);
    certificate.set(first.value.subarray(0, filled));
    // Exactly ⌈T/256⌉ reads of full chunks (but the last): a card answering short is refused.
    while (filled < length.value) {
      const wanted = Math.min(CHUNK, length.value - filled);
      const chunk = await this.#readChunk(filled, wanted);
      if (!chunk.ok) return chunk;
      if (chunk.value.length !== wanted) return this.#malformed('the certificate EF answered a short chunk');
      certificate.set(chunk.value, filled);
      filled += wanted;
    }
    return ok(certificate);
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
    this.#forgetSelection();
    return fail({ kind: 'malformed-response', detail });
  }

  #forgetSelection(): void {
    this.#applicationSelected = false;
    this.#selectedFile = undefined;
  }
}
