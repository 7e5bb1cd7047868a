// Regenerates client/src/api-types.ts from the document the companion serves:
//   npm run generate -w client
import { writeFileSync } from 'node:fs';
import { generateApiTypes } from '../src/generate-api-types';
import { readServedOpenApiDocument } from '../src/served-openapi-document';

const target = new URL('../src/api-types.ts', import.meta.url);
writeFileSync(target, await generateApiTypes(await readServedOpenApiDocument()));
process.stdout.write(`wrote ${target.pathname}\n`);
