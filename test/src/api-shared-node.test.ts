import { afterAll, beforeAll, describe, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { SHARED_API_CASES, type SharedApiContext } from './support/shared-api-suite';

let companion: Companion;
let ctx: SharedApiContext;

beforeAll(async () => {
  companion = await startCompanion();
  await companion.cli(['workspace', 'create', 'default']);
  await companion.cli(['workspace', 'create', 'other']);
  ctx = {
    request: companion.request,
    adminToken: await companion.token('default', 'admin'),
    exportToken: await companion.token('default', 'export'),
    otherWorkspaceAdminToken: await companion.token('other', 'admin'),
  };
});
afterAll(() => companion.stop());

describe('the shared API suite on Node (better-sqlite3)', () => {
  it.each(SHARED_API_CASES)('%s', async (_name, run) => run(ctx));
});
