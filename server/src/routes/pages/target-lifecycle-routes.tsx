import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { activateTarget } from '../../commands/activate-target';
import { revokeTarget } from '../../commands/revoke-target';
import { rotateStatusWebhookSecret } from '../../commands/status/status-webhook-secret';
import { readTargetOverview } from '../../presenters/target-overview';
import { RevokeConfirmPage, RevokedPage } from '../../views/revoke-pages';
import { targetPath } from '../../views/format';
import { pageSession, principalOf } from './page-context';
import type { PageEnv } from './page-security';
import { refusalOf, renderTargetPage } from './target-page-render';

/** Save (activate) and disconnect (revoke, after a confirmation that says what is destroyed). */
export function targetLifecycleRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.post('/settings/targets/:id/activate', async (c) => {
    const id = c.req.param('id');
    try {
      await activateTarget(deps, principalOf(c), id);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
      return renderTargetPage(c, deps, id, { refusal: refusalOf(error, 'save') }, error.status);
    }
    return c.redirect(targetPath(id), 303);
  });

  pages.get('/settings/targets/:id/revoke', async (c) => {
    const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    return c.html(<RevokeConfirmPage session={pageSession(c)} target={target} />);
  });

  pages.post('/settings/targets/:id/revoke', async (c) => {
    const result = await revokeTarget(deps, principalOf(c), c.req.param('id'));
    return c.html(<RevokedPage session={pageSession(c)} target={result.target} message={result.message} revoke={result.revoke_instructions} />);
  });

  pages.post('/settings/targets/:id/status-webhook/secret', async (c) => {
    const id = c.req.param('id');
    await rotateStatusWebhookSecret(deps, principalOf(c), id, new URL(c.req.url).origin);
    return c.redirect(`${targetPath(id)}#status-webhook`, 303);
  });

  return pages;
}
