import { createHmac, randomUUID, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FIT_DEFECTS,
  FIT_LIFETIME_SECONDS,
  FORGE_FIT_ISSUER,
  REUSED_JTI,
  createForgeInvocationSigner,
  type ForgeInvocationInput,
} from './forge-invocation-signer';
import { decodeJwt, verifyRs256WithJwk } from './test-jwt';

const NOW = Date.UTC(2026, 7, 1, 12, 0, 0);
const cloudId = randomUUID();
const installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
const principal = '712020:5b10a284-4c20-1657-00ed-e21g00000001';
const adminPage: ForgeInvocationInput = {
  kind: 'frontend',
  cloudId,
  installationId,
  moduleKey: 'webriskops-admin',
  principal,
  siteUrl: 'https://acme.atlassian.test',
  localId: 'a3c1d2e4-local',
};
const lifecycle: ForgeInvocationInput = { kind: 'trigger', cloudId, installationId, moduleKey: 'wro-lifecycle' };

function makeSigner() {
  return createForgeInvocationSigner({ apiBaseUrl: 'https://api.atlassian.test:8443', now: () => NOW });
}

/** Verifies like a remote should: kid from the header, key from the JWKS, RS256 only (node:crypto, no library). */
function verifiesAgainstJwks(token: string, jwks: { keys: JsonWebKey[] }): boolean {
  const { header } = decodeJwt(token);
  if (header.alg !== 'RS256') return false;
  const key = jwks.keys.find((candidate) => (candidate as { kid?: string }).kid === header.kid);
  return key !== undefined && verifyRs256WithJwk(token, key);
}

describe('createForgeInvocationSigner: a good admin-page invocation', () => {
  const signer = makeSigner();
  const invocation = signer.invocation({ ...adminPage, systemToken: 'sys-token', userToken: 'user-token' });
  const { header, payload } = decodeJwt(invocation.token);

  it('is RS256 with the kid the JWKS lists, and verifies with node:crypto against that JWKS', () => {
    expect(header).toEqual({ alg: 'RS256', kid: signer.currentKid, typ: 'JWT' });
    const jwks = signer.jwks();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: signer.currentKid, alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    expect(verifiesAgainstJwks(invocation.token, jwks)).toBe(true);
  });

  it('carries the claim layout of forge-remote.md §2', () => {
    const apiBaseUrl = `https://api.atlassian.test:8443/ex/jira/${cloudId}`;
    expect(payload).toEqual({
      app: {
        id: signer.appId,
        appVersion: '2.0.0',
        installationId,
        installation: { id: installationId, contexts: [{ name: 'jira', apiBaseUrl, cloudId }] },
        apiBaseUrl,
        environment: { type: 'PRODUCTION', id: signer.environmentId },
        module: { type: 'jira:adminPage', key: 'webriskops-admin' },
      },
      context: {
        localId: expect.any(String),
        cloudId,
        moduleKey: 'webriskops-admin',
        siteUrl: 'https://acme.atlassian.test',
        extension: { type: 'jira:adminPage' },
      },
      principal,
      aud: signer.appId,
      iss: FORGE_FIT_ISSUER,
      iat: NOW / 1000,
      nbf: NOW / 1000,
      exp: NOW / 1000 + FIT_LIFETIME_SECONDS,
      jti: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(signer.appId).toMatch(/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/);
    expect(signer.environmentId).toMatch(/^ari:cloud:ecosystem::environment\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
    expect(payload.app).not.toHaveProperty('version');
    expect(invocation.claims).toEqual(payload);
  });

  it('sends the headers Forge adds: bearer FIT, b3 trace ids and both OAuth tokens', () => {
    expect(invocation.headers).toEqual({
      authorization: `Bearer ${invocation.token}`,
      'x-b3-traceid': expect.stringMatching(/^[0-9a-f]{16}$/),
      'x-b3-spanid': expect.stringMatching(/^[0-9a-f]{16}$/),
      'x-forge-oauth-system': 'sys-token',
      'x-forge-oauth-user': 'user-token',
    });
  });

  it('gives every token a fresh jti', () => {
    expect(decodeJwt(signer.sign(adminPage)).payload.jti).not.toBe(decodeJwt(signer.sign(adminPage)).payload.jti);
  });
});

describe('createForgeInvocationSigner: a trigger invocation', () => {
  const signer = makeSigner();

  it('is core:endpoint with the endpoint key, without context or principal, and never carries a user token', () => {
    const invocation = signer.invocation({ ...lifecycle, systemToken: 'sys', userToken: 'ignored' });
    expect(invocation.claims.app).toMatchObject({ module: { type: 'core:endpoint', key: 'wro-lifecycle' } });
    expect(invocation.claims).not.toHaveProperty('context');
    expect(invocation.claims).not.toHaveProperty('principal');
    expect(invocation.headers['x-forge-oauth-system']).toBe('sys');
    expect(invocation.headers).not.toHaveProperty('x-forge-oauth-user');
    expect(verifiesAgainstJwks(invocation.token, signer.jwks())).toBe(true);
  });

  it('builds the documented installed/upgraded payloads', () => {
    expect(signer.lifecyclePayload('avi:forge:installed:app', { installationId, accountId: principal })).toEqual({
      id: installationId.split('/')[1],
      installerAccountId: principal,
      app: { id: signer.appId.split('/')[1], version: '2.0.0', name: 'WebRiskOps' },
      environment: { id: signer.environmentId.split('/').pop() },
      eventType: 'avi:forge:installed:app',
    });
    expect(signer.lifecyclePayload('avi:forge:upgraded:app', { installationId, accountId: principal })).toHaveProperty('upgraderAccountId', principal);
  });
});

describe('createForgeInvocationSigner: each bad variant has exactly its defect', () => {
  const signer = makeSigner();
  const jwks = signer.jwks();
  const good = signer.claims({ ...adminPage, jti: 'fixed' });
  const bad = (defect: (typeof FIT_DEFECTS)[number], input: ForgeInvocationInput = adminPage) => decodeJwt(signer.sign({ ...input, jti: 'fixed' }, defect));
  const signedOk = (defect: (typeof FIT_DEFECTS)[number]) => verifiesAgainstJwks(signer.sign(adminPage, defect), jwks);

  it('covers every defect in FIT_DEFECTS', () => {
    expect(FIT_DEFECTS).toHaveLength(14);
  });

  it('wrong-signature: same kid and claims, signature from a key outside the JWKS', () => {
    const token = bad('wrong-signature');
    expect(token.header).toEqual({ alg: 'RS256', kid: signer.currentKid, typ: 'JWT' });
    expect(token.payload).toEqual(good);
    expect(signedOk('wrong-signature')).toBe(false);
  });

  it('unknown-kid: a kid the JWKS does not list', () => {
    const token = bad('unknown-kid');
    expect(jwks.keys.map((key) => (key as { kid: string }).kid)).not.toContain(token.header.kid);
    expect(token.payload).toEqual(good);
  });

  it('expired and not-yet-valid: outside any small clock tolerance, otherwise good', () => {
    const expired = bad('expired').payload;
    expect(expired.exp as number).toBeLessThan(NOW / 1000 - 60);
    expect({ ...expired, iat: good.iat, nbf: good.nbf, exp: good.exp }).toEqual(good);
    const early = bad('not-yet-valid').payload;
    expect(early.nbf as number).toBeGreaterThan(NOW / 1000 + 60);
    expect(signedOk('expired')).toBe(true);
  });

  it('wrong-audience / wrong-issuer / app-id-mismatch change only that claim', () => {
    expect(bad('wrong-audience').payload).toEqual({ ...good, aud: expect.not.stringMatching(signer.appId) });
    expect(bad('wrong-audience').payload.aud).toMatch(/^ari:cloud:ecosystem::app\//);
    expect(bad('wrong-issuer').payload).toEqual({ ...good, iss: 'forge/not-an-invocation-token' });
    const appIdMismatch = bad('app-id-mismatch').payload as { app: { id: string }; aud: string };
    expect(appIdMismatch.aud).toBe(signer.appId);
    expect(appIdMismatch.app.id).not.toBe(signer.appId);
    expect(signedOk('wrong-audience') && signedOk('wrong-issuer') && signedOk('app-id-mismatch')).toBe(true);
  });

  it('alg-none: no signature at all', () => {
    const token = signer.sign(adminPage, 'alg-none');
    expect(token.endsWith('.')).toBe(true);
    expect(decodeJwt(token).header.alg).toBe('none');
    expect(verifiesAgainstJwks(token, jwks)).toBe(false);
  });

  it('hs256-public-key: HMAC-SHA256 keyed with the public key PEM (a naive verifier would accept it)', () => {
    const token = signer.sign(adminPage, 'hs256-public-key');
    const { header, signingInput, signature } = decodeJwt(token);
    expect(header).toEqual({ alg: 'HS256', kid: signer.currentKid, typ: 'JWT' });
    expect(signer.publicKeyPem()).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(signature.equals(createHmac('sha256', signer.publicKeyPem()).update(signingInput).digest())).toBe(true);
    expect(verifiesAgainstJwks(token, jwks)).toBe(false);
  });

  it('wrong-module-key: validly signed, another module in app.module.key and context.moduleKey', () => {
    const payload = bad('wrong-module-key').payload as { app: { module: { key: string; type: string } }; context: { moduleKey: string } };
    expect(payload.app.module).toEqual({ type: 'jira:adminPage', key: 'wro-some-other-module' });
    expect(payload.context.moduleKey).toBe('wro-some-other-module');
    expect(signedOk('wrong-module-key')).toBe(true);
  });

  it('cloud-id-mismatch: context.cloudId differs from the installation context and apiBaseUrl', () => {
    const payload = bad('cloud-id-mismatch').payload as {
      app: { apiBaseUrl: string; installation: { contexts: { cloudId: string }[] } };
      context: { cloudId: string };
    };
    expect(payload.context.cloudId).not.toBe(cloudId);
    expect(payload.app.installation.contexts[0]!.cloudId).toBe(cloudId);
    expect(payload.app.apiBaseUrl.endsWith(`/${cloudId}`)).toBe(true);
    expect(signedOk('cloud-id-mismatch')).toBe(true);
    expect(() => signer.sign(lifecycle, 'cloud-id-mismatch')).toThrow(/frontend/);
  });

  it('api-base-url-mismatch and foreign-api-base-url: apiBaseUrl is off', () => {
    const mismatch = bad('api-base-url-mismatch').payload as { app: { apiBaseUrl: string } };
    expect(mismatch.app.apiBaseUrl.startsWith('https://api.atlassian.test:8443/ex/jira/')).toBe(true);
    expect(mismatch.app.apiBaseUrl.endsWith(`/${cloudId}`)).toBe(false);
    const foreign = bad('foreign-api-base-url').payload as {
      app: { apiBaseUrl: string; installation: { contexts: { apiBaseUrl: string; cloudId: string }[] } };
    };
    expect(foreign.app.apiBaseUrl).toBe(`https://api.evil.test/ex/jira/${cloudId}`);
    expect(foreign.app.installation.contexts[0]).toMatchObject({ apiBaseUrl: foreign.app.apiBaseUrl, cloudId });
  });

  it('reused-jti: every such token is good apart from carrying the same jti', () => {
    const first = decodeJwt(signer.sign(adminPage, 'reused-jti')).payload;
    const second = decodeJwt(signer.sign(adminPage, 'reused-jti')).payload;
    expect(first.jti).toBe(REUSED_JTI);
    expect(second.jti).toBe(REUSED_JTI);
    expect(signedOk('reused-jti')).toBe(true);
  });
});

describe('createForgeInvocationSigner: key rotation', () => {
  it('adds a key with a new kid, keeps the old one published unless dropped', () => {
    const signer = makeSigner();
    const before = signer.sign(adminPage);
    const firstKid = signer.currentKid;
    const secondKid = signer.rotate();
    expect(secondKid).not.toBe(firstKid);
    const after = signer.sign(adminPage);
    expect(decodeJwt(after).header.kid).toBe(secondKid);
    expect(signer.jwks().keys.map((key) => (key as { kid: string }).kid)).toEqual([firstKid, secondKid]);
    expect(verifiesAgainstJwks(before, signer.jwks())).toBe(true);
    expect(verifiesAgainstJwks(after, signer.jwks())).toBe(true);

    const thirdKid = signer.rotate({ dropPrevious: true });
    expect(signer.jwks().keys.map((key) => (key as { kid: string }).kid)).toEqual([thirdKid]);
    expect(verifiesAgainstJwks(after, signer.jwks())).toBe(false);
    expect(verifiesAgainstJwks(signer.sign(adminPage), signer.jwks())).toBe(true);
  });
});
