import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateApiToken, storeCredential } from '@webriskops/server/commands';
import { auditEvents, credentials } from '@webriskops/server/schema';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';

let companion: Companion;
afterEach(() => companion.stop());
beforeEach(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
});

function rawDatabaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    readdirSync(dataDir)
      .filter((name) => name.startsWith('companion.db'))
      .map((name) => readFileSync(join(dataDir, name))),
  );
}

describe('a planted credential never leaks', () => {
  it('is absent from every API response, log line, audit row and the raw database files', async () => {
    const admin = await companion.token('default', 'admin');
    const plaintext = `NjQ2-PAT-${crypto.randomUUID()}-LEAKCANARY`;
    const created = await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: 'jira_data_center', name: 'Leak test' } });
    const id = created.json.id as string;
    const principal = (await authenticateApiToken(companion.deps, admin))!;
    const stored = await storeCredential(companion.deps, principal, id, { kind: 'pat', secret: plaintext, expiresAt: null });
    expect(stored.credential).toMatchObject({ kind: 'pat', fingerprint: plaintext.slice(-4) });

    for (const [method, path] of [
      ['GET', '/api/v1/targets'],
      ['GET', `/api/v1/targets/${id}`],
      ['GET', `/api/v1/targets/${id}/readiness`],
      ['GET', `/api/v1/targets/${id}/audit`],
      ['GET', '/api/v1/openapi.json'],
    ] as const) {
      expect((await companion.request(method, path, { token: admin })).status).toBe(200);
    }
    await companion.request('POST', '/api/v1/targets', {
      token: admin,
      rawBody: `{"provider_key":"${plaintext}"`,
      headers: { 'content-type': 'application/json' },
    });
    await companion.request('POST', '/api/v1/targets', { token: admin, body: { provider_key: plaintext } });
    await companion.request('GET', '/api/v1/targets', { token: plaintext });

    const sealed = (await companion.deps.store.db.select().from(credentials))[0]!;
    expect(sealed.ciphertext.startsWith('v1.')).toBe(true);
    const revoked = await companion.request('DELETE', `/api/v1/targets/${id}`, { token: admin });
    expect(revoked.json).toMatchObject({ credential_destroyed: true, revoke_instructions: { where: expect.stringMatching(/Personal Access Tokens/) } });
    expect((await companion.deps.store.db.select().from(credentials))[0]!.ciphertext).toBe('');

    const auditRows = JSON.stringify(await companion.deps.store.db.select().from(auditEvents));
    const haystacks = {
      responses: companion.responses.join('\n'),
      logs: companion.logLines.join('\n'),
      audit: auditRows,
      database: rawDatabaseBytes(companion.dataDir).toString('latin1'),
    };
    // Positive controls: each haystack really holds what it should, so a leak would be seen.
    expect(haystacks.responses).toContain(plaintext.slice(-4));
    expect(haystacks.audit).toContain('credential.stored');
    expect(haystacks.database).toContain(id);
    expect(haystacks.logs).toContain(id);
    for (const [where, text] of Object.entries(haystacks)) {
      expect(text.includes(plaintext), `plaintext found in ${where}`).toBe(false);
      expect(text.includes(plaintext.slice(0, 20)), `a prefix of the plaintext found in ${where}`).toBe(false);
    }
    // Nor the API token's plaintext secret.
    expect(haystacks.database.includes(admin)).toBe(false);
    expect(haystacks.logs.includes(admin)).toBe(false);
  });
});
