// The configuration as staff may read it in the menu: every setting by its path, secrets
// masked (values of secret-named settings, and credentials inside URLs), long lists shown by
// their ids; and one hash of the whole, to compare kiosks or spot a changed file.
import { createHash } from 'node:crypto';

export interface ConfigurationEntry {
  readonly key: string;
  readonly value: string;
}

const SECRET_NAME = /(secret|password|passphrase|token|pin|apikey|privatekey)$/i;
const MASK = '••••••';

/** JSON with its object keys sorted: the same settings give the same hash whatever their order in the file. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export const configurationHash = (configuration: unknown): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(configuration)))
    .digest('hex')
    .slice(0, 16);

/** A URL without the user name and password it may carry. */
function maskUrl(text: string): string {
  const url = URL.parse(text);
  if (!url || (!url.username && !url.password)) return text;
  url.username = MASK;
  url.password = '';
  return url.toString();
}

function show(key: string, value: unknown): string {
  if (SECRET_NAME.test(key.split('.').at(-1) ?? '')) return MASK;
  if (typeof value === 'string') return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? maskUrl(value) : value;
  return JSON.stringify(value);
}

/** Every setting as `path = value`; a list of records by their ids (services) or its length. */
export function configurationEntries(configuration: unknown, prefix = ''): ConfigurationEntry[] {
  if (!configuration || typeof configuration !== 'object' || Array.isArray(configuration)) {
    return prefix ? [{ key: prefix, value: show(prefix, configuration) }] : [];
  }
  return Object.entries(configuration).flatMap(([name, value]): ConfigurationEntry[] => {
    const key = prefix ? `${prefix}.${name}` : name;
    if (SECRET_NAME.test(name)) return [{ key, value: MASK }];
    if (Array.isArray(value)) {
      const ids = value.map((item: unknown) => (item && typeof item === 'object' && 'id' in item ? String(item.id) : undefined));
      return [{ key, value: ids.every((id) => id !== undefined) ? ids.join(', ') : `${String(value.length)} entries` }];
    }
    if (value && typeof value === 'object') return configurationEntries(value, key);
    return [{ key, value: show(key, value) }];
  });
}
