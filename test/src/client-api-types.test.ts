import { readFileSync } from 'node:fs';
import { generateApiTypes } from '@webriskops/client/generate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { REPO_ROOT } from './support/processes';
import { installTools, TOOLS_INSTALL_TIMEOUT_MS } from './support/tools';

let companion: Companion;
beforeAll(installTools, TOOLS_INSTALL_TIMEOUT_MS);
beforeAll(async () => {
  companion = await startCompanion();
});
afterAll(() => companion.stop());

describe('the typed client', () => {
  it('commits the types generated from the document the companion serves (else: npm run generate -w client)', async () => {
    const served = await companion.request('GET', '/api/v1/openapi.json');
    const committed = readFileSync(`${REPO_ROOT}client/src/api-types.ts`, 'utf8');
    expect(committed === (await generateApiTypes(served.text)), 'client/src/api-types.ts is stale: run npm run generate -w client').toBe(true);
  });

  it('the comparison sees a change of the document', async () => {
    const served = await companion.request('GET', '/api/v1/openapi.json');
    const changed = served.text.replace('"operationId":"exportIssue"', '"operationId":"exportIssueRenamed"');
    expect(changed).not.toBe(served.text);
    expect(await generateApiTypes(changed)).not.toBe(readFileSync(`${REPO_ROOT}client/src/api-types.ts`, 'utf8'));
  });
});
