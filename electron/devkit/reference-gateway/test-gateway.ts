// The reference gateway wired for the demo and the tests: it trusts the TEST PKI only and
// answers with the records of the emulated test cards.
import { DEMO_SERVICES, type Service } from '../../node/services/service-catalog.ts';
import { GUIDELINE_SCHEDULES, type SystemSchedules } from '../../node/hours/schedule-rules.ts';
import { describeCertificate } from '../../../native/pki/describe-certificate.ts';
import { AUTH_CERTIFICATE_NAMES, loadTestPki } from '../../../native/devkit/test-pki/test-pki.ts';
import { SimulatedMynaportal } from './mynaportal-adapter.ts';
import { ReferenceGateway } from './reference-gateway.ts';
import { TEST_CARD_RECORDS } from './test-card-records.ts';

export interface TestGatewayOptions {
  readonly now?: () => Date;
  /** How long マイナポータル takes to answer a retrieval. */
  readonly processingMs?: number;
  readonly services?: readonly Service[];
  readonly schedules?: SystemSchedules;
}

export async function createTestGateway(options: TestGatewayOptions = {}): Promise<ReferenceGateway> {
  const now = options.now ?? (() => new Date());
  const pki = await loadTestPki(now());
  const cardBySubject = new Map(
    AUTH_CERTIFICATE_NAMES.flatMap((name) => {
      const facts = describeCertificate(pki.auth[name].certificate);
      return facts.ok ? [[facts.value.subject, name] as const] : [];
    }),
  );
  const mynaportal = new SimulatedMynaportal({
    records: (subject, fields) => {
      const card = cardBySubject.get(subject);
      const records = card ? TEST_CARD_RECORDS[card] : undefined;
      return fields.flatMap((field) => records?.[field] ?? []);
    },
    processingMs: options.processingMs ?? 1500,
    now: () => now().getTime(),
  });
  return new ReferenceGateway({
    services: options.services ?? DEMO_SERVICES,
    schedules: options.schedules ?? GUIDELINE_SCHEDULES,
    trust: { trustAnchors: [pki.root], intermediates: [pki.authCa], crls: [pki.crl] },
    mynaportal,
    now,
  });
}
