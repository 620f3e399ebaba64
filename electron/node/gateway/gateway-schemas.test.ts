// The OpenAPI document is the protocol's contract for the bank's gateway team: its component
// schemas are generated from the zod schemas both sides parse with, and its paths name every
// call the client makes, each of which may be refused with 429 or 503.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { protocolComponents } from '../../../build/openapi/protocol-components.ts';

const text = readFileSync(new URL('./kiosk-gateway.openapi.yaml', import.meta.url), 'utf8');

const document = z
  .object({
    paths: z.record(z.string(), z.record(z.string(), z.object({ operationId: z.string() }).loose())),
    components: z.object({ schemas: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose()
  .parse(parse(text));

/** Every `$ref` in a node. */
const refsIn = (node: unknown): string[] =>
  node !== null && typeof node === 'object'
    ? Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsIn(value)))
    : [];

describe('the kiosk-gateway OpenAPI document', () => {
  it('has the component schemas generated from the zod schemas (run `npm run openapi` after changing them)', () => {
    expect(document.components.schemas).toEqual(protocolComponents());
  });

  it('defines the operations the client calls, each referring only to schemas that exist', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((operation) => operation.operationId));
    expect(operations.sort()).toEqual([
      'authenticate',
      'certificateStatus',
      'discardRetrieval',
      'health',
      'retrievalStatus',
      'schedule',
      'startRetrieval',
      'submit',
    ]);
    for (const ref of refsIn(parse(text)))
      if (ref.startsWith('#/components/schemas/')) expect(Object.keys(document.components.schemas)).toContain(ref.split('/').at(-1));
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

  it('lets every call be refused with a rate limit or as unavailable, which the client handles everywhere', () => {
    for (const [path, methods] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(methods)) {
        const responses = Object.keys(z.object({ responses: z.record(z.string(), z.unknown()) }).parse(operation).responses);
        const missing = ['429', '503'].filter((status) => !responses.includes(status));
        expect({ path, method, missing }).toEqual({ path, method, missing: [] });
      }
  });
});
