// The OpenAPI document's component schemas, generated from the protocol's zod schemas (the
// registry in electron/node/gateway/gateway-schemas.ts), so the document cannot say other than
// what both sides parse. `npm run openapi` writes them into kiosk-gateway.openapi.yaml; a test
// fails when the committed document is behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { PROTOCOL } from '../../electron/node/gateway/gateway-schemas.ts';

export const OPENAPI_DOCUMENT = fileURLToPath(new URL('../../electron/node/gateway/kiosk-gateway.openapi.yaml', import.meta.url));

/** JSON Schema of every named protocol schema, as OpenAPI 3.1 components (dates by their format only). */
export function protocolComponents(): Record<string, unknown> {
  const generated = z.toJSONSchema(PROTOCOL, { io: 'input', uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Record<string, unknown>>;
  };
  const tidy = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(tidy);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node).filter(([key]) => key !== '$schema' && key !== '$id');
    const format = (node as { format?: unknown }).format;
    // zod spells date and date-time out as regular expressions too; the format says it.
    return Object.fromEntries(
      entries
        .filter(([key]) => !(key === 'pattern' && (format === 'date' || format === 'date-time')))
        .map(([key, value]) => [key, tidy(value)]),
    );
  };
  return Object.fromEntries(Object.entries(generated.schemas).map(([id, schema]) => [id, tidy(schema)]));
}

/** The committed document with its component schemas replaced by the generated ones. */
export function regeneratedDocument(): string {
  const document = parseDocument(readFileSync(OPENAPI_DOCUMENT, 'utf8'));
  document.setIn(['components', 'schemas'], document.createNode(protocolComponents()));
  return document.toString({ lineWidth: 120 });
}

/** Writes the regenerated document, formatted as the repository formats YAML. */
export async function writeRegeneratedDocument(): Promise<void> {
  const options = await prettier.resolveConfig(OPENAPI_DOCUMENT);
  writeFileSync(OPENAPI_DOCUMENT, await prettier.format(regeneratedDocument(), { ...options, filepath: OPENAPI_DOCUMENT }));
}
