// The gateway's side of マイナポータル's 自己情報取得API. The interface specification is given
// only to approved API users; this adapter has the shape of the public traces of the official
// stub (OAuth token → retrieval request → process id → result polled) and of マイナポータル's own
// login (the card signs data マイナポータル gives, and マイナポータル checks the signature and the
// certificate: guideline §2.1 ①, §3.7). It maps the wire format to information items and
// answers each query method as 表2.6-1 describes. The real specification replaces this module.
import { randomBytes, webcrypto } from 'node:crypto';
import type { InformationItem } from '../../common/income-items.ts';
import type { Result } from '../../common/result.ts';
import type { Agreement, ResolvedQuery, RetrievalFailure } from '../../node/gateway/gateway-schemas.ts';
import type { Service } from '../../node/services/service-catalog.ts';
import { describeCertificate, publicKeyOf } from '../../../native/pki/describe-certificate.ts';
import { verifyUserCertificate } from '../../../native/pki/verify-certificate.ts';

/** The wire format of one record: field names as マイナポータル labels them, values as strings. */
export type WireRecord = Readonly<Record<string, string>>;

export type ProcessResult =
  | { readonly state: 'processing' }
  | { readonly state: 'completed'; readonly records: readonly WireRecord[] }
  | { readonly state: 'error'; readonly reason: RetrievalFailure };

/** What マイナポータル is asked, once the customer is authenticated. */
export interface MynaportalRequest {
  /** Who マイナポータル authenticated (its own reference for the customer). */
  readonly user: string;
  readonly mynaportalServiceId: string;
  readonly fields: readonly string[];
  readonly query: ResolvedQuery;
  /** The customer's agreement to obtaining the information (図3.3-3), passed on as evidence. */
  readonly agreement: Agreement;
}

export interface MynaportalApi {
  /** OAuth client-credentials token of the API user (the bank); never leaves the gateway. */
  token(): Promise<string>;
  /** The data the card is to sign, where マイナポータル issues it; undefined: the gateway issues its own. */
  challenge(token: string): Promise<Uint8Array | undefined>;
  /** 利用者証明 with マイナポータル: the certificate, the signature, and the data that was signed. */
  authenticate(
    token: string,
    proof: { readonly certificate: Uint8Array; readonly signature: Uint8Array; readonly signedData: Uint8Array },
  ): Promise<Result<{ readonly user: string }, 'invalid'>>;
  /** Starts a retrieval; the processing id comes back even when マイナポータル then refuses it. */
  request(token: string, request: MynaportalRequest): Promise<string>;
  result(token: string, processId: string): Promise<ProcessResult>;
}

/** Which wire field carries each item of the demo services (the real names come with the spec). */
const WIRE_FIELDS: Readonly<Record<string, string>> = {
  taxYear: '課税年度',
  incomeYear: '所得年',
  salaryIncome: '給与収入額',
  salaryIncomeAfterDeduction: '給与所得額',
  publicPensionIncome: '公的年金等収入額',
  businessIncome: '事業所得額',
  totalIncome: '合計所得金額',
  municipalIncomeTax: '市町村民税所得割額',
  pensionYear: '対象年',
  pensionAnnualAmount: '年金年額',
};
const YEAR_ITEMS = new Set(['taxYear', 'incomeYear', 'pensionYear']);
/** 課税年度 is a fiscal year (令和7年度), the others calendar years. */
const FISCAL_YEAR_ITEMS = new Set(['taxYear']);

/**
 * When a record is valid, for 時点指定 and 範囲指定: a 地方税 record for its 課税年度 (April to
 * March), a pension record for its 対象年. Dates as YYYY-MM-DD, which compare as strings.
 */
function periodOf(record: WireRecord): { readonly from: string; readonly to: string; readonly label: string } | undefined {
  const fiscal = record['課税年度'];
  if (fiscal && /^\d{4}$/.test(fiscal)) return { from: `${fiscal}-04-01`, to: `${String(Number(fiscal) + 1)}-03-31`, label: fiscal };
  const year = record['対象年'];
  if (year && /^\d{4}$/.test(year)) return { from: `${year}-01-01`, to: `${year}-12-31`, label: year };
  return undefined;
}

/** The records a query asks for (表2.6-1), oldest first. */
export function recordsFor(records: readonly WireRecord[], query: ResolvedQuery): WireRecord[] {
  const dated = records.flatMap((record) => {
    const period = periodOf(record);
    return period ? [{ record, period }] : [];
  });
  dated.sort((a, b) => a.period.from.localeCompare(b.period.from));
  switch (query.method) {
    case 'point':
      return dated.filter(({ period }) => period.from <= query.date && query.date <= period.to).map(({ record }) => record);
    case 'range':
      return dated.filter(({ period }) => period.from <= query.to && query.from <= period.to).map(({ record }) => record);
    case 'latest': {
      // The record whose deciding item is the latest; "latest" is the service's declared item.
      const field = WIRE_FIELDS[query.decidingItem] ?? '';
      const latest = dated
        .filter(({ record }) => /^\d+$/.test(record[field] ?? ''))
        .reduce<WireRecord | undefined>(
          (best, { record }) => (!best || Number(record[field]) > Number(best[field]) ? record : best),
          undefined,
        );
      return latest ? [latest] : [];
    }
  }
}

/**
 * The items a service asked for, from the records of the answer: from one record as they are,
 * from several (範囲指定) each marked with its record (the year it is for). "" on the wire is
 * "no information" (null), distinct from "0". Undefined when the records do not parse.
 */
export function itemsFromRecords(service: Service, records: readonly WireRecord[]): InformationItem[] | undefined {
  const items: InformationItem[] = [];
  for (const record of records) {
    const label = records.length > 1 ? periodOf(record)?.label : undefined;
    if (records.length > 1 && !label) return undefined;
    for (const { id, label: itemLabel } of service.items) {
      const raw = record[WIRE_FIELDS[id] ?? ''];
      if (raw === undefined) continue;
      const at = label ? { record: label } : {};
      if (YEAR_ITEMS.has(id)) {
        if (!/^\d{4}$/.test(raw)) return undefined;
        items.push({ id, label: itemLabel, value: { kind: FISCAL_YEAR_ITEMS.has(id) ? 'fiscal-year' : 'year', year: Number(raw) }, ...at });
      } else {
        if (raw !== '' && !/^-?\d{1,13}$/.test(raw)) return undefined;
        items.push({ id, label: itemLabel, value: { kind: 'yen', amount: raw === '' ? null : Number(raw) }, ...at });
      }
    }
  }
  return items;
}

export interface SimulatedMynaportalOptions {
  /** The records マイナポータル holds for a customer (by certificate subject), per information field. */
  readonly records: (subject: string, fields: readonly string[]) => readonly WireRecord[];
  /** What マイナポータル trusts for the 利用者証明 (the TEST PKI in the demo). */
  readonly trust: {
    readonly trustAnchors: readonly Uint8Array[];
    readonly intermediates: readonly Uint8Array[];
    readonly crls: readonly Uint8Array[];
  };
  /** Subjects without a マイナポータル account (利用者登録). */
  readonly unregistered?: (subject: string) => boolean;
  /** Services マイナポータル refuses to answer (e.g. not approved for the information). */
  readonly refusedServices?: readonly string[];
  readonly processingMs: number;
  readonly now: () => number;
}

const USER_AUTH_POLICY = '1.2.392.200149.8.5.1.3.30';

/** A stand-in for マイナポータル with the records of the test cards, answering after a delay. */
export class SimulatedMynaportal implements MynaportalApi {
  readonly #options: SimulatedMynaportalOptions;
  readonly #processes = new Map<string, { readyAt: number; result: ProcessResult }>();
  readonly #challenges = new Set<string>();
  readonly #token = randomBytes(24).toString('base64url');

  constructor(options: SimulatedMynaportalOptions) {
    this.#options = options;
  }

  token(): Promise<string> {
    return Promise.resolve(this.#token);
  }

  challenge(token: string): Promise<Uint8Array | undefined> {
    if (token !== this.#token) return Promise.reject(new Error('invalid token'));
    const challenge = new Uint8Array(randomBytes(32));
    this.#challenges.add(Buffer.from(challenge).toString('hex'));
    return Promise.resolve(challenge);
  }

  /** As マイナポータル's login does: its own challenge, a chain to the JPKI roots, and the signature. */
  async authenticate(
    token: string,
    proof: { certificate: Uint8Array; signature: Uint8Array; signedData: Uint8Array },
  ): Promise<Result<{ user: string }, 'invalid'>> {
    if (token !== this.#token) return { ok: false, error: 'invalid' };
    if (!this.#challenges.delete(Buffer.from(proof.signedData).toString('hex'))) return { ok: false, error: 'invalid' };
    const now = new Date(this.#options.now());
    const verified = await verifyUserCertificate(proof.certificate, { ...this.#options.trust, now, requiredPolicy: USER_AUTH_POLICY });
    if (!verified.ok) return { ok: false, error: 'invalid' };
    const key = await publicKeyOf(proof.certificate);
    if (!(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, proof.signature, proof.signedData)))
      return { ok: false, error: 'invalid' };
    const facts = describeCertificate(proof.certificate);
    return facts.ok ? { ok: true, value: { user: facts.value.subject } } : { ok: false, error: 'invalid' };
  }

  request(token: string, request: MynaportalRequest): Promise<string> {
    if (token !== this.#token) return Promise.reject(new Error('invalid token'));
    const processId = randomBytes(12).toString('hex');
    const { unregistered, refusedServices = [] } = this.#options;
    let result: ProcessResult;
    if (unregistered?.(request.user)) result = { state: 'error', reason: 'not-registered' };
    else if (refusedServices.includes(request.mynaportalServiceId)) result = { state: 'error', reason: 'refused' };
    else {
      const records = recordsFor(this.#options.records(request.user, request.fields), request.query);
      result = records.length === 0 ? { state: 'error', reason: 'no-information' } : { state: 'completed', records };
    }
    this.#processes.set(processId, { readyAt: this.#options.now() + this.#options.processingMs, result });
    return Promise.resolve(processId);
  }

  result(token: string, processId: string): Promise<ProcessResult> {
    const process = this.#processes.get(processId);
    if (token !== this.#token || !process) return Promise.resolve({ state: 'error', reason: 'mynaportal-error' });
    if (this.#options.now() < process.readyAt) return Promise.resolve({ state: 'processing' });
    this.#processes.delete(processId);
    return Promise.resolve(process.result);
  }
}
