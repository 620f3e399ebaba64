// What the customer agrees to, word for word: the statement of the confirmation screen
// (図3.3-3: obtaining the information through マイナポータル) and of the review screen (図3.3-6:
// providing it). The screens draw exactly these lines, and the kiosk core records the version
// (a hash) of the lines that were on screen with the agreement and the consent, so a consent
// record says which text it was given to. Item values are not part of it: only what was asked.
import type { LocalizedText } from './income-items.ts';
import type { Language } from './ui-events.ts';
import type { ServiceSummary } from './view-model.ts';

export type ConsentKind = 'agreement' | 'provision';

/** What a consent statement is made of: the service as the screen shows it, and the items asked for. */
export interface ConsentSubject {
  readonly service: Pick<ServiceSummary, 'recipient' | 'purpose' | 'retention'>;
  /** The items, by their labels (and record, where an answer has several). */
  readonly items: readonly { readonly label: LocalizedText; readonly record?: string | undefined }[];
}

export interface ConsentStatement {
  /** The sentence that asks (drawn as the screen's lead). */
  readonly ask: string;
  /** How long the recipient keeps the information, and for what. */
  readonly retention: string;
  /** The items, one line each. */
  readonly items: readonly string[];
  /** What happens next (drawn under the items). */
  readonly note: string;
}

const ja = {
  agreement: (recipient: string, purpose: string) =>
    `${recipient}が${purpose}のために、マイナポータルを通じて以下の情報を取得します。よろしいですか。`,
  provision: (recipient: string) => `${recipient}に以下の情報を提供してもよい場合、「確認」ボタンを押してください。`,
  retention: (recipient: string, days: number, use: string) =>
    `${recipient}は、提供された情報を${use}のために${String(days)}日間保管し、その後削除します。`,
  agreementNote: '取得した情報は、提供する前に内容をご確認いただけます。提供しないこともできます。',
  provisionNote: '「提供しない」を押すと、取得した情報は提供されず、削除されます。',
  record: (label: string, record: string) => `${label}（${record}）`,
};
const en = {
  agreement: (recipient: string, purpose: string) =>
    `${recipient} will obtain the following information through Mynaportal for ${purpose}. Do you agree?`,
  provision: (recipient: string) => `If you agree to provide the following information to ${recipient}, press “Confirm”.`,
  retention: (recipient: string, days: number, use: string) =>
    `${recipient} keeps the information for ${use} for ${String(days)} days, then deletes it.`,
  agreementNote: 'You will see what was obtained before anything is provided, and may decline.',
  provisionNote: 'If you press “Do not provide”, nothing is provided and what was obtained is deleted.',
  record: (label: string, record: string) => `${label} (${record})`,
};

/** What the confirmation screen (図3.3-3) asks agreement to: the service, and the items it asks for by label. */
export const agreementSubject = (service: Pick<ServiceSummary, 'recipient' | 'purpose' | 'retention' | 'itemLabels'>): ConsentSubject => ({
  service,
  items: service.itemLabels.map((label) => ({ label })),
});

export function consentStatement(kind: ConsentKind, subject: ConsentSubject, language: Language): ConsentStatement {
  const words = language === 'ja' ? ja : en;
  const { recipient, purpose, retention } = subject.service;
  return {
    ask: kind === 'agreement' ? words.agreement(recipient[language], purpose[language]) : words.provision(recipient[language]),
    retention: words.retention(recipient[language], retention.days, retention.use[language]),
    items: subject.items.map((item) => (item.record ? words.record(item.label[language], item.record) : item.label[language])),
    note: kind === 'agreement' ? words.agreementNote : words.provisionNote,
  };
}
