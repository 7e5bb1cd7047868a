import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../../deps';
import { authenticateApiToken } from '../../commands/api-tokens';
import { unauthenticated } from '../../errors';
import type { ApiEnv } from './api-context';

/** Requires `Authorization: Bearer wro_…` and puts the token's principal on the context. */
export function bearerAuth(deps: AppDeps) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = match ? await authenticateApiToken(deps, match[1]!) : null;
    if (!principal) {
      throw unauthenticated(
        'A valid API token is required.',
        'Send Authorization: Bearer <token>; create one with: npm run companion -- token create --workspace <name> --role admin|export',
      );
    }
    c.set('principal', principal);
    await next();
  });
}
