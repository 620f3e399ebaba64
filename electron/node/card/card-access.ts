// The kiosk's hold on the customer's card for one session: one exclusive connection, the
// JPKI client over it, and the card mechanics. Knows the certificate (in memory, for the
// gateway and the check at consent) and its fingerprint (which card it is) until the session
// releases the card. A whole session costs 10 + ⌈T/256⌉ APDUs for a certificate of T bytes
// on a card in contact (2 more where the token label has to be read).
import { randomUUID } from 'node:crypto';
import type { JpkiError } from '../../../native/jpki/jpki-error.ts';
import { JpkiSession } from '../../../native/jpki/jpki-session.ts';
import { certificateFingerprint, holdsKeyOf } from '../../../native/jpki/card-identity.ts';
import { isMyNumberCardContactAtr } from '../../../native/jpki/contact-atr.ts';
import { describeCertificate } from '../../../native/pki/describe-certificate.ts';
import type { CardMechanics } from '../../../native/reader/card-mechanics.ts';
import type { CardConnection, ReaderPort } from '../../../native/reader/reader-port.ts';
import type { CardCheck, CardInspection, CardProblem } from '../session/session-types.ts';

/** A card fault after the card was read: it stopped answering, or answered what a My Number card does not. */
export type CardFault = { readonly kind: 'problem'; readonly problem: Extract<CardProblem, 'unresponsive' | 'damaged'> };

/** The card left, or was reset: the session cannot go on with it. */
type CardLost = { readonly kind: 'card-lost' };
/** The reader or its service went away: the card may still be in it (see ReaderEvent's outage). */
type ReaderLost = { readonly kind: 'reader-lost' };

export type PinResult =
  | { readonly kind: 'verified' }
  | { readonly kind: 'wrong-pin'; readonly triesLeft: number }
  | { readonly kind: 'pin-blocked' }
  | CardFault
  | CardLost
  | ReaderLost;
export type SignResult =
  { readonly kind: 'signed'; readonly signature: Uint8Array } | { readonly kind: 'pin-required' } | CardFault | CardLost | ReaderLost;

/** What an error while the card is first read tells the customer. */
function inspectionProblem(error: JpkiError): CardInspection {
  switch (error.kind) {
    case 'card-removed':
      return { kind: 'card-lost' };
    case 'reader-unavailable':
      return { kind: 'reader-lost' };
    case 'not-my-number-card':
      return { kind: 'problem', problem: 'not-my-number-card' };
    case 'card-unresponsive':
      return { kind: 'problem', problem: 'unresponsive' };
    // The exchange failed at the reader right after insertion: a contact problem.
    case 'transport':
    case 'card-reset':
      return { kind: 'problem', problem: 'mute' };
    default:
      return { kind: 'problem', problem: 'damaged' };
  }
}

/**
 * What an error of a card that was read fine earlier in the session means. A card that left
 * or was reset ends the session as a card that left, a reader that went away as such; only a
 * card still talking (or one that went silent) is named as faulty.
 */
function sessionFault(error: JpkiError): CardFault | CardLost | ReaderLost {
  if (error.kind === 'card-unresponsive') return { kind: 'problem', problem: 'unresponsive' };
  if (error.kind === 'malformed-response' || error.kind === 'unexpected-status') return { kind: 'problem', problem: 'damaged' };
  if (error.kind === 'reader-unavailable') return { kind: 'reader-lost' };
  return { kind: 'card-lost' };
}

interface Held {
  readonly handle: string;
  readonly connection: CardConnection;
  readonly jpki: JpkiSession;
  readonly certificate: Uint8Array;
  readonly fingerprint: string;
  pinVerified: boolean;
}

export class CardAccess {
  readonly #port: ReaderPort;
  readonly #mechanics: CardMechanics;
  readonly #reader: string;
  readonly #now: () => Date;
  #held: Held | undefined;
  /**
   * Moves on at every release: a read still running when the session lets go of the card
   * (取消, timeout) must not store a connection and certificate that nobody would release.
   */
  #generation = 0;

  constructor(options: { port: ReaderPort; mechanics: CardMechanics; reader: string; now: () => Date }) {
    this.#port = options.port;
    this.#mechanics = options.mechanics;
    this.#reader = options.reader;
    this.#now = options.now;
  }

  /** The session's card, only for the session that holds it. */
  #current(handle: string): Held | undefined {
    return this.#held?.handle === handle ? this.#held : undefined;
  }

  certificate(handle: string): Uint8Array | undefined {
    return this.#current(handle)?.certificate;
  }

  pinVerified(handle: string): boolean {
    return this.#current(handle)?.pinVerified ?? false;
  }

  accept(): void {
    this.#mechanics.accept();
  }

  refuse(): void {
    this.#mechanics.refuse();
  }

  hold(): void {
    this.#mechanics.hold();
  }

  /** Connects exclusively and reads what decides whether the card can be used, spending no PIN try. */
  async inspect(): Promise<CardInspection> {
    await this.release();
    const generation = this.#generation;
    const connected = await this.#port.connect(this.#reader, { exclusive: true });
    if (!connected.ok) {
      if (connected.error === 'reader-unavailable') return { kind: 'reader-lost' };
      const gone = connected.error === 'card-removed' || connected.error === 'no-card';
      // No ATR (SCARD_W_UNRESPONSIVE_CARD), or no connection: the card is in, but mute.
      return gone ? { kind: 'card-lost' } : { kind: 'problem', problem: 'mute' };
    }
    const connection = connected.value;
    // Released while connecting: the next customer's reader must not stay locked.
    if (generation !== this.#generation) {
      await connection.disconnect('reset');
      return { kind: 'card-lost' };
    }
    const jpki = new JpkiSession(connection);
    const fail = async (outcome: CardInspection): Promise<CardInspection> => {
      await connection.disconnect('reset');
      return outcome;
    };

    const selected = await jpki.selectApplication();
    if (!selected.ok) return fail(inspectionProblem(selected.error));
    // The token label tells a smartphone's certificate from a card's. A token answering with
    // the contact ATR of a My Number card is a card (a phone has no contacts): only a token on
    // another interface, such as a contactless reader, has its label read (2 APDUs).
    if (!isMyNumberCardContactAtr(connection.atr)) {
      const token = await jpki.readTokenInfo();
      if (!token.ok) return fail(inspectionProblem(token.error));
      if (token.value.kind === 'android-smartphone' || token.value.kind === 'iphone')
        return fail({ kind: 'problem', problem: 'smartphone' });
      if (token.value.kind !== 'my-number-card') return fail({ kind: 'problem', problem: 'not-my-number-card' });
    }
    const certificate = await jpki.readAuthCertificate();
    if (!certificate.ok) return fail(inspectionProblem(certificate.error));
    const facts = describeCertificate(certificate.value);
    if (!facts.ok) return fail({ kind: 'problem', problem: 'damaged' });
    // Validity is checked here so that an expired card costs the customer no PIN try;
    // revocation is the gateway's to check.
    const now = this.#now();
    if (now >= facts.value.notAfter) return fail({ kind: 'problem', problem: 'expired' });
    if (now < facts.value.notBefore) return fail({ kind: 'problem', problem: 'not-yet-valid' });
    const tries = await jpki.pinTriesLeft();
    if (!tries.ok) return fail(inspectionProblem(tries.error));
    // Released while reading: the session has gone, so nothing of this card is kept.
    if (generation !== this.#generation) return fail({ kind: 'card-lost' });
    const fingerprint = certificateFingerprint(certificate.value);
    const handle = randomUUID();
    this.#held = { handle, connection, jpki, certificate: certificate.value, fingerprint, pinVerified: false };
    return tries.value === 0
      ? { kind: 'pin-blocked', fingerprint, handle }
      : { kind: 'ready', pinTriesLeft: tries.value, fingerprint, handle };
  }

  /** VERIFY with the sealed digits. The caller wipes `pin`. */
  async verifyPin(handle: string, pin: Uint8Array): Promise<PinResult> {
    const held = this.#current(handle);
    if (!held) return { kind: 'card-lost' };
    const result = await held.jpki.verifyPin(pin);
    if (result.ok) {
      held.pinVerified = true;
      return { kind: 'verified' };
    }
    if (result.error.kind === 'wrong-pin') return { kind: 'wrong-pin', triesLeft: result.error.triesLeft };
    if (result.error.kind === 'pin-blocked') return { kind: 'pin-blocked' };
    return sessionFault(result.error);
  }

  async sign(handle: string, challenge: Uint8Array): Promise<SignResult> {
    const held = this.#current(handle);
    if (!held) return { kind: 'card-lost' };
    const result = await held.jpki.signWithAuthKey(challenge);
    if (result.ok) return { kind: 'signed', signature: result.value };
    if (result.error.kind === 'security-status-not-satisfied') {
      held.pinVerified = false;
      return { kind: 'pin-required' };
    }
    return sessionFault(result.error);
  }

  /**
   * ※5: is the card inside still the one that signed? It must sign a fresh challenge with the
   * key of the certificate read at insertion, in the PIN state verified for this session.
   */
  async check(handle: string, fingerprint: string): Promise<CardCheck> {
    const held = this.#current(handle);
    if (!held || held.fingerprint !== fingerprint) return { kind: 'card-lost' };
    const proof = await holdsKeyOf(held.jpki, held.certificate);
    // Only a signature that was made and does not verify proves another card. A card that
    // could not sign (gone, reset so that its verified PIN is lost: 6982, garbled answer) is
    // not known to be another one: it ends the session as a card that left, without the
    // "this is not your card" message. One that is still in but has gone silent is said to be
    // so, and a reader that went away too.
    if (!proof.ok) {
      if (proof.error.kind === 'card-unresponsive') return { kind: 'problem', problem: 'unresponsive' };
      return proof.error.kind === 'reader-unavailable' ? { kind: 'reader-lost' } : { kind: 'card-lost' };
    }
    return proof.value ? { kind: 'same' } : { kind: 'swapped' };
  }

  /**
   * Ends the connection with a reset (no verified PIN stays on the card) and forgets the
   * certificate. The port bounds how long this waits for a card that stopped answering.
   */
  async release(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    this.#generation += 1;
    if (held) await held.connection.disconnect('reset');
  }

  async eject(): Promise<void> {
    await this.release();
    await this.#mechanics.eject();
  }

  retain(): Promise<boolean> {
    return this.#mechanics.retain();
  }
}
