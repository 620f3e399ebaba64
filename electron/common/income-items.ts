// Information items as retrieved from マイナポータル and shown on the review screen. The layout
// of 地方税 information is not public: amounts are integer yen, null (no information) is
// distinct from 0, business income may be negative, and 課税年度 is kept apart from the year the
// income was earned.
import { z } from 'zod';

export const LocalizedTextSchema = z.object({ ja: z.string().min(1).max(200), en: z.string().min(1).max(200) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const ItemValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yen'), amount: z.number().int().min(-1e12).max(1e12).nullable() }),
  /** A calendar year (所得年, 対象年), as a Western year: 令和6年. */
  z.object({ kind: z.literal('year'), year: z.number().int().min(1989).max(2200) }),
  /** A fiscal year (課税年度), April to March, named by the year it starts in: 令和7年度. */
  z.object({ kind: z.literal('fiscal-year'), year: z.number().int().min(1989).max(2200) }),
  z.object({ kind: z.literal('text'), text: z.string().max(200).nullable() }),
]);
export type ItemValue = z.infer<typeof ItemValueSchema>;

export const InformationItemSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,40}$/),
  label: LocalizedTextSchema,
  value: ItemValueSchema,
  /**
   * Which record of the answer the item belongs to, where there are several (範囲指定: every
   * record of the period, e.g. one per 課税年度); absent where the answer is one record.
   */
  record: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,20}$/)
    .optional(),
});
export type InformationItem = z.infer<typeof InformationItemSchema>;
