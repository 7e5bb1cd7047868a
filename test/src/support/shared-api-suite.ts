import { expect } from 'vitest';
import { targetName } from './target-names';

/** One HTTP exchange with a companion, in-process on Node or over loopback to workerd. */
export type ApiRequest = (
  method: string,
  path: string,
  init?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; chunked?: boolean },
) => Promise<{ status: number; json: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface SharedApiContext {
  request: ApiRequest;
  adminToken: string;
  exportToken: string;
  otherWorkspaceAdminToken: string;
}

/**
 * The API behaviour every runtime must show identically: run on Node with better-sqlite3 and on
 * workerd with D1 (the smoke test), so a runtime difference fails a named case.
 */
export const SHARED_API_CASES: [name: string, run: (ctx: SharedApiContext) => Promise<void>][] = [
  [
    'health and database readiness',
    async ({ request }) => {
      expect((await request('GET', '/healthz')).json).toEqual({ status: 'ok' });
      expect((await request('GET', '/readyz')).json).toEqual({ status: 'ready' });
    },
  ],
  [
    'migrations applied: the OpenAPI document and an empty target list',
    async ({ request, otherWorkspaceAdminToken }) => {
      const doc = await request('GET', '/api/v1/openapi.json');
      expect(doc.json.paths['/targets/{id}/readiness']).toBeTruthy();
      expect((await request('GET', '/api/v1/targets', { token: otherWorkspaceAdminToken })).json).toEqual({ targets: [], next_cursor: null });
    },
  ],
  [
    'create a Data Center target and read its readiness',
    async ({ request, adminToken }) => {
      const created = await request('POST', '/api/v1/targets', { token: adminToken, body: { provider_key: 'jira_data_center', name: targetName() } });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ deployment_mode: 'self-hosted', state: 'draft' });
      const readiness = await request('GET', `/api/v1/targets/${created.json.id}/readiness`, { token: adminToken });
      expect(readiness.json).toMatchObject({ ready: false, code: 'PROVIDER_BASE_URL_BLOCKED' });
    },
  ],
  [
    'bad input answers a JSON error, never a 500',
    async ({ request, adminToken }) => {
      const contradiction = await request('POST', '/api/v1/targets', {
        token: adminToken,
        body: { provider_key: 'jira_cloud', deployment_mode: 'self-hosted' },
      });
      expect(contradiction.status).toBe(400);
      expect(contradiction.json.error.code).toBe('VALIDATION_FAILED');
      const malformed = await request('POST', '/api/v1/targets', {
        token: adminToken,
        rawBody: '{"provider_key":',
        headers: { 'content-type': 'application/json' },
      });
      expect(malformed.status).toBe(400);
      expect(malformed.json.error.code).toBe('MALFORMED_JSON');
    },
  ],
  [
    'a body over its route limit answers 413 in the envelope, by Content-Length and chunked (the same middleware on every runtime)',
    async ({ request, adminToken }) => {
      const headers = { 'content-type': 'application/json' };
      const big = JSON.stringify({ provider_key: 'jira_data_center', name: 'x'.repeat(70 * 1024) });
      for (const chunked of [false, true]) {
        const refused = await request('POST', '/api/v1/targets', { token: adminToken, rawBody: big, headers, chunked });
        expect(refused.status).toBe(413);
        expect(refused.json.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/64 KB/) });
      }
      const patch = await request('PATCH', '/api/v1/targets/tgt_x', {
        token: adminToken,
        rawBody: JSON.stringify({ name: 'y'.repeat(10 * 1024) }),
        headers,
        chunked: true,
      });
      expect(patch.status).toBe(413);
      const small = await request('POST', '/api/v1/targets', {
        token: adminToken,
        rawBody: '{"provider_key":"jira_data_center","name":"Chunked"}',
        headers,
        chunked: true,
      });
      expect(small.status).toBe(201);
    },
  ],
  [
    'roles and tenancy: export tokens cannot create, other workspaces get 404',
    async ({ request, adminToken, exportToken, otherWorkspaceAdminToken }) => {
      const created = await request('POST', '/api/v1/targets', { token: adminToken, body: { provider_key: 'jira_data_center', name: targetName() } });
      expect((await request('POST', '/api/v1/targets', { token: exportToken, body: { provider_key: 'jira_data_center', name: targetName() } })).status).toBe(
        403,
      );
      expect((await request('GET', `/api/v1/targets/${created.json.id}`, { token: otherWorkspaceAdminToken })).status).toBe(404);
      expect((await request('GET', '/api/v1/targets', { token: 'wro_aaaaaaaaaa_' + 'A'.repeat(43) })).status).toBe(401);
    },
  ],
  [
    'a URL check refuses loopback and names the rule',
    async ({ request, adminToken }) => {
      const verdict = await request('POST', '/api/v1/url-checks', { token: adminToken, body: { url: 'https://127.0.0.1/' } });
      expect(verdict.json).toMatchObject({ allowed: false, code: 'PROVIDER_BASE_URL_BLOCKED', rule: 'loopback' });
    },
  ],
  [
    'revoke writes the audit trail atomically',
    async ({ request, adminToken }) => {
      const created = await request('POST', '/api/v1/targets', { token: adminToken, body: { provider_key: 'jira_data_center', name: targetName() } });
      const revoked = await request('DELETE', `/api/v1/targets/${created.json.id}`, { token: adminToken });
      expect(revoked.json.target.state).toBe('revoked');
      const audit = await request('GET', `/api/v1/targets/${created.json.id}/audit`, { token: adminToken });
      expect(audit.json.events.map((event: { action: string }) => event.action)).toEqual(['target.created', 'target.revoked']);
    },
  ],
];
