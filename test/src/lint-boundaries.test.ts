import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/processes';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function ruleIdsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_ROOT}${filePath}` });
  return result!.messages.map((message) => message.ruleId ?? 'fatal');
}

describe('import and egress boundaries are enforced by lint', () => {
  it.each([
    ["const r = await fetch('https://example.com');\nexport { r };", 'server/src/jira/client.ts'],
    ["const r = await globalThis.fetch('https://example.com');\nexport { r };", 'server/src/commands/x.ts'],
    ["import { request } from 'undici';\nexport { request };", 'server/src/forge/x.ts'],
    ["import http from 'node:http';\nexport const r = http.request('http://x');", 'server/src/routes/x.ts'],
    ["import { connect } from 'node:net';\nexport const s = connect(80, 'x');", 'server/src/commands/x.ts'],
    ["import https from 'https';\nexport const r = https.request('https://x');", 'server/src/db/x.ts'],
  ])('refuses network access outside server/src/net/: %s', async (code, path) => {
    const rules = await ruleIdsFor(code, path);
    expect(rules.some((rule) => rule === 'no-restricted-syntax' || rule === 'no-restricted-imports')).toBe(true);
  });

  it('allows the same inside server/src/net/', async () => {
    expect(await ruleIdsFor("import { fetch } from 'undici';\nexport const r = await fetch('https://example.com');", 'server/src/net/x.ts')).toEqual([]);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';\nexport { readFileSync };"],
    ["import { Hono } from 'hono';\nexport { Hono };"],
    ["import { eq } from 'drizzle-orm';\nexport { eq };"],
    ["import api from '@forge/api';\nexport { api };"],
    ['export const port = process.env.PORT;'],
  ])('keeps shared/ free of runtimes: %s', async (code) => {
    expect((await ruleIdsFor(code, 'shared/src/x.ts')).length).toBeGreaterThan(0);
  });

  it('reads process.env only in entries', async () => {
    expect(await ruleIdsFor('export const port = process.env.PORT;', 'server/src/commands/x.ts')).toContain('no-restricted-properties');
    expect(await ruleIdsFor('export const port = process.env.PORT;', 'server/src/entry/x.ts')).toEqual([]);
  });
});

describe('server layers are enforced by lint', () => {
  const restricted = async (code: string, path: string) => (await ruleIdsFor(code, path)).includes('no-restricted-imports');

  it.each([
    ["import { findTarget } from '../../db/targets-repo';\nexport { findTarget };", 'server/src/routes/api/x.ts'],
    ["import { listAuditForTarget } from '../../db/audit-repo';\nexport { listAuditForTarget };", 'server/src/routes/pages/x.tsx'],
    // Built, so this file does not itself name a path above the repository (repository-self-contained.test.ts).
    [`import { targets } from '${'../'.repeat(3)}db/schema';\nexport { targets };`, 'server/src/providers/jira-data-center/routes/x.ts'],
  ])('routes never import db/: %s', async (code, path) => {
    expect(await restricted(code, path)).toBe(true);
  });

  it.each([
    ["import { createTarget } from '../commands/create-target';\nexport { createTarget };", 'server/src/net/x.ts'],
    ["import { createTarget } from '../commands/create-target';\nexport { createTarget };", 'server/src/jira/x.ts'],
    ["import { createTarget } from '../commands/create-target';\nexport { createTarget };", 'server/src/db/x.ts'],
    ["import { createTarget } from '../commands/create-target';\nexport { createTarget };", 'server/src/forge/x.ts'],
    ["import { PROVIDERS } from '../providers/registry';\nexport { PROVIDERS };", 'server/src/jira/x.ts'],
  ])('net/, jira/, db/ and forge/ never import commands/: %s in %s', async (code, path) => {
    expect(await restricted(code, path)).toBe(true);
  });

  it.each([
    ["import { findTarget } from '../db/targets-repo';\nexport { findTarget };"],
    ["import { createTarget } from '../commands/create-target';\nexport { createTarget };"],
    ["import { PROVIDERS } from '../providers/registry';\nexport { PROVIDERS };"],
    ["import { createSafeFetch } from '../net';\nexport { createSafeFetch };"],
  ])('views import only presenters, shared and views: %s', async (code) => {
    expect(await restricted(code, 'server/src/views/x.tsx')).toBe(true);
  });

  it.each([
    ['server/src/commands/x.ts'],
    ['server/src/routes/api/x.ts'],
    ['server/src/providers/jira-cloud/x.ts'],
    ['server/src/views/x.tsx'],
    ['server/src/net/x.ts'],
    ['server/src/jira/x.ts'],
  ])('drizzle-orm stays in db/ and entry/: refused in %s', async (path) => {
    expect(await restricted("import { eq } from 'drizzle-orm';\nexport { eq };", path)).toBe(true);
    expect(await restricted("import { drizzle } from 'drizzle-orm/better-sqlite3';\nexport { drizzle };", path)).toBe(true);
  });

  it('allows what each layer may import', async () => {
    expect(await ruleIdsFor("import { eq } from 'drizzle-orm';\nexport { eq };", 'server/src/db/x.ts')).toEqual([]);
    expect(await ruleIdsFor("import { eq } from 'drizzle-orm';\nexport { eq };", 'server/src/entry/x.ts')).toEqual([]);
    expect(
      await ruleIdsFor(
        "import { overviewOf } from '../presenters/target-overview';\nimport { Layout } from './layout';\nexport { overviewOf, Layout };",
        'server/src/views/x.tsx',
      ),
    ).toEqual([]);
    expect(await ruleIdsFor("import { createTarget } from '../../commands/create-target';\nexport { createTarget };", 'server/src/routes/api/x.ts')).toEqual(
      [],
    );
    expect(await ruleIdsFor("import { findTarget } from '../db/targets-repo';\nexport { findTarget };", 'server/src/commands/x.ts')).toEqual([]);
  });

  it('keeps the egress rule in every layer that has its own import rule', async () => {
    for (const path of ['server/src/routes/api/x.ts', 'server/src/views/x.tsx', 'server/src/db/x.ts', 'server/src/jira/x.ts', 'server/src/commands/x.ts']) {
      expect(await restricted("import { request } from 'undici';\nexport { request };", path)).toBe(true);
    }
  });
});
