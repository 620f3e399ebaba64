// Every detail the operational log may carry, and the kind of value it takes. A detail is
// written only under one of these names, so personal data cannot arrive under a new one: a
// field is added here, in review, with the kind of value it is.
export const LOG_FIELDS = {
  action: 'token',
  detail: 'token',
  note: 'token',
  reader: 'token',
  reason: 'token',
  screen: 'token',
  source: 'token',
  attempts: 'count',
  count: 'count',
  pending: 'count',
  restarts: 'count',
} as const;

export type LogField = keyof typeof LOG_FIELDS;

/** Counts are small whole numbers; an amount of money is not a count. */
export const MAX_COUNT = 1_000_000;
