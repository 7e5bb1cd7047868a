import { Hono } from 'hono';
import { targetNameSchema } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { AppError, validationFailed } from '../../errors';
import { activateTarget } from '../../commands/activate-target';
import { revokeTarget } from '../../commands/revoke-target';
import { deleteDraftTarget } from '../../commands/delete-draft-target';
import { updateDataCenterTarget } from '../../providers/jira-data-center/update-data-center-target';
import { rotateStatusWebhookSecret } from '../../commands/status/status-webhook-secret';
import { readTargetOverview } from '../../presenters/target-overview';
import { RevokeConfirmPage, RevokedPage, revokePathOf } from '../../views/revoke-pages';
import { DeleteDraftPage, RenameTargetPage } from '../../views/target-name-pages';
import { targetPath } from '../../views/format';
import { pageSession, principalOf, readForm, typedValues } from './page-context';
import type { PageEnv } from './page-security';
import { refusalOf } from './target-page-render';
import { readFlash, redirectWithFlash, refuseOnTargetPage } from './page-flash';

/** Save (activate), rename, delete a draft, and disconnect (revoke, after a confirmation that says what is destroyed); every POST answers a redirect. */
export function targetLifecycleRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.post('/settings/targets/:id/activate', async (c) => {
    const id = c.req.param('id');
    try {
      await activateTarget(deps, principalOf(c), id);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
      return refuseOnTargetPage(c, deps, id, { refusal: refusalOf(error, 'save') });
    }
    return c.redirect(targetPath(id), 303);
  });

  pages.get('/settings/targets/:id/rename', async (c) => {
    const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    const flash = await readFlash(c, deps);
    return c.html(<RenameTargetPage session={pageSession(c)} target={target} values={flash?.values ?? {}} refusal={flash?.refusal ?? null} />);
  });

  pages.post('/settings/targets/:id/rename', async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      const name = targetNameSchema.safeParse(form.name ?? '');
      if (!name.success) {
        throw validationFailed(
          `name: ${name.error.issues.map((issue) => issue.message).join('; ')}`,
          'Type a name of 1 to 120 characters, on one line, and submit again.',
        );
      }
      await updateDataCenterTarget(deps, principalOf(c), id, { name: name.data });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
      return redirectWithFlash(c, deps, targetPath(id, '/rename'), { refusal: refusalOf(error, 'name'), values: typedValues(form) });
    }
    return c.redirect(targetPath(id), 303);
  });

  pages.get('/settings/targets/:id/delete', async (c) => {
    const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    return c.html(<DeleteDraftPage session={pageSession(c)} target={target} />);
  });

  pages.post('/settings/targets/:id/delete', async (c) => {
    const deleted = await deleteDraftTarget(deps, principalOf(c), c.req.param('id'));
    return redirectWithFlash(c, deps, '/settings', { notice: `The draft "${deleted.name}" is deleted, with its pairing codes. Its audit trail is kept.` });
  });

  // Once revoked, this page says what happened and where to revoke (the POST's message travels in the flash).
  pages.get('/settings/targets/:id/revoke', async (c) => {
    const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    if (target.state !== 'revoked') return c.html(<RevokeConfirmPage session={pageSession(c)} target={target} />);
    const flash = await readFlash(c, deps);
    return c.html(<RevokedPage session={pageSession(c)} target={target} message={flash?.notice ?? null} revoke={revokePathOf(target)} />);
  });

  pages.post('/settings/targets/:id/revoke', async (c) => {
    const result = await revokeTarget(deps, principalOf(c), c.req.param('id'));
    return redirectWithFlash(c, deps, targetPath(result.target.id, '/revoke'), { notice: result.message });
  });

  pages.post('/settings/targets/:id/status-webhook/secret', async (c) => {
    const id = c.req.param('id');
    await rotateStatusWebhookSecret(deps, principalOf(c), id, new URL(c.req.url).origin);
    return c.redirect(`${targetPath(id)}#status-webhook`, 303);
  });

  return pages;
}
