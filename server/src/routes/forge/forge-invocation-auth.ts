import { createMiddleware } from 'hono/factory';
import type { ForgeRemoteRoute } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { forgeError, notConfigured, temporarilyUnavailable } from '../../errors';
import { ForgeTokenError, verifyForgeInvocationToken, type ForgeInvocation } from '../../forge/verify-forge-invocation';
import { JwksUnavailableError } from '../../forge/forge-jwks';
import { ensureInstallation } from '../../providers/jira-cloud/forge-installations';

export type ForgeEnv = { Variables: { invocation: ForgeInvocation; systemToken: string | null; userToken: string | null } };

/**
 * Admits a Forge Remote call to one route: a valid invocation token (401 otherwise, as Forge
 * reserves), minted for a module this route accepts, carrying a user when the route needs one,
 * never seen before, and naming the site its installation was first seen on (409 otherwise). The `x-forge-oauth-*` tokens are read here and never logged.
 */
export function forgeInvocationAuth(deps: AppDeps, route: ForgeRemoteRoute) {
  return createMiddleware<ForgeEnv>(async (c, next) => {
    const settings = deps.forge.verification();
    if (!settings)
      throw notConfigured(
        'FORGE_NOT_CONFIGURED',
        503,
        'The WebRiskOps Forge app is not configured on this companion.',
        'Ask the operator to set FORGE_APP_ID.',
      );
    let invocation: ForgeInvocation;
    try {
      invocation = await verifyForgeInvocationToken(c.req.header('authorization'), settings);
      const moduleKeys = [invocation.moduleKey, ...(invocation.contextModuleKey ? [invocation.contextModuleKey] : [])];
      if (!moduleKeys.every((key) => route.acceptedModuleKeys.includes(key)))
        throw new ForgeTokenError(`Module ${invocation.moduleKey} may not call ${route.path}.`);
      if (route.principalRequired && !invocation.principal) throw new ForgeTokenError('This route needs a signed-in Jira user.');
      await deps.forge.rememberInvocation(invocation.jti, invocation.expiresAt);
    } catch (error) {
      if (error instanceof JwksUnavailableError) throw temporarilyUnavailable('The Forge signing keys are unavailable right now.', 'Try again in a minute.');
      if (error instanceof ForgeTokenError) {
        deps.logger.warn('forge invocation refused', { path: route.path, reason: error.message, trace_id: c.req.header('x-b3-traceid') ?? null });
        throw forgeError('FORGE_INVOCATION_INVALID', 401);
      }
      throw error;
    }
    // Every call is held to the installation as first seen and paired (cloud id, apiBaseUrl): refused and audited otherwise.
    await ensureInstallation(deps, invocation);
    c.set('invocation', invocation);
    c.set('systemToken', route.tokens.includes('appSystemToken') ? (c.req.header('x-forge-oauth-system') ?? null) : null);
    c.set('userToken', route.tokens.includes('appUserToken') ? (c.req.header('x-forge-oauth-user') ?? null) : null);
    await next();
  });
}
