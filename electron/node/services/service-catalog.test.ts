import { describe, expect, it } from 'vitest';
import { CHAIN_BASE } from '../hours/schedule-rules.ts';
import { DEMO_SERVICES, retrievalChain, ServiceCatalogSchema } from './service-catalog.ts';

describe('the service catalog', () => {
  it('accepts the demo services, with each query method', () => {
    expect(ServiceCatalogSchema.parse(DEMO_SERVICES).map((service) => service.query.method)).toEqual(['latest', 'point', 'range']);
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
