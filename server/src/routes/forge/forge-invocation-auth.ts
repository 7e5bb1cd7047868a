import { createMiddleware } from 'hono/factory';
import type { ForgeRemoteRoute } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { AppError, forgeError } from '../../errors';
import { ForgeTokenError, verifyForgeInvocationToken, type ForgeInvocation, type ForgeVerification } from '../../forge/verify-forge-invocation';
import { JwksUnavailableError } from '../../forge/forge-jwks';
import { rememberInvocation } from '../../forge/forge-replay';

export type ForgeEnv = { Variables: { invocation: ForgeInvocation; systemToken: string | null; userToken: string | null; clientAddress: string } };

/** The caller's address: the socket on Node, Cloudflare's header on Workers. */
function clientAddressOf(env: unknown, header: (name: string) => string | undefined): string {
  const socket = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket;
  return socket?.remoteAddress ?? header('cf-connecting-ip') ?? 'unknown';
}

/**
 * Admits a Forge Remote call to one route: a valid invocation token (401 otherwise, as Forge
 * reserves), minted for a module this route accepts, carrying a user when the route needs one, and
 * never seen before. The `x-forge-oauth-*` tokens are read here and never logged.
 */
export function forgeInvocationAuth(deps: AppDeps, route: ForgeRemoteRoute, verification: () => ForgeVerification | null) {
  return createMiddleware<ForgeEnv>(async (c, next) => {
    const settings = verification();
    if (!settings) throw new AppError('FORGE_NOT_CONFIGURED', 503, 'The WebRiskOps Forge app is not configured on this companion.', 'Ask the operator to set FORGE_APP_ID.');
    let invocation: ForgeInvocation;
    try {
      invocation = await verifyForgeInvocationToken(c.req.header('authorization'), settings);
      const moduleKeys = [invocation.moduleKey, ...(invocation.contextModuleKey ? [invocation.contextModuleKey] : [])];
      if (!moduleKeys.every((key) => route.acceptedModuleKeys.includes(key))) throw new ForgeTokenError(`Module ${invocation.moduleKey} may not call ${route.path}.`);
      if (route.principalRequired && !invocation.principal) throw new ForgeTokenError('This route needs a signed-in Jira user.');
      await rememberInvocation(deps, invocation.jti, invocation.expiresAt);
    } catch (error) {
      if (error instanceof JwksUnavailableError) throw new AppError('INTERNAL', 503, 'The Forge signing keys are unavailable right now.', 'Try again in a minute.');
      if (error instanceof ForgeTokenError) {
        deps.logger.warn('forge invocation refused', { path: route.path, reason: error.message, trace_id: c.req.header('x-b3-traceid') ?? null });
        throw forgeError('FORGE_INVOCATION_INVALID', 401);
      }
      throw error;
    }
    c.set('invocation', invocation);
    c.set('systemToken', route.tokens.includes('appSystemToken') ? (c.req.header('x-forge-oauth-system') ?? null) : null);
    c.set('userToken', route.tokens.includes('appUserToken') ? (c.req.header('x-forge-oauth-user') ?? null) : null);
    c.set('clientAddress', clientAddressOf(c.env, (name) => c.req.header(name)));
    await next();
  });
}
