import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { AppError, validationFailed } from '../../errors';
import { cloudApiTokenInputSchema, setCloudApiToken } from '../../commands/cloud/set-cloud-api-token';
import { targetPath } from '../../views/format';
import { principalOf, readForm, typedValues } from './page-context';
import type { PageEnv } from './page-security';
import { refusalOf, renderTargetPage } from './target-page-render';

/** A date input's day as the instant the command expects (start of that day, UTC). */
const dayToInstant = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);

/** The Jira Cloud API-token form (OAuth's start lives in oauth-routes; Forge pairing starts in target-routes). */
export function cloudPageRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.post('/settings/targets/:id/api-token', async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    try {
      const input = cloudApiTokenInputSchema.safeParse({
        site_url: (form.site_url ?? '').trim(),
        email: (form.email ?? '').trim(),
        api_token: (form.api_token ?? '').trim(),
        ...(form.expires_at ? { expires_at: dayToInstant(form.expires_at) } : {}),
      });
      if (!input.success) {
        const fields = input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
        throw validationFailed(`Some fields are not valid: ${fields}.`, 'Correct the named fields and submit again.');
      }
      await setCloudApiToken(deps, principalOf(c), id, input.data);
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
      return renderTargetPage(c, deps, id, { refusal: refusalOf(error, 'api-token'), values: typedValues(form) }, error.status);
    }
    return c.redirect(targetPath(id), 303);
  });

  return pages;
}
