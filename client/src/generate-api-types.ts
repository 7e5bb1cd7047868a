import { loadTool } from '../../tools/load.mjs';

/** The part of openapi-typescript used here (it lives in tools/, installed on first use). */
type OpenApiTypescript = {
  default: (source: string, options: { silent: boolean }) => Promise<unknown>;
  astToString: (ast: unknown) => string;
};

/** The first lines of the generated file: what it is and how to make it again. */
export const API_TYPES_BANNER = [
  '/**',
  " * Generated from the companion's served OpenAPI document (/api/v1/openapi.json) by openapi-typescript.",
  ' * Do not edit: run `npm run generate -w client` after changing an API route or schema.',
  ' */',
  '',
].join('\n');

/**
 * The TypeScript types of an OpenAPI document's paths and components, exactly as committed in
 * `api-types.ts`: the generation script writes this text and a test compares it with the file.
 */
export async function generateApiTypes(documentJson: string): Promise<string> {
  const openapiTS = (await loadTool('openapi-typescript')) as OpenApiTypescript;
  const ast = await openapiTS.default(documentJson, { silent: true });
  return `${API_TYPES_BANNER}${openapiTS.astToString(ast)}`;
}
