// The committed TEST keys (test-keys.json, made by generate-test-keys.ts). Never production
// keys: anyone can read them, so nothing signed with them proves anything outside tests.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import keys from './test-keys.json' with { type: 'json' };
import type { TestKeyName } from './test-pki-names.ts';

const cache = new Map<TestKeyName, KeyObject>();

/** An RSA-2048 private key from test-keys.json. */
export function testKey(name: TestKeyName): KeyObject {
  let key = cache.get(name);
  if (!key) {
    key = createPrivateKey(keys[name]);
    cache.set(name, key);
  }
  return key;
}
