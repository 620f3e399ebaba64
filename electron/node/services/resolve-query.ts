// Turns a service's query method (§2.6) into the concrete query of one request, in
// Japanese calendar days.
import type { ResolvedQuery } from '../gateway/gateway-schemas.ts';
import { fromTokyo, toTokyo, tokyoDateKey } from '../hours/tokyo-time.ts';
import type { Query } from './service-catalog.ts';

export function resolveQuery(query: Query, now: Date): ResolvedQuery {
  const today = toTokyo(now);
  switch (query.method) {
    case 'latest':
      return { method: 'latest', decidingItem: query.decidingItem };
    case 'point':
      return { method: 'point', date: query.date === 'today' ? tokyoDateKey(today) : query.date };
    case 'range': {
      if ('from' in query) return { method: 'range', from: query.from, to: query.to };
      // The same day N months back; Date.UTC rolls 31 March − 1 month over to 3 March, so clamp.
      const targetMonth = today.month - query.lastMonths;
      const start = toTokyo(fromTokyo(today.year, targetMonth, 1));
      const lastDay = toTokyo(fromTokyo(start.year, start.month + 1, 0)).day;
      return { method: 'range', from: tokyoDateKey({ ...start, day: Math.min(today.day, lastDay) }), to: tokyoDateKey(today) };
    }
  }
}
