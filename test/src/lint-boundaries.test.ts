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
    ["export const port = process.env.PORT;"],
  ])('keeps shared/ free of runtimes: %s', async (code) => {
    expect((await ruleIdsFor(code, 'shared/src/x.ts')).length).toBeGreaterThan(0);
  });

  it('reads process.env only in entries', async () => {
    expect(await ruleIdsFor('export const port = process.env.PORT;', 'server/src/commands/x.ts')).toContain('no-restricted-properties');
    expect(await ruleIdsFor('export const port = process.env.PORT;', 'server/src/entry/x.ts')).toEqual([]);
  });
});
