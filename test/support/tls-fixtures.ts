// Throwaway TLS material for the mutual-TLS test, made with the system's openssl: a test CA,
// a server certificate for 127.0.0.1 and two client certificates (one from another CA).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFixtures {
  readonly ca: string;
  readonly server: { readonly cert: string; readonly key: string };
  readonly client: { readonly cert: string; readonly key: string };
  /** Signed by a CA the server does not trust. */
  readonly stranger: { readonly cert: string; readonly key: string };
}

export function makeTlsFixtures(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-tls-'));
  const path = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  try {
    for (const ca of ['ca', 'other-ca']) {
      openssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=TEST ${ca}`,
        '-keyout',
        path(`${ca}.key`),
        '-out',
        path(`${ca}.pem`),
      );
    }
    const issue = (name: string, ca: string, extensions: string): void => {
      writeFileSync(path(`${name}.ext`), extensions);
      openssl(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        `/CN=TEST ${name}`,
        '-keyout',
        path(`${name}.key`),
        '-out',
        path(`${name}.csr`),
      );
      openssl(
        'x509',
        '-req',
        '-in',
        path(`${name}.csr`),
        '-CA',
        path(`${ca}.pem`),
        '-CAkey',
        path(`${ca}.key`),
        '-CAcreateserial',
        '-days',
        '2',
        '-extfile',
        path(`${name}.ext`),
        '-out',
        path(`${name}.pem`),
      );
    };
    issue('server', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    issue('client', 'ca', 'extendedKeyUsage=clientAuth\n');
    issue('stranger', 'other-ca', 'extendedKeyUsage=clientAuth\n');
    const read = (name: string): string => readFileSync(path(name), 'utf8');
    return {
      ca: read('ca.pem'),
      server: { cert: read('server.pem'), key: read('server.key') },
      client: { cert: read('client.pem'), key: read('client.key') },
      stranger: { cert: read('stranger.pem'), key: read('stranger.key') },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
