import { Hono } from 'hono';
import type { AppDeps } from '../../../deps';
import { AppError, validationFailed } from '../../../errors';
import { cloudApiTokenInputSchema, setCloudApiToken } from '../set-cloud-api-token';
import { targetPath } from '../../../views/format';
import { pageSession, principalOf, readForm, typedValues } from '../../../routes/pages/page-context';
import { CloudMethodPage } from '../../../views/new-target-page';
import { oauthConfigured } from '../oauth-connection';
import type { PageEnv } from '../../../routes/pages/page-security';
import { refusalOf } from '../../../routes/pages/target-page-render';
import { readFlash, refuseOnTargetPage } from '../../../routes/pages/page-flash';

/** A date input's day as the instant the command expects (start of that day, UTC). */
const dayToInstant = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);

/** The Jira Cloud API-token form and the auth-method choice (OAuth's start lives in oauth-routes; Forge pairing starts through the registry in target-routes). */
export function cloudPageRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.get('/settings/targets/new/cloud', async (c) => {
    const flash = await readFlash(c, deps);
    return c.html(
      <CloudMethodPage
        session={pageSession(c)}
        provider="jira_cloud"
        forgeAvailable={deps.config.atlassian.forgeAppId !== null}
        oauthAvailable={oauthConfigured(deps)}
        values={flash?.values ?? {}}
        refusal={flash?.refusal ?? null}
      />,
    );
  });

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
      return refuseOnTargetPage(c, deps, id, { refusal: refusalOf(error, 'api-token'), values: typedValues(form) });
    }
    return c.redirect(targetPath(id), 303);
  });

  return pages;
}
