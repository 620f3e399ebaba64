// Starts the kiosk core from a configuration: the embedded reference gateway in the demo, or
// the bank's gateway with mutual TLS; the simulated or a PC/SC reader. Shared by every host.
import { readFileSync } from 'node:fs';
import type { KioskConfig } from '../core/config/kiosk-config.ts';
import { GUIDELINE_SCHEDULES } from '../core/hours/schedule-rules.ts';
import { Kiosk, type KioskOptions } from '../core/kiosk.ts';
import type { ReferenceGateway } from '../reference-gateway/reference-gateway.ts';
import { createTestGateway } from '../reference-gateway/test-gateway.ts';
import { readPrivateKeyFile } from './private-key-file.ts';

export interface KioskRuntime {
  readonly kiosk: Kiosk;
  /** The embedded reference gateway (demo only), for tests that inject faults. */
  readonly gateway: ReferenceGateway | undefined;
  stop(): Promise<void>;
}

export async function startKioskRuntime(
  config: KioskConfig,
  overrides: Partial<KioskOptions> & { gatewayProcessingMs?: number } = {},
): Promise<KioskRuntime> {
  const { gatewayProcessingMs, ...kioskOverrides } = overrides;
  let gateway: ReferenceGateway | undefined;
  let gatewayUrl: string;
  if (config.gateway.kind === 'embedded') {
    gateway = await createTestGateway({
      processingMs: gatewayProcessingMs ?? 1500,
      ...(overrides.now ? { now: overrides.now } : {}),
    });
    gatewayUrl = await gateway.listen();
  } else {
    gatewayUrl = config.gateway.url;
  }
  const tls =
    config.gateway.kind === 'remote' && config.gateway.tls
      ? {
          cert: readFileSync(config.gateway.tls.certFile, 'utf8'),
          key: readPrivateKeyFile(config.gateway.tls.keyFile, 'gateway.tls.keyFile'),
          ca: readFileSync(config.gateway.tls.caFile, 'utf8'),
        }
      : undefined;
  const kiosk = await Kiosk.start({
    dataDir: config.dataDir,
    gatewayUrl,
    reader: config.reader,
    display: config.display,
    ...(tls ? { tls } : {}),
    ...(config.services ? { services: config.services } : {}),
    ...(config.schedules ? { schedules: { ...GUIDELINE_SCHEDULES, ...config.schedules } } : {}),
    ...kioskOverrides,
  });
  return {
    kiosk,
    gateway,
    async stop() {
      await kiosk.stop();
      await gateway?.close();
    },
  };
}
