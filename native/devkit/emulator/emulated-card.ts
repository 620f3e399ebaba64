// Makes the emulated card of a profile, with its certificates and keys from the test PKI.
import { loadTestPki, type AuthCertificateName } from '../test-pki/test-pki.ts';
import { withClaimedLength } from './card-faults.ts';
import { CARD_PROFILES, DEMO_PIN, DEMO_SIGN_PASSWORD, type CardProfileName } from './card-profiles.ts';
import { MyNumberCard, type CardLatency, type CardQuirks, type SilentAt } from './my-number-card.ts';

export interface EmulatedCardOptions {
  readonly now?: Date;
  /** Overrides the profile's ATR: what the reader reports (e.g. a contactless reader's). */
  readonly atr?: Uint8Array;
  /** Overrides the profile's latency (e.g. a configurable slow card). */
  readonly latency?: CardLatency;
  readonly delay?: (ms: number) => Promise<unknown>;
  readonly quirks?: Partial<CardQuirks>;
  /** Overrides the profile's fault: the command the card goes silent at. */
  readonly silentAt?: SilentAt;
  /** A hostile card: the user-auth certificate's DER header claims this many bytes. */
  readonly certificateLengthClaim?: number;
  /** Another 利用者証明用 PIN than the profiles' 1234 (e.g. a canary that must never leak). */
  readonly pin?: string;
  /**
   * A cloned card: the profile's user-auth certificate, byte for byte, on a card holding the
   * user-auth key of this other test card (so it cannot sign as the certificate's owner).
   */
  readonly authKeyOf?: AuthCertificateName;
}

export async function createEmulatedCard(name: CardProfileName, options: EmulatedCardOptions = {}): Promise<MyNumberCard> {
  const profile: (typeof CARD_PROFILES)[CardProfileName] = CARD_PROFILES[name];
  const latency = options.latency ?? ('latency' in profile ? profile.latency : undefined);
  const silentAt = options.silentAt ?? ('silentAt' in profile ? profile.silentAt : undefined);
  const atr = options.atr ?? ('atr' in profile ? profile.atr : undefined);
  const common = {
    ...(atr ? { atr } : {}),
    ...(silentAt ? { silentAt } : {}),
    ...(latency ? { latency } : {}),
    ...(options.delay ? { delay: options.delay } : {}),
    ...(options.quirks ? { quirks: options.quirks } : {}),
  };
  if (profile.certificate === undefined) return new MyNumberCard(common);
  const pki = await loadTestPki(options.now);
  const auth = pki.auth[profile.certificate];
  const sign = pki.sign[profile.certificate];
  return new MyNumberCard({
    ...common,
    jpki: {
      tokenLabel: profile.tokenLabel,
      authCertificate:
        options.certificateLengthClaim === undefined
          ? auth.certificate
          : withClaimedLength(auth.certificate, options.certificateLengthClaim),
      authCaCertificate: pki.authCa,
      signCertificate: sign.certificate,
      signCaCertificate: pki.signCa,
      authKey: options.authKeyOf === undefined ? auth.privateKey : pki.auth[options.authKeyOf].privateKey,
      signKey: sign.privateKey,
      pin: options.pin ?? DEMO_PIN,
      pinTriesLeft: profile.pinTriesLeft,
      signPassword: DEMO_SIGN_PASSWORD,
      signPasswordTriesLeft: 5,
    },
  });
}
