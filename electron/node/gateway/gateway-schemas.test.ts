// The OpenAPI document is the protocol's contract: the zod schemas that both sides parse
// with must say the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  AuthenticationSchema,
  ChallengeSchema,
  ERROR_CODES,
  HealthSchema,
  ReceiptSchema,
  RETRIEVAL_FAILURES,
  RetrievalRequestSchema,
  SubmissionSchema,
} from './gateway-schemas.ts';

const text = readFileSync(new URL('./kiosk-gateway.openapi.yaml', import.meta.url), 'utf8');

const document = z
  .object({
    paths: z.record(z.string(), z.record(z.string(), z.object({ operationId: z.string() }).loose())),
    components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose()
  .parse(parse(text));

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

  it('has no value YAML dropped: an unquoted comma in a description turns its tail into empty keys', () => {
    const empty: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null) empty.push(path);
      else if (typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(parse(text), '');
    expect(empty).toEqual([]);
  });

  it.each([
    ['Health', HealthSchema],
    ['RetrievalRequest', RetrievalRequestSchema],
    ['Challenge', ChallengeSchema],
    ['Authentication', AuthenticationSchema],
    ['Submission', SubmissionSchema],
    ['Receipt', ReceiptSchema],
  ])('describes %s with the fields, and the required ones, the code parses', (name, schema) => {
    const fields = z.object({ required: z.array(z.string()), properties: z.record(z.string(), z.unknown()) });
    const documented = fields.parse(document.components.schemas[name]);
    const parsed = fields.parse(z.toJSONSchema(schema, { io: 'input' }));
    expect({ fields: Object.keys(documented.properties).sort(), required: [...documented.required].sort() }).toEqual({
      fields: Object.keys(parsed.properties).sort(),
      required: [...parsed.required].sort(),
    });
  });

  it('lets every call be refused with a rate limit or as unavailable, which the client handles everywhere', () => {
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        const responses = Object.keys(z.object({ responses: z.record(z.string(), z.unknown()) }).parse(operation).responses);
        const missing = ['429', '503'].filter((status) => !responses.includes(status));
        expect({ path, method, missing }).toEqual({ path, method, missing: [] });
      }
  });
});
