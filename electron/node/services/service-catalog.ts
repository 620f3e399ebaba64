// The services a branch offers at the kiosk (guideline 図3.3-2), as configuration: what is
// obtained, by which query method (§2.6), from which holding servers (表2.5-5), for whom and
// why, and where the consented submission goes.
import { z } from 'zod';
import { LocalizedTextSchema } from '../../common/income-items.ts';
import { CHAIN_BASE, type SystemId } from '../hours/schedule-rules.ts';

/** 表2.5-5: which server holds each kind of information (分野詳細名). */
export const FIELD_SERVERS = {
  世帯: ['municipal'],
  戸籍関係: ['family-register'],
  地方税: ['municipal'],
  公金受取口座: ['public-funds-account'],
  医療保険: ['medical-insurers', 'municipal'],
  予防接種: ['municipal'],
  '年金・日本年金機構関係': [
    'japan-pension-service',
    'municipal',
    'local-civil-servants-compensation',
    'local-mutual-aid',
    'national-mutual-aid',
    'private-school-mutual-aid',
  ],
  雇用: ['hello-work'],
  労災補償: ['labour-standards', 'local-civil-servants-compensation'],
} as const satisfies Record<string, readonly SystemId[]>;
export type InformationField = keyof typeof FIELD_SERVERS;

const isoDate = z.iso.date();

// A plain union: two shapes share the method 'range'.
export const QuerySchema = z.union([
  /** 時点指定: information valid on a date ("today" = the day of the request). */
  z.object({ method: z.literal('point'), date: z.union([isoDate, z.literal('today')]) }),
  /** 範囲指定: all information of a period, fixed or the last N months. */
  z.object({ method: z.literal('range'), from: isoDate, to: isoDate }),
  z.object({ method: z.literal('range'), lastMonths: z.number().int().min(1).max(120) }),
  /** 最新情報指定: the latest information at the time of the request. */
  z.object({ method: z.literal('latest') }),
]);
export type Query = z.infer<typeof QuerySchema>;

export const ServiceSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  name: LocalizedTextSchema,
  /** Who receives the information, and what for (図3.3-3). */
  recipient: LocalizedTextSchema,
  purpose: LocalizedTextSchema,
  fields: z.array(z.enum(Object.keys(FIELD_SERVERS) as [InformationField, ...InformationField[]])).min(1),
  /** The items the service asks for, by id, in display order. */
  items: z.array(z.object({ id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/), label: LocalizedTextSchema })).min(1),
  query: QuerySchema,
  /** The bank system that receives the consented submission. */
  submissionTarget: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
});
export type Service = z.infer<typeof ServiceSchema>;

export const ServiceCatalogSchema = z
  .array(ServiceSchema)
  .min(1)
  .refine((services) => new Set(services.map((service) => service.id)).size === services.length, 'service ids must be unique');

/** Every system that must run for this service's retrieval (§2.5). */
export function retrievalChain(service: Service): SystemId[] {
  return [...new Set<SystemId>([...CHAIN_BASE, ...service.fields.flatMap((field) => FIELD_SERVERS[field])])];
}

const LOCAL_TAX_ITEMS = [
  { id: 'taxYear', label: { ja: '課税年度', en: 'Tax year' } },
  { id: 'incomeYear', label: { ja: '所得の年', en: 'Income year' } },
  { id: 'salaryIncome', label: { ja: '給与収入額', en: 'Salary income' } },
  { id: 'salaryIncomeAfterDeduction', label: { ja: '給与所得額', en: 'Salary income after deduction' } },
  { id: 'publicPensionIncome', label: { ja: '公的年金等収入額', en: 'Public pension income' } },
  { id: 'businessIncome', label: { ja: '事業所得額', en: 'Business income' } },
  { id: 'totalIncome', label: { ja: '合計所得金額', en: 'Total income' } },
  { id: 'municipalIncomeTax', label: { ja: '市町村民税所得割額', en: 'Municipal income-based tax' } },
];

/**
 * The embedded demo catalog: the guideline's example service (図3.3-2), and two that show the
 * other query methods (§2.6), one of them weekday-only (日本年金機構中間サーバ, 表2.5-4).
 */
export const DEMO_SERVICES: Service[] = [
  {
    id: 'housing-loan-income',
    name: { ja: '住宅ローンサービスへの所得情報の提出', en: 'Income information for your housing loan' },
    recipient: { ja: 'デモ銀行 住宅ローンセンター', en: 'Demo Bank Housing Loan Centre' },
    purpose: { ja: '住宅ローンの審査', en: 'Review of your housing loan application' },
    fields: ['地方税'],
    items: LOCAL_TAX_ITEMS,
    query: { method: 'latest' },
    submissionTarget: 'housing-loan-review',
  },
  {
    id: 'card-loan-income',
    name: { ja: 'カードローンへの所得情報の提出', en: 'Income information for your card loan' },
    recipient: { ja: 'デモ銀行 ローンセンター', en: 'Demo Bank Loan Centre' },
    purpose: { ja: 'カードローン限度額の審査', en: 'Review of your card loan limit' },
    fields: ['地方税'],
    items: LOCAL_TAX_ITEMS.filter((item) => ['taxYear', 'incomeYear', 'salaryIncome', 'totalIncome'].includes(item.id)),
    query: { method: 'point', date: 'today' },
    submissionTarget: 'card-loan-review',
  },
  {
    id: 'pension-income',
    name: { ja: '年金受給額の提出（資産運用相談）', en: 'Pension information for investment advice' },
    recipient: { ja: 'デモ銀行 資産運用相談窓口', en: 'Demo Bank Investment Advice Desk' },
    purpose: { ja: '資産運用のご相談', en: 'Investment advice' },
    fields: ['年金・日本年金機構関係'],
    items: [
      { id: 'pensionYear', label: { ja: '対象年', en: 'Year' } },
      { id: 'pensionAnnualAmount', label: { ja: '年金年額', en: 'Annual pension' } },
    ],
    query: { method: 'range', lastMonths: 12 },
    submissionTarget: 'investment-advice',
  },
];
