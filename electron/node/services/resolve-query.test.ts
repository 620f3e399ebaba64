import { describe, expect, it } from 'vitest';
import { resolveQuery } from './resolve-query.ts';

describe('a service’s query made concrete for one request', () => {
  it('takes "today" as the Japanese calendar day, whatever the machine’s zone', () => {
    // 2026-03-31 15:30 UTC is already 1 April in Japan.
    expect(resolveQuery({ method: 'point', date: 'today' }, new Date('2026-03-31T15:30:00Z'))).toEqual({
      method: 'point',
      date: '2026-04-01',
    });
    expect(resolveQuery({ method: 'point', date: '2025-01-01' }, new Date('2026-03-31T15:30:00Z'))).toEqual({
      method: 'point',
      date: '2025-01-01',
    });
  });

  it('goes back N months to the same day, or the last day of a shorter month', () => {
    const on31March = new Date('2026-03-31T03:00:00Z');
    expect(resolveQuery({ method: 'range', lastMonths: 1 }, on31March)).toEqual({ method: 'range', from: '2026-02-28', to: '2026-03-31' });
    expect(resolveQuery({ method: 'range', lastMonths: 13 }, on31March)).toEqual({ method: 'range', from: '2025-02-28', to: '2026-03-31' });
  });

  it('crosses into the previous year', () => {
    expect(resolveQuery({ method: 'range', lastMonths: 3 }, new Date('2026-01-15T03:00:00Z'))).toEqual({
      method: 'range',
      from: '2025-10-15',
      to: '2026-01-15',
    });
  });

  it('passes a fixed period and 最新情報指定’s deciding item through as configured', () => {
    const now = new Date('2026-06-01T03:00:00Z');
    expect(resolveQuery({ method: 'range', from: '2023-04-01', to: '2026-03-31' }, now)).toEqual({
      method: 'range',
      from: '2023-04-01',
      to: '2026-03-31',
    });
    expect(resolveQuery({ method: 'latest', decidingItem: 'taxYear' }, now)).toEqual({ method: 'latest', decidingItem: 'taxYear' });
  });
});
