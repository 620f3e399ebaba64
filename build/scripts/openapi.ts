// `npm run openapi`: regenerates the component schemas of the kiosk-gateway OpenAPI document
// from the protocol's zod schemas (the paths and their descriptions are edited by hand).
import { OPENAPI_DOCUMENT, writeRegeneratedDocument } from '../openapi/protocol-components.ts';

await writeRegeneratedDocument();
process.stdout.write(`regenerated the component schemas of ${OPENAPI_DOCUMENT}\n`);
