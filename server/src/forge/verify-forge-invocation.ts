import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** The identity a verified Forge Invocation Token gives: taken only from signed claims. */
export interface ForgeInvocation {
  jti: string;
  expiresAt: Date;
  appId: string;
  installationId: string;
  apiBaseUrl: string;
  cloudId: string;
  siteUrl: string | null;
  environmentType: string | null;
  moduleKey: string;
  moduleType: string | null;
  contextModuleKey: string | null;
  principal: string | null;
}

export class ForgeTokenError extends Error {
  override name = 'ForgeTokenError';
}

export interface ForgeVerification {
  appId: string;
  /** `${ATLASSIAN_API_URL}/ex/jira/`: every apiBaseUrl must start with it. */
  jiraApiPrefix: string;
  getKey: JWTVerifyGetKey;
  now: () => Date;
}

const record = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function claims(payload: JWTPayload, settings: ForgeVerification): ForgeInvocation {
  const app = record(payload.app);
  const context = record(payload.context);
  const installation = record(app?.installation);
  const module = record(app?.module);
  const appId = text(app?.id);
  const installationId = text(app?.installationId);
  const apiBaseUrl = text(app?.apiBaseUrl);
  const moduleKey = text(module?.key);
  if (!app || appId !== settings.appId) throw new ForgeTokenError('app.id is not this app.');
  if (!installationId || (installation && text(installation.id) && installation.id !== installationId))
    throw new ForgeTokenError('The installation id is missing or inconsistent.');
  if (!apiBaseUrl || !apiBaseUrl.startsWith(settings.jiraApiPrefix)) throw new ForgeTokenError('app.apiBaseUrl is not under the Atlassian API.');
  const cloudId = apiBaseUrl.slice(settings.jiraApiPrefix.length);
  if (!/^[0-9a-f-]{36}$/i.test(cloudId)) throw new ForgeTokenError('app.apiBaseUrl does not end in a cloudId.');
  const contexts = Array.isArray(installation?.contexts) ? (installation!.contexts as unknown[]).map(record) : [];
  const jira = contexts.find((entry) => entry && (text(entry.name) === 'jira' || text(entry.apiBaseUrl) === apiBaseUrl));
  if (jira && text(jira.cloudId) && jira.cloudId !== cloudId) throw new ForgeTokenError('The installation context names another cloudId.');
  if (context && text(context.cloudId) && context.cloudId !== cloudId) throw new ForgeTokenError('context.cloudId does not match app.apiBaseUrl.');
  if (!moduleKey) throw new ForgeTokenError('app.module.key is missing.');
  if (!text(payload.jti)) throw new ForgeTokenError('The token has no jti.');
  return {
    jti: payload.jti!,
    expiresAt: new Date(payload.exp! * 1000),
    appId,
    installationId,
    apiBaseUrl,
    cloudId,
    siteUrl: text(context?.siteUrl),
    environmentType: text(record(app.environment)?.type),
    moduleKey,
    moduleType: text(module?.type),
    contextModuleKey: text(context?.moduleKey),
    principal: text(payload.principal),
  };
}

/**
 * Verifies a Forge Invocation Token: RS256 only, Forge's keys, issuer `forge/invocation-token`,
 * audience our app id, a 5 s clock tolerance, then the cross-checks on the app claims (app id,
 * apiBaseUrl under the configured Atlassian API, cloudId consistent everywhere it appears).
 */
export async function verifyForgeInvocationToken(authorization: string | undefined, settings: ForgeVerification): Promise<ForgeInvocation> {
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization ?? '');
  if (!match) throw new ForgeTokenError('A Forge Invocation Token is required.');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(match[1]!, settings.getKey, {
      issuer: 'forge/invocation-token',
      audience: settings.appId,
      algorithms: ['RS256'],
      clockTolerance: 5,
      requiredClaims: ['exp', 'iat', 'jti'],
      currentDate: settings.now(),
    }));
  } catch (error) {
    if ((error as Error).name === 'JwksUnavailableError') throw error;
    throw new ForgeTokenError(`The Forge Invocation Token was refused (${(error as { code?: string }).code ?? 'invalid'}).`);
  }
  return claims(payload, settings);
}

/** Reads `exp` of an opaque Atlassian token without trusting anything else in it. */
export function tokenExpiry(token: string): Date | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? new Date(json.exp * 1000) : null;
  } catch {
    return null;
  }
}
