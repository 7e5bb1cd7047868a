import { describe, expect, it } from 'vitest';
import {
  FORGE_MODULE_KEYS,
  FORGE_REMOTE_ERROR_CODES,
  FORGE_REMOTE_ERROR_INFO,
  FORGE_REMOTE_KEY,
  FORGE_REMOTE_ROUTE_LIST,
  PAIRING_CODE_ALPHABET,
  PAIRING_CODE_BODY_LENGTH,
  findForgeRemoteRoute,
  forgeDisconnectResponseSchema,
  forgePairRequestSchema,
  forgeRemoteErrorSchema,
  forgeStatusSchema,
  normalizePairingCode,
} from './forge-remote-contract';

const CODE = 'WRO-0123456789ABCDEFGHJKMNPQRS';

describe('Forge remote route table', () => {
  it('has one route per method and path, all under /forge/v1/', () => {
    const ids = FORGE_REMOTE_ROUTE_LIST.map((route) => `${route.method} ${route.path}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of FORGE_REMOTE_ROUTE_LIST) expect(route.path).toMatch(/^\/forge\/v1\/[a-z-]+$/);
  });

  it('never lets a module key reach routes of two different endpoints', () => {
    const endpointByModuleKey = new Map<string, string>();
    for (const route of FORGE_REMOTE_ROUTE_LIST) {
      for (const key of route.acceptedModuleKeys) {
        expect(endpointByModuleKey.get(key) ?? route.endpointKey).toBe(route.endpointKey);
        endpointByModuleKey.set(key, route.endpointKey);
      }
    }
  });

  it('keeps event routes POST-only, tokens without a user, and the admin page routes user-bound', () => {
    for (const route of FORGE_REMOTE_ROUTE_LIST) {
      if (route.pathInManifest) {
        expect(route.method).toBe('POST');
        expect(route.tokens).toEqual(['appSystemToken']);
        expect(route.principalRequired).toBe(false);
      } else {
        expect(route.caller.type).toBe('jira:adminPage');
        expect(route.acceptedModuleKeys).toEqual([FORGE_MODULE_KEYS.adminPage]);
        expect(route.principalRequired).toBe(true);
      }
    }
  });

  it('uses keys the manifest schema accepts (endpoint and remote keys at most 23 characters)', () => {
    for (const key of [...Object.values(FORGE_MODULE_KEYS), FORGE_REMOTE_KEY]) expect(key).toMatch(/^[a-zA-Z0-9_-]+$/);
    for (const route of FORGE_REMOTE_ROUTE_LIST) expect(route.endpointKey.length).toBeLessThanOrEqual(23);
    expect(FORGE_REMOTE_KEY.length).toBeLessThanOrEqual(23);
  });

  it('finds routes by method and path only', () => {
    expect(findForgeRemoteRoute('post', '/forge/v1/pair')?.name).toBe('pair');
    expect(findForgeRemoteRoute('GET', '/forge/v1/pair')).toBeUndefined();
    expect(findForgeRemoteRoute('POST', '/forge/v1/pair/')).toBeUndefined();
  });
});

describe('pairing code', () => {
  it('carries at least 128 bits', () => {
    expect(PAIRING_CODE_ALPHABET).toHaveLength(32);
    expect(PAIRING_CODE_BODY_LENGTH * Math.log2(PAIRING_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(128);
  });

  it.each([
    [CODE, CODE],
    [`  ${CODE.toLowerCase()}\n`, CODE],
    ['WRO-01234-56789-ABCDE-FGHJK-MNPQR-S', CODE],
    ['wro 0123456789 abcdefghjkmnpqrs', CODE],
  ])('normalizes %j', (input, expected) => {
    expect(normalizePairingCode(input)).toBe(expected);
  });

  it.each([
    [''],
    ['0123456789ABCDEFGHJKMNPQRS'],
    ['WRO-0123456789ABCDEFGHJKMNPQR'],
    ['WRO-0123456789ABCDEFGHJKMNPQRST'],
    ['WRO-0123456789ABCDEFGHIKMNPQRS'],
    ['WRO-0123456789ABCDEFGHJKMNPQRU'],
    ['XRO-0123456789ABCDEFGHJKMNPQRS'],
  ])('refuses %j', (input) => {
    expect(normalizePairingCode(input)).toBeNull();
  });

  it('is the only field of the pair request', () => {
    expect(forgePairRequestSchema.safeParse({ code: CODE }).success).toBe(true);
    expect(forgePairRequestSchema.safeParse({ code: CODE.toLowerCase() }).success).toBe(false);
    expect(forgePairRequestSchema.safeParse({ code: CODE, cloudId: 'x' }).success).toBe(false);
  });
});

describe('bodies', () => {
  it('parses both status shapes and refuses a connected status without its target', () => {
    expect(forgeStatusSchema.safeParse({ connected: false, blocked: null }).success).toBe(true);
    const connected = {
      connected: true,
      workspace_name: 'Acme security',
      target_id: 'tgt_1',
      state: 'ready',
      site_url: 'https://acme.atlassian.net',
      paired_at: '2026-09-01T10:00:00Z',
      blocked: null,
    };
    expect(forgeStatusSchema.safeParse(connected).success).toBe(true);
    expect(forgeStatusSchema.safeParse({ ...connected, target_id: undefined }).success).toBe(false);
    expect(forgeStatusSchema.safeParse({ ...connected, state: 'paired' }).success).toBe(false);
    expect(
      forgeStatusSchema.safeParse({ ...connected, state: 'blocked', blocked: { code: 'PROVIDER_AUTH_REQUIRED', message: 'm', next_action: 'n' } }).success,
    ).toBe(true);
    expect(forgeStatusSchema.safeParse({ ...connected, blocked: { code: 'SOMETHING_ELSE', message: 'm', next_action: 'n' } }).success).toBe(false);
  });

  it('parses the disconnect answer and the error envelope', () => {
    expect(forgeDisconnectResponseSchema.safeParse({ disconnected: true, target_id: null }).success).toBe(true);
    expect(forgeRemoteErrorSchema.safeParse({ error: { code: 'PAIRING_CODE_USED', message: 'm', next_action: 'n' } }).success).toBe(true);
    expect(forgeRemoteErrorSchema.safeParse({ error: { code: 'PAIRING_CODE_USED', message: 'm' } }).success).toBe(false);
  });

  it('has a message and next action for every Forge error code', () => {
    for (const code of FORGE_REMOTE_ERROR_CODES) {
      expect(FORGE_REMOTE_ERROR_INFO[code].message.length).toBeGreaterThan(0);
      expect(FORGE_REMOTE_ERROR_INFO[code].nextAction.length).toBeGreaterThan(0);
    }
  });
});
