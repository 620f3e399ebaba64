// The reference gateway wired for the demo and the tests: it trusts the TEST PKI only and
// answers with the records of the emulated test cards.
import { DEMO_SERVICES, type Service } from '../../node/services/service-catalog.ts';
import { GUIDELINE_SCHEDULES, type SystemSchedules } from '../../node/hours/schedule-rules.ts';
import { describeCertificate } from '../../../native/pki/describe-certificate.ts';
import { AUTH_CERTIFICATE_NAMES, loadTestPki, type AuthCertificateName } from '../../../native/devkit/test-pki/test-pki.ts';
import { SimulatedMynaportal } from './mynaportal-adapter.ts';
import { ReferenceGateway } from './reference-gateway.ts';
import { TEST_CARD_RECORDS } from './test-card-records.ts';

export interface TestGatewayOptions {
  readonly now?: () => Date;
  /** How long マイナポータル takes to answer a retrieval. */
  readonly processingMs?: number;
  readonly services?: readonly Service[];
  readonly schedules?: SystemSchedules;
  /** Test cards whose holders have no マイナポータル account (利用者登録). */
  readonly unregistered?: readonly AuthCertificateName[];
  /** マイナポータル service IDs マイナポータル refuses to answer. */
  readonly refusedServices?: readonly string[];
  /** Other records than the test cards' (e.g. canary values that must never leak), per card. */
  readonly records?: typeof TEST_CARD_RECORDS;
  /** A gateway without a current CRL: it cannot tell whether a certificate is revoked. */
  readonly withoutCrl?: boolean;
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
  const trust = { trustAnchors: [pki.root], intermediates: [pki.authCa], crls: options.withoutCrl ? [] : [pki.crl] };
  const unregistered = new Set(options.unregistered ?? []);
  const mynaportal = new SimulatedMynaportal({
    records: (subject, fields) => {
      const card = cardBySubject.get(subject);
      const records = card ? (options.records ?? TEST_CARD_RECORDS)[card] : undefined;
      return fields.flatMap((field) => records?.[field] ?? []);
    },
    trust,
    unregistered: (subject) => {
      const card = cardBySubject.get(subject);
      return card !== undefined && unregistered.has(card);
    },
    refusedServices: options.refusedServices ?? [],
    processingMs: options.processingMs ?? 1500,
    now: () => now().getTime(),
  });
  return new ReferenceGateway({
    services: options.services ?? DEMO_SERVICES,
    schedules: options.schedules ?? GUIDELINE_SCHEDULES,
    trust,
    mynaportal,
    now,
  });
}
