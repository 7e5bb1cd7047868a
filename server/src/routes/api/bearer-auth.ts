import { createMiddleware } from 'hono/factory';
import type { AppDeps, Principal } from '../../deps';
import { authenticateApiToken } from '../../commands/api-tokens';
import { unauthenticated } from '../../errors';
import type { ApiEnv } from './api-context';
import { requestHeader } from '../request-header';

/** The token of an `Authorization: Bearer …` header, undefined for any other header (or none). */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

/**
 * The principal of an `Authorization: Bearer wro_…` header; throws 401 UNAUTHENTICATED without a
 * valid, unrevoked token. `dataVersion`: the store's, as the request already read it (see Store).
 */
export async function principalOfBearer(deps: AppDeps, header: string | undefined, dataVersion?: number): Promise<Principal> {
  const token = bearerToken(header);
  const principal = token === undefined ? null : await authenticateApiToken(deps, token, dataVersion);
  if (!principal) {
    throw unauthenticated(
      'A valid API token is required.',
      'Send Authorization: Bearer <token>; create one with: npm run companion -- token create --workspace <name> --role admin|export',
    );
  }
  return principal;
}

/** Requires `Authorization: Bearer wro_…` and puts the token's principal on the context. */
export function bearerAuth(deps: AppDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    c.set('principal', await principalOfBearer(deps, requestHeader(c, 'authorization')));
    await next();
  });
}
