import { describe, expect, it } from 'vitest';
import { CHAIN_BASE } from '../hours/schedule-rules.ts';
import { DEMO_SERVICES, retrievalChain, ServiceCatalogSchema } from './service-catalog.ts';

describe('the service catalog', () => {
  it('accepts the demo services: the latest income by 最新情報指定 (guideline v2.6), pensions by 範囲指定', () => {
    expect(ServiceCatalogSchema.parse(DEMO_SERVICES).map((service) => service.query)).toEqual([
      { method: 'latest', decidingItem: 'taxYear' },
      { method: 'latest', decidingItem: 'taxYear' },
      { method: 'range', lastMonths: 24 },
    ]);
  });

  it('refuses 最新情報指定 unless it names a period or time item of the service to decide "latest"', () => {
    const [first] = DEMO_SERVICES;
    if (!first) throw new Error('no demo service');
    const latestBy = (decidingItem: string) => ServiceCatalogSchema.safeParse([{ ...first, query: { method: 'latest', decidingItem } }]);
    expect(latestBy('taxYear').success).toBe(true);
    for (const refused of ['salaryIncome', 'pensionYear', 'nothing']) {
      const result = latestBy(refused);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([0, 'query', 'decidingItem']);
    }
    expect(ServiceCatalogSchema.safeParse([{ ...first, query: { method: 'latest' } }]).success).toBe(false);
  });

  it('refuses two services with one マイナポータル service ID, and a service without retention', () => {
    const [first, second] = DEMO_SERVICES;
    if (!first || !second) throw new Error('no demo services');
    expect(ServiceCatalogSchema.safeParse([first, { ...second, mynaportalServiceId: first.mynaportalServiceId }]).success).toBe(false);
    const { retention: _, ...withoutRetention } = first;
    expect(ServiceCatalogSchema.safeParse([withoutRetention]).success).toBe(false);
  });

  it('refuses duplicate ids, unknown information fields and empty item lists', () => {
    const [first] = DEMO_SERVICES;
    if (!first) throw new Error('no demo service');
    expect(ServiceCatalogSchema.safeParse([first, first]).success).toBe(false);
    expect(ServiceCatalogSchema.safeParse([{ ...first, fields: ['所得税'] }]).success).toBe(false);
    expect(ServiceCatalogSchema.safeParse([{ ...first, items: [] }]).success).toBe(false);
  });

  it('needs every holding server of its fields (表2.5-5) on top of the common chain', () => {
    const pension = DEMO_SERVICES.find((service) => service.id === 'pension-income');
    if (!pension) throw new Error('no pension service');
    expect(retrievalChain(pension)).toEqual([
      ...CHAIN_BASE,
      'japan-pension-service',
      'municipal',
      'local-civil-servants-compensation',
      'local-mutual-aid',
      'national-mutual-aid',
      'private-school-mutual-aid',
    ]);
  });
});
