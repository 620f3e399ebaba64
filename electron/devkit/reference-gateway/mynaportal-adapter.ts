// The gateway's side of マイナポータル's 自己情報取得API. The interface specification is given
// only to approved API users; this adapter has the shape of the public traces of the
// official stub (OAuth token → retrieval request → process id → result polled) and maps
// the wire format to information items. The real specification replaces this one module.
import { randomBytes } from 'node:crypto';
import type { InformationItem } from '../../common/income-items.ts';
import type { ResolvedQuery, RetrievalFailure } from '../../node/gateway/gateway-schemas.ts';
import type { Service } from '../../node/services/service-catalog.ts';

/** The wire format of one record: field names as マイナポータル labels them, values as strings. */
export type WireRecord = Readonly<Record<string, string>>;

export type ProcessResult =
  | { readonly state: 'processing' }
  | { readonly state: 'completed'; readonly records: readonly WireRecord[] }
  | { readonly state: 'error'; readonly reason: RetrievalFailure };

export interface MynaportalApi {
  /** OAuth client-credentials token of the API user (the bank); never leaves the gateway. */
  token(): Promise<string>;
  request(
    token: string,
    input: { readonly subject: string; readonly fields: readonly string[]; readonly query: ResolvedQuery },
  ): Promise<string>;
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
 * The items a service asked for, from the newest record that has them. "" on the wire is
 * "no information" (null), distinct from "0". Undefined when the records do not parse.
 */
export function itemsFromRecords(service: Service, records: readonly WireRecord[]): InformationItem[] | undefined {
  const record = records.at(-1);
  if (!record) return [];
  const items: InformationItem[] = [];
  for (const { id, label } of service.items) {
    const raw = record[WIRE_FIELDS[id] ?? ''];
    if (raw === undefined) continue;
    if (YEAR_ITEMS.has(id)) {
      if (!/^\d{4}$/.test(raw)) return undefined;
      items.push({ id, label, value: { kind: FISCAL_YEAR_ITEMS.has(id) ? 'fiscal-year' : 'year', year: Number(raw) } });
    } else {
      if (raw !== '' && !/^-?\d{1,13}$/.test(raw)) return undefined;
      items.push({ id, label, value: { kind: 'yen', amount: raw === '' ? null : Number(raw) } });
    }
  }
  return items;
}

/** A stand-in for マイナポータル with the records of the test cards, answering after a delay. */
export class SimulatedMynaportal implements MynaportalApi {
  readonly #records: (subject: string, fields: readonly string[]) => readonly WireRecord[];
  readonly #processingMs: number;
  readonly #now: () => number;
  readonly #processes = new Map<string, { readyAt: number; records: readonly WireRecord[] }>();
  readonly #token = randomBytes(24).toString('base64url');

  constructor(options: {
    records: (subject: string, fields: readonly string[]) => readonly WireRecord[];
    processingMs: number;
    now: () => number;
  }) {
    this.#records = options.records;
    this.#processingMs = options.processingMs;
    this.#now = options.now;
  }

  token(): Promise<string> {
    return Promise.resolve(this.#token);
  }

  request(token: string, input: { subject: string; fields: readonly string[]; query: ResolvedQuery }): Promise<string> {
    if (token !== this.#token) return Promise.reject(new Error('invalid token'));
    const processId = randomBytes(12).toString('hex');
    this.#processes.set(processId, { readyAt: this.#now() + this.#processingMs, records: this.#records(input.subject, input.fields) });
    return Promise.resolve(processId);
  }

  result(token: string, processId: string): Promise<ProcessResult> {
    const process = this.#processes.get(processId);
    if (token !== this.#token || !process) return Promise.resolve({ state: 'error', reason: 'mynaportal-error' });
    if (this.#now() < process.readyAt) return Promise.resolve({ state: 'processing' });
    this.#processes.delete(processId);
    if (process.records.length === 0) return Promise.resolve({ state: 'error', reason: 'no-information' });
    return Promise.resolve({ state: 'completed', records: process.records });
  }
}
