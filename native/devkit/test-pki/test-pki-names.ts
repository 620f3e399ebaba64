// The emulated cards of the test PKI, and the names of the committed TEST keys. Kept apart
// from test-pki.ts so that generate-test-keys.ts can run before test-keys.json exists.
export const AUTH_CERTIFICATE_NAMES = [
  'default',
  'one-try-left',
  'pin-blocked',
  'expired',
  'revoked',
  'not-yet-valid',
  'smartphone',
  'slow',
] as const;

export type AuthCertificateName = (typeof AUTH_CERTIFICATE_NAMES)[number];

/** One key per CA, one shared by all 署名用 user certificates, one per 利用者証明用 certificate. */
export const TEST_KEY_NAMES = ['root', 'auth-ca', 'sign-ca', 'sign-user', ...AUTH_CERTIFICATE_NAMES] as const;

export type TestKeyName = (typeof TEST_KEY_NAMES)[number];
