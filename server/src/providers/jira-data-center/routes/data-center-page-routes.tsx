import { Hono } from 'hono';
import { ATTESTATION_KEYS, JIRA_SCREENS } from '@webriskops/shared';
import type { AppDeps } from '../../../deps';
import { AppError, validationFailed } from '../../../errors';
import { updateDataCenterTarget, updateTargetInputSchema } from '../update-data-center-target';
import { runDataCenterChecks } from '../run-data-center-checks';
import { patSchema, setDataCenterPat } from '../set-data-center-pat';
import { checkUrlsForWorkspace } from '../../../commands/check-url-for-workspace';
import { overviewOf, readTargetOverview } from '../../../presenters/target-overview';
import { targetPath } from '../../../views/format';
import type { TargetStep } from '../../../views/target-page-props';
import { pageSession, principalOf, readForm, typedValues, wantsJson, type PageContext } from '../../../routes/pages/page-context';
import type { PageEnv } from '../../../routes/pages/page-security';
import { liveChecksJson, refusalOf } from '../../../routes/pages/target-page-render';
import { readFlash, redirectWithFlash, refuseOnTargetPage } from '../../../routes/pages/page-flash';
import { DataCenterFirstStepPage } from '../../../views/new-target-page';

const invalid = (message: string, nextAction: string) => validationFailed(message, nextAction);

/** Runs a command for a target form: on success redirects to the next step, on refusal re-renders the page keeping what was typed. */
async function submit(c: PageContext, deps: AppDeps, step: TargetStep, nextAnchor: string, run: (form: Record<string, string>) => Promise<unknown>) {
  const id = c.req.param('id')!;
  const form = await readForm(c);
  try {
    await run(form);
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
    return refuseOnTargetPage(c, deps, id, { refusal: refusalOf(error, step), values: typedValues(form) });
  }
  return c.redirect(targetPath(id, `#${nextAnchor}`), 303);
}

/** The Data Center setup forms: site, URL check, network path, checks and token; each calls the command the API calls. */
export function dataCenterPageRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.get('/settings/targets/new/data-center', async (c) => {
    const flash = await readFlash(c, deps);
    return c.html(
      <DataCenterFirstStepPage session={pageSession(c)} provider="jira_data_center" values={flash?.values ?? {}} refusal={flash?.refusal ?? null} />,
    );
  });

  pages.post('/settings/targets/:id/site', (c) =>
    submit(c, deps, 'site', 'step-ownership', async (form) => {
      const attested = ATTESTATION_KEYS.every((key) => form[key] === 'yes');
      const input = updateTargetInputSchema.safeParse({
        base_url: form.base_url?.trim() ?? '',
        ...(attested ? { attestations: { owns_site: true, issue_api_reachable: true, scan_export_authorized: true } } : {}),
      });
      if (!input.success) throw invalid('Enter the Jira base URL.', `Type the https base URL Jira shows (${JIRA_SCREENS.baseUrl}), then save it.`);
      await updateDataCenterTarget(deps, principalOf(c), c.req.param('id'), input.data);
    }),
  );

  pages.post('/settings/targets/:id/url-check', async (c) => {
    const form = await readForm(c);
    const url = (form.base_url ?? '').trim();
    const [verdict] = url ? await checkUrlsForWorkspace(deps, principalOf(c).workspaceId, [url]) : [];
    const view = verdict ? { url, allowed: verdict.allowed, reason: verdict.reason } : { url, allowed: false, reason: 'Enter a URL to check.' };
    if (wantsJson(c)) return c.json(view);
    return redirectWithFlash(c, deps, targetPath(c.req.param('id'), '#step-site'), { urlVerdict: view, values: typedValues(form) });
  });

  pages.post('/settings/targets/:id/network', (c) =>
    submit(c, deps, 'network', 'step-checks', async (form) => {
      const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
      const declared = form.allowlist_declaration === 'allowlisted';
      if (declared === Boolean(target.allowlist_declaration)) return;
      await updateDataCenterTarget(deps, principalOf(c), target.id, { allowlist_declaration: declared ? 'allowlisted' : null });
    }),
  );

  pages.post('/settings/targets/:id/checks', async (c) => {
    if (!wantsJson(c)) return submit(c, deps, 'checks', 'step-checks', () => runDataCenterChecks(deps, principalOf(c), c.req.param('id')));
    const target = await runDataCenterChecks(deps, principalOf(c), c.req.param('id'));
    return c.json(await liveChecksJson(c, deps, overviewOf(deps, target)));
  });

  pages.post('/settings/targets/:id/token', (c) =>
    submit(c, deps, 'token', 'step-save', async (form) => {
      const pat = (form.pat ?? '').trim();
      if (!patSchema.safeParse(pat).success)
        throw invalid('The token must be 8 to 1024 characters without spaces.', 'Paste the Personal Access Token exactly as Jira showed it.');
      await setDataCenterPat(deps, principalOf(c), c.req.param('id'), pat);
    }),
  );

  return pages;
}
