// The OpenAPI document is the protocol's contract: the zod schemas that both sides parse
// with must say the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { ERROR_CODES, RETRIEVAL_FAILURES } from './gateway-schemas.ts';

const document = z
  .object({
    paths: z.record(z.string(), z.record(z.string(), z.object({ operationId: z.string() }).loose())),
    components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose()
  .parse(parse(readFileSync(new URL('./kiosk-gateway.openapi.yaml', import.meta.url), 'utf8')));

describe('the kiosk-gateway OpenAPI document', () => {
  it('defines the operations the client calls', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operations.sort()).toEqual(['authenticate', 'discardRetrieval', 'health', 'retrievalStatus', 'startRetrieval', 'submit']);
  });

  it('lists the same error codes as the schemas', () => {
    const error = z
      .object({ properties: z.object({ code: z.object({ enum: z.array(z.string()) }) }) })
      .parse(document.components.schemas.Error);
    expect(error.properties.code.enum).toEqual([...ERROR_CODES]);
  });

  it('lists the same retrieval failure reasons as the schemas', () => {
    const status = z
      .object({ oneOf: z.array(z.object({ properties: z.record(z.string(), z.unknown()) })) })
      .parse(document.components.schemas.RetrievalStatus);
    const failed = z.object({ enum: z.array(z.string()) }).parse(status.oneOf[2]?.properties.reason);
    expect(failed.enum).toEqual([...RETRIEVAL_FAILURES]);
  });
});
