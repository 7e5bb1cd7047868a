import { generateKeyPairSync, randomBytes, randomUUID, type JsonWebKey, type KeyObject } from 'node:crypto';
import { signHs256, signRs256, unsecured, type JwtObject } from './test-jwt';

/** `iss` of every Forge Invocation Token (forge-remote.md §2). */
export const FORGE_FIT_ISSUER = 'forge/invocation-token';
/** The fixed `jti` every `reused-jti` token carries, so two of them are a replay. */
export const REUSED_JTI = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';
/** The FIT lifetime in the docs' example (exp − iat = 25 s). */
export const FIT_LIFETIME_SECONDS = 25;

/** Each way a test FIT can be wrong; every variant carries exactly the defect its name says. */
export type FitDefect =
  /** RS256 with the advertised `kid`, but signed by a key that is not in the JWKS. */
  | 'wrong-signature'
  /** RS256 by a key whose `kid` the JWKS does not list (the verifier should refetch once, then fail). */
  | 'unknown-kid'
  /** `exp` two minutes in the past (beyond any ≤10 s clock tolerance). */
  | 'expired'
  /** `nbf`/`iat` two minutes in the future. */
  | 'not-yet-valid'
  /** `aud` is another app's ARI (`app.id` is still ours). */
  | 'wrong-audience'
  /** `iss` is not `forge/invocation-token`. */
  | 'wrong-issuer'
  /** `alg: none`, empty signature. */
  | 'alg-none'
  /** `alg: HS256`, HMAC keyed with the current public key's SPKI PEM text (key-confusion attack). */
  | 'hs256-public-key'
  /** Validly signed, but `app.module.key` and `context.moduleKey` name another module. */
  | 'wrong-module-key'
  /** Validly signed, but `context.cloudId` differs from `app.installation.contexts[jira].cloudId` and `app.apiBaseUrl`. */
  | 'cloud-id-mismatch'
  /** Validly signed, but `app.apiBaseUrl` names another cloudId than `context.cloudId` and the installation context. */
  | 'api-base-url-mismatch'
  /** Validly signed and self-consistent, but every apiBaseUrl points outside the Atlassian API base (SSRF bait). */
  | 'foreign-api-base-url'
  /** Validly signed, but `app.id` differs from `aud`. */
  | 'app-id-mismatch'
  /** Validly signed, but `jti` is always {@link REUSED_JTI}: the second one is a replay. */
  | 'reused-jti';

/** Every defect, for table-driven tests. */
export const FIT_DEFECTS: readonly FitDefect[] = [
  'wrong-signature',
  'unknown-kid',
  'expired',
  'not-yet-valid',
  'wrong-audience',
  'wrong-issuer',
  'alg-none',
  'hs256-public-key',
  'wrong-module-key',
  'cloud-id-mismatch',
  'api-base-url-mismatch',
  'foreign-api-base-url',
  'app-id-mismatch',
  'reused-jti',
];

/** Who and where one invocation comes from. */
export interface ForgeInvocationInput {
  cloudId: string;
  /** `ari:cloud:ecosystem::installation/<uuid>`. */
  installationId: string;
  /**
   * `frontend`: a UI module calling its remote resolver (`invokeRemote` from @forge/bridge): has `context` and
   * `principal`. `trigger`: lifecycle/scheduled trigger or preUninstall: `core:endpoint`, no context, no principal.
   */
  kind: 'frontend' | 'trigger';
  /** Frontend: the UI module key (e.g. `webriskops-admin`). Trigger: the endpoint key (e.g. `wro-lifecycle`). */
  moduleKey: string;
  /** Frontend only; default `jira:adminPage`. Triggers are always `core:endpoint`. */
  moduleType?: string;
  /** Frontend only: the accountId of the user in session. */
  principal?: string;
  /** Frontend only: e.g. `https://acme.atlassian.net`. */
  siteUrl?: string;
  /** Frontend only; default a fresh uuid. */
  localId?: string;
  /** Present only for paid apps in production (forge-remote.md §2). */
  license?: JwtObject;
  /** Overrides the random `jti`. */
  jti?: string;
}

/** A request exactly as Forge sends it to a remote. */
export interface ForgeInvocation {
  token: string;
  /** The claims the token carries (after any defect was applied). */
  claims: JwtObject;
  headers: Record<string, string>;
}

/** Options of {@link createForgeInvocationSigner}. */
export interface ForgeInvocationSignerOptions {
  /** App ARI; default a fresh `ari:cloud:ecosystem::app/<uuid>`. */
  appId?: string;
  appVersion?: string;
  environmentType?: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  /** `ATLASSIAN_API_URL` the FIT's apiBaseUrl is built from; default `https://api.atlassian.com`. */
  apiBaseUrl?: string;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
  /** The module key `wrong-module-key` tokens carry. */
  otherModuleKey?: string;
}

/** A test stand-in for Forge's token service: signs FITs, publishes the JWKS, rotates keys. */
export interface ForgeInvocationSigner {
  readonly appId: string;
  readonly environmentId: string;
  readonly environmentType: string;
  readonly appVersion: string;
  /** The `kid` new tokens are signed with. */
  readonly currentKid: string;
  /** What the JWKS host serves: public keys of every key not dropped. */
  jwks(): { keys: JsonWebKey[] };
  /** Adds a key with a new `kid` and signs with it from now on; `dropPrevious` removes the older ones from the JWKS. */
  rotate(options?: { dropPrevious?: boolean }): string;
  /** SPKI PEM of the current public key (the bytes the HS256 confusion attack uses). */
  publicKeyPem(): string;
  /** The claims a good token for `input` carries. */
  claims(input: ForgeInvocationInput): JwtObject;
  /** A compact FIT, good unless `defect` is given. */
  sign(input: ForgeInvocationInput, defect?: FitDefect): string;
  /** Authorization and trace headers, plus `x-forge-oauth-system` / `x-forge-oauth-user` when tokens are given. */
  invocation(input: ForgeInvocationInput & { systemToken?: string; userToken?: string; defect?: FitDefect }): ForgeInvocation;
  /** Builds the documented `avi:forge:installed:app` / `avi:forge:upgraded:app` payload for this app. */
  lifecyclePayload(event: 'avi:forge:installed:app' | 'avi:forge:upgraded:app', input: { installationId: string; accountId?: string }): JwtObject;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function newKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `forge-test-${randomBytes(6).toString('hex')}`, privateKey, publicKey };
}

function uuidOf(ari: string): string {
  return ari.slice(ari.lastIndexOf('/') + 1);
}

/** Creates a signer with one RSA-2048 key. */
export function createForgeInvocationSigner(options: ForgeInvocationSignerOptions = {}): ForgeInvocationSigner {
  const appId = options.appId ?? `ari:cloud:ecosystem::app/${randomUUID()}`;
  const appVersion = options.appVersion ?? '2.0.0';
  const environmentType = options.environmentType ?? 'PRODUCTION';
  const environmentId = `ari:cloud:ecosystem::environment/${uuidOf(appId)}/${randomUUID()}`;
  const apiBase = (options.apiBaseUrl ?? 'https://api.atlassian.com').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const otherModuleKey = options.otherModuleKey ?? 'wro-some-other-module';
  const keys: SigningKey[] = [newKey()];
  let published: SigningKey[] = [...keys];
  const attacker = newKey();
  const current = () => keys[keys.length - 1]!;

  function claims(input: ForgeInvocationInput): JwtObject {
    const iat = Math.floor(now() / 1000);
    const apiBaseUrl = `${apiBase}/ex/jira/${input.cloudId}`;
    const frontend = input.kind === 'frontend';
    const moduleType = frontend ? (input.moduleType ?? 'jira:adminPage') : 'core:endpoint';
    const app: JwtObject = {
      id: appId,
      appVersion,
      installationId: input.installationId,
      installation: { id: input.installationId, contexts: [{ name: 'jira', apiBaseUrl, cloudId: input.cloudId }] },
      apiBaseUrl,
      environment: { type: environmentType, id: environmentId },
      module: { type: moduleType, key: input.moduleKey },
      ...(input.license ? { license: input.license } : {}),
    };
    const payload: JwtObject = { app };
    if (frontend) {
      payload.context = {
        localId: input.localId ?? randomUUID(),
        cloudId: input.cloudId,
        moduleKey: input.moduleKey,
        ...(input.siteUrl ? { siteUrl: input.siteUrl } : {}),
        extension: { type: moduleType },
      };
      if (input.principal) payload.principal = input.principal;
    }
    return {
      ...payload,
      aud: appId,
      iss: FORGE_FIT_ISSUER,
      iat,
      nbf: iat,
      exp: iat + FIT_LIFETIME_SECONDS,
      jti: input.jti ?? randomBytes(20).toString('hex'),
    };
  }

  function withDefect(good: JwtObject, defect: FitDefect | undefined): JwtObject {
    const payload = structuredClone(good);
    const app = payload.app as JwtObject & { installation: { contexts: JwtObject[] }; module: JwtObject };
    const context = payload.context as JwtObject | undefined;
    const otherCloudId = randomUUID();
    const iat = payload.iat as number;
    switch (defect) {
      case 'expired':
        return { ...payload, iat: iat - 180, nbf: iat - 180, exp: iat - 120 };
      case 'not-yet-valid':
        return { ...payload, iat: iat + 120, nbf: iat + 120, exp: iat + 120 + FIT_LIFETIME_SECONDS };
      case 'wrong-audience':
        return { ...payload, aud: `ari:cloud:ecosystem::app/${randomUUID()}` };
      case 'wrong-issuer':
        return { ...payload, iss: 'forge/not-an-invocation-token' };
      case 'wrong-module-key':
        app.module.key = otherModuleKey;
        if (context) context.moduleKey = otherModuleKey;
        return payload;
      case 'cloud-id-mismatch':
        if (context) context.cloudId = otherCloudId;
        else throw new Error('cloud-id-mismatch needs a frontend invocation (only those carry context.cloudId)');
        return payload;
      case 'api-base-url-mismatch':
        app.apiBaseUrl = `${apiBase}/ex/jira/${otherCloudId}`;
        return payload;
      case 'foreign-api-base-url': {
        const cloudId = uuidOf(String(app.apiBaseUrl));
        const foreign = `https://api.evil.test/ex/jira/${cloudId}`;
        app.apiBaseUrl = foreign;
        for (const entry of app.installation.contexts) entry.apiBaseUrl = foreign;
        return payload;
      }
      case 'app-id-mismatch':
        app.id = `ari:cloud:ecosystem::app/${randomUUID()}`;
        return payload;
      case 'reused-jti':
        return { ...payload, jti: REUSED_JTI };
      default:
        return payload;
    }
  }

  function sign(input: ForgeInvocationInput, defect?: FitDefect): string {
    const payload = withDefect(claims(input), defect);
    const key = current();
    switch (defect) {
      case 'wrong-signature':
        return signRs256({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, payload, attacker.privateKey);
      case 'unknown-kid':
        return signRs256({ alg: 'RS256', kid: attacker.kid, typ: 'JWT' }, payload, attacker.privateKey);
      case 'alg-none':
        return unsecured({ alg: 'none', kid: key.kid, typ: 'JWT' }, payload);
      case 'hs256-public-key':
        return signHs256({ alg: 'HS256', kid: key.kid, typ: 'JWT' }, payload, publicKeyPem());
      default:
        return signRs256({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, payload, key.privateKey);
    }
  }

  function publicKeyPem(): string {
    return current().publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  return {
    appId,
    environmentId,
    environmentType,
    appVersion,
    get currentKid() {
      return current().kid;
    },
    jwks() {
      return {
        keys: published.map((key) => ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, kty: 'RSA', alg: 'RS256', use: 'sig' })),
      };
    },
    rotate(rotation = {}) {
      const key = newKey();
      keys.push(key);
      published = rotation.dropPrevious ? [key] : [...published, key];
      return key.kid;
    },
    publicKeyPem,
    claims,
    sign,
    invocation(input) {
      const token = sign(input, input.defect);
      const [, payload = ''] = token.split('.');
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        'x-b3-traceid': randomBytes(8).toString('hex'),
        'x-b3-spanid': randomBytes(8).toString('hex'),
      };
      if (input.systemToken) headers['x-forge-oauth-system'] = input.systemToken;
      if (input.userToken && input.kind === 'frontend') headers['x-forge-oauth-user'] = input.userToken;
      return { token, claims: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtObject, headers };
    },
    lifecyclePayload(event, input) {
      const who = event === 'avi:forge:installed:app' ? 'installerAccountId' : 'upgraderAccountId';
      return {
        id: uuidOf(input.installationId),
        ...(input.accountId ? { [who]: input.accountId } : {}),
        app: { id: uuidOf(appId), version: appVersion, name: 'WebRiskOps' },
        environment: { id: uuidOf(environmentId) },
        eventType: event,
      };
    },
  };
}
