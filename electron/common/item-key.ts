// The key that names one item of an answer, apart from the schemas: the renderer needs it,
// and importing it from income-items.ts would put zod into the screen's bundle.

/** What names one item of an answer: its id, and its record where there are several ("salaryIncome@2025"). */
export const itemKey = (item: { readonly id: string; readonly record?: string | undefined }): string =>
  item.record ? `${item.id}@${item.record}` : item.id;

/** The shape of an item key, for the screen event that names the items consented to. */
export const ITEM_KEY = /^[a-z][a-zA-Z0-9]{0,40}(@[A-Za-z0-9-]{1,20})?$/;
