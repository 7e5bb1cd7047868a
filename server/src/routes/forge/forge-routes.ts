import { Hono } from 'hono';
import { FORGE_REMOTE_ROUTES, forgeDisconnectRequestSchema, forgePairRequestSchema, type ForgeRemoteRoute } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { forgeError, validationFailed } from '../../errors';
import { pairForgeInstallation } from '../../providers/jira-cloud/pair-forge-installation';
import { forgeDisconnect, forgeStatus } from '../../providers/jira-cloud/forge-status';
import { handleForgeInstalled, handleForgePreUninstall, storeForgeSystemToken } from '../../providers/jira-cloud/forge-lifecycle';
import { forgeInvocationAuth, type ForgeEnv } from './forge-invocation-auth';
import { receiveForgeIssueEvent } from '../../commands/status/receive-forge-issue-event';

async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return null;
  }
}

/** `/forge/v1/*`: the Forge Remote routes, each bound to the manifest modules the shared contract names. */
export function forgeRoutes(deps: AppDeps) {
  const auth = (route: ForgeRemoteRoute) => forgeInvocationAuth(deps, route);
  const forge = new Hono<ForgeEnv>();
  const R = FORGE_REMOTE_ROUTES;

  forge.post(R.pair.path, auth(R.pair), async (c) => {
    const body = forgePairRequestSchema.safeParse(await jsonBody(c.req.raw));
    if (!body.success) throw forgeError('PAIRING_CODE_INVALID', 400, 'The code is not in the WRO-… format.');
    await pairForgeInstallation(deps, c.get('invocation'), { code: body.data.code, userToken: c.get('userToken'), systemToken: c.get('systemToken') });
    return c.json(await forgeStatus(deps, c.get('invocation')), 200);
  });
  forge.get(R.status.path, auth(R.status), async (c) => c.json(await forgeStatus(deps, c.get('invocation')), 200));
  forge.post(R.disconnect.path, auth(R.disconnect), async (c) => {
    if (!forgeDisconnectRequestSchema.safeParse(await jsonBody(c.req.raw)).success) {
      throw validationFailed('Disconnecting needs a confirmation.', 'Send {"confirm": true} after the admin confirmed in the page.');
    }
    return c.json(await forgeDisconnect(deps, c.get('invocation'), c.get('userToken')), 200);
  });
  forge.post(R.lifecycle.path, auth(R.lifecycle), async (c) => {
    const body = (await jsonBody(c.req.raw)) as { eventType?: unknown } | null;
    const eventType = typeof body?.eventType === 'string' ? body.eventType : 'unknown';
    await handleForgeInstalled(deps, c.get('invocation'), c.get('systemToken'));
    deps.logger.info('forge lifecycle event', { event_type: eventType, installation_id: c.get('invocation').installationId });
    return c.json({ ok: true }, 200);
  });
  forge.post(R.preUninstall.path, auth(R.preUninstall), async (c) => {
    await handleForgePreUninstall(deps, c.get('invocation'));
    return c.json({ ok: true }, 200);
  });
  forge.post(R.tokenRefresh.path, auth(R.tokenRefresh), async (c) => {
    await storeForgeSystemToken(deps, c.get('invocation'), c.get('systemToken'));
    return c.json({ ok: true }, 200);
  });
  forge.post(R.issueEvents.path, auth(R.issueEvents), async (c) =>
    c.json(await receiveForgeIssueEvent(deps, c.get('invocation'), await jsonBody(c.req.raw)), 200),
  );
  return forge;
}
