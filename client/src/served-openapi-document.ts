import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@webriskops/server';
import { parseConfig } from '@webriskops/server/config';
import { createJsonLogger } from '@webriskops/server/logger';
import { createNodeDeps } from '@webriskops/server/node';

/**
 * The OpenAPI document the companion serves, read in-process from a throwaway companion (empty
 * database in a temporary DATA_DIR, nothing listening, no network): the source the client types are
 * generated from.
 */
export async function readServedOpenApiDocument(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wro-openapi-'));
  const { deps, close } = await createNodeDeps(
    parseConfig({ DATA_DIR: dataDir, DNS_SERVERS: '127.0.0.1:9' }),
    createJsonLogger(() => undefined, 'error'),
  );
  try {
    const answer = await createApp(deps).request('/api/v1/openapi.json');
    if (answer.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${answer.status}`);
    return await answer.text();
  } finally {
    close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
