// Regenerates test-keys.json: `node native/devkit/test-pki/generate-test-keys.ts`. These are TEST keys for
// the emulated card and the test PKI, committed so that certificates are reproducible; they
// are never used for, and must never be mistaken for, production keys. Regenerating changes
// every test certificate (and anything pinned to their fingerprints).
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { TEST_KEY_NAMES } from './test-pki-names.ts';

const keys: Record<string, string> = {};
for (const name of TEST_KEY_NAMES) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
  keys[name] = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
writeFileSync(new URL('test-keys.json', import.meta.url), `${JSON.stringify(keys, null, 2)}\n`);
process.stdout.write(`wrote ${TEST_KEY_NAMES.length} TEST keys to native/devkit/test-pki/test-keys.json\n`);
