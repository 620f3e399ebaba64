// One consented submission as the kiosk stores it: the smallest that still carries personal data.
import type { Submission } from '../../electron/node/gateway/gateway-schemas.ts';

export const SUBMISSION: Submission = {
  retrievalId: 'r'.repeat(24),
  mynaportalServiceId: 'DEMO-BANK-HOUSING-LOAN',
  submissionTarget: 'housing-loan-review',
  consent: { consentedAt: '2026-11-24T05:00:00.000Z', textVersion: 'c'.repeat(64), retentionDays: 365 },
  items: [{ id: 'salaryIncome', label: { ja: '給与収入額', en: 'Salary income' }, value: { kind: 'yen', amount: 6_000_000 } }],
};
