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
  /** 範囲指定: every record of a period, fixed or the last N months. */
  z.object({ method: z.literal('range'), from: isoDate, to: isoDate }),
  z.object({ method: z.literal('range'), lastMonths: z.number().int().min(1).max(120) }),
  /**
   * 最新情報指定: the latest information at the time of the request. Only for information with a
   * period or time item, and the service declares which item decides "latest" (§2.6, 表2.6-1).
   */
  z.object({ method: z.literal('latest'), decidingItem: z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/) }),
]);
export type Query = z.infer<typeof QuerySchema>;

/** The ID マイナポータル gave the bank's service (set in マイナポータル; §2.1 ②): sent with every retrieval. */
export const MynaportalServiceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ServiceItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/),
  label: LocalizedTextSchema,
  /** A period or time item (課税年度, 所得年, 対象年): one that may decide "latest" (最新情報指定). */
  time: z.literal(true).optional(),
});

export const ServiceSchema = z
  .object({
    /** The branch's own name for the service: it stays on the kiosk (the gateway is told the マイナポータル ID). */
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    mynaportalServiceId: MynaportalServiceIdSchema,
    name: LocalizedTextSchema,
    /** Who receives the information, and what for (図3.3-3). */
    recipient: LocalizedTextSchema,
    purpose: LocalizedTextSchema,
    /**
     * How long the bank keeps the information, and what for: the customer consents to exactly
     * this on the confirmation (図3.3-3) and review (図3.3-6) screens (API terms 第3条2項二).
     */
    retention: z.object({ days: z.number().int().min(1).max(3650), use: LocalizedTextSchema }),
    fields: z.array(z.enum(Object.keys(FIELD_SERVERS) as [InformationField, ...InformationField[]])).min(1),
    /** The items the service asks for, by id, in display order. */
    items: z.array(ServiceItemSchema).min(1),
    query: QuerySchema,
    /** The bank system that receives the consented submission. */
    submissionTarget: z.string().regex(/^[a-z][a-z0-9-]{1,60}$/),
  })
  .superRefine((service, context) => {
    const { query } = service;
    if (query.method !== 'latest') return;
    if (!service.items.some((item) => item.id === query.decidingItem && item.time)) {
      context.addIssue({
        code: 'custom',
        path: ['query', 'decidingItem'],
        message: "must name one of the service's items that is a period or time item (time: true)",
      });
    }
  });
export type Service = z.infer<typeof ServiceSchema>;

export const ServiceCatalogSchema = z
  .array(ServiceSchema)
  .min(1)
  .refine((services) => new Set(services.map((service) => service.id)).size === services.length, 'service ids must be unique')
  .refine(
    (services) => new Set(services.map((service) => service.mynaportalServiceId)).size === services.length,
    'マイナポータル service IDs must be unique',
  );

/** Every system that must run for this service's retrieval (§2.5). */
export function retrievalChain(service: Service): SystemId[] {
  return [...new Set<SystemId>([...CHAIN_BASE, ...service.fields.flatMap((field) => FIELD_SERVERS[field])])];
}

const LOCAL_TAX_ITEMS: Service['items'] = [
  { id: 'taxYear', label: { ja: '課税年度', en: 'Tax year' }, time: true },
  { id: 'incomeYear', label: { ja: '所得の年', en: 'Income year' }, time: true },
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
    mynaportalServiceId: 'DEMO-BANK-HOUSING-LOAN',
    name: { ja: '住宅ローンサービスへの所得情報の提出', en: 'Income information for your housing loan' },
    recipient: { ja: 'デモ銀行 住宅ローンセンター', en: 'Demo Bank Housing Loan Centre' },
    purpose: { ja: '住宅ローンの審査', en: 'Review of your housing loan application' },
    retention: { days: 365, use: { ja: '住宅ローンの審査と契約の管理', en: 'reviewing and managing your housing loan' } },
    fields: ['地方税'],
    items: LOCAL_TAX_ITEMS,
    // The most recent income (guideline v2.6): 最新情報指定, decided by the 課税年度.
    query: { method: 'latest', decidingItem: 'taxYear' },
    submissionTarget: 'housing-loan-review',
  },
  {
    id: 'card-loan-income',
    mynaportalServiceId: 'DEMO-BANK-CARD-LOAN',
    name: { ja: 'カードローンへの所得情報の提出', en: 'Income information for your card loan' },
    recipient: { ja: 'デモ銀行 ローンセンター', en: 'Demo Bank Loan Centre' },
    purpose: { ja: 'カードローン限度額の審査', en: 'Review of your card loan limit' },
    retention: { days: 90, use: { ja: 'カードローン限度額の審査', en: 'reviewing your card loan limit' } },
    fields: ['地方税'],
    items: LOCAL_TAX_ITEMS.filter((item) => ['taxYear', 'incomeYear', 'salaryIncome', 'totalIncome'].includes(item.id)),
    query: { method: 'latest', decidingItem: 'taxYear' },
    submissionTarget: 'card-loan-review',
  },
  {
    id: 'pension-income',
    mynaportalServiceId: 'DEMO-BANK-PENSION',
    name: { ja: '年金受給額の提出（資産運用相談）', en: 'Pension information for investment advice' },
    recipient: { ja: 'デモ銀行 資産運用相談窓口', en: 'Demo Bank Investment Advice Desk' },
    purpose: { ja: '資産運用のご相談', en: 'Investment advice' },
    retention: { days: 30, use: { ja: '資産運用のご相談', en: 'your investment advice' } },
    fields: ['年金・日本年金機構関係'],
    items: [
      { id: 'pensionYear', label: { ja: '対象年', en: 'Year' }, time: true },
      { id: 'pensionAnnualAmount', label: { ja: '年金年額', en: 'Annual pension' } },
    ],
    // 範囲指定: every record of the last two years, shown year by year.
    query: { method: 'range', lastMonths: 24 },
    submissionTarget: 'investment-advice',
  },
];
