import { Hono } from 'hono';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { issueMappingSchema, SEVERITIES, type IssueMapping } from '../../commands/export/export-input';
import { createExportRuntime } from '../../commands/export/export-runtime';
import { readExportProfile, saveExportProfile } from '../../commands/export/export-profile';
import { MappingError } from '../../commands/export/mapping-error';
import { readTargetMetadata, type IssueTypeView, type TargetMetadata } from '../../commands/export/read-target-metadata';
import { sendTestIssue } from '../../commands/export/send-test-issue';
import { validateExportProfile } from '../../commands/export/validate-export-profile';
import { readTargetOverview } from '../../presenters/target-overview';
import { readTargetAudit } from '../../commands/read-targets';
import { ExportMappingPage, exportMappingPath, type ExportMappingPageProps } from '../../views/export-mapping-step';
import { pageSession, principalOf, readForm, type PageContext } from './page-context';
import type { PageEnv } from './page-security';

const PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

/** The profile a posted mapping form describes, in the API's shape (checked by the same schema and command). */
function profileFromForm(form: Record<string, string>, issueType: IssueTypeView | undefined): unknown {
  const severityPriorityIds = Object.fromEntries(SEVERITIES.map((severity) => [severity, form[`priority_${severity}`] ?? '']).filter(([, id]) => id !== ''));
  const extraFields: Record<string, unknown> = {};
  for (const field of issueType?.required_fields ?? []) {
    const value = form[`field_${field.id}`]?.trim() ?? '';
    if (field.filled_by !== 'mapping' || value === '') continue;
    if (field.allowed_values) extraFields[field.id] = field.type === 'array' ? [{ id: value }] : { id: value };
    else extraFields[field.id] = field.type === 'number' ? Number(value) : value;
  }
  return {
    project_key: form.project_key ?? '',
    issue_type_id: form.issue_type_id ?? '',
    ...(Object.keys(severityPriorityIds).length > 0 ? { severity_priority_ids: severityPriorityIds } : {}),
    labels: (form.labels ?? '').split(/[\s,]+/).filter(Boolean),
    extra_fields: extraFields,
  };
}

/**
 * The "Jira export mapping" step of a ready target: a form filled from the target's own create
 * metadata (choosing the project is a GET that re-renders with its choices, so it works without
 * JavaScript), saved with POST-redirect-GET through the same command as the API; Validate and
 * Send a test issue post too, and their results come back on the page.
 */
export function exportMappingRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();
  const runtime = createExportRuntime({}, () => deps.clock.now().getTime());

  async function render(
    c: PageContext,
    extra: Partial<ExportMappingPageProps> & { projectKey?: string | null; typed?: unknown },
    status: 200 | 400 | 422 = 200,
  ) {
    const principal = principalOf(c);
    const { target } = await readTargetOverview(deps, principal, c.req.param('id') ?? '');
    const profile = await readExportProfile(deps, principal, target.id);
    const projectKey = extra.projectKey ?? profile.profile?.project_key ?? null;
    let metadata: TargetMetadata | null = null;
    let refusal = extra.refusal ?? null;
    try {
      metadata = await readTargetMetadata(deps, runtime, principal, target.id, projectKey);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refusal ??= { code: error.code, message: error.message, nextAction: error.nextAction, paths: [] };
      if (projectKey) metadata = await readTargetMetadata(deps, runtime, principal, target.id, null).catch(() => null);
    }
    const typed = (extra.typed ?? null) as Partial<IssueMapping> | null;
    const shown = typed ?? (profile.profile && profile.profile.project_key === projectKey ? profile.profile : null);
    return c.html(
      <ExportMappingPage
        session={pageSession(c)}
        targetId={target.id}
        targetName={target.name}
        profile={profile}
        metadata={metadata}
        shown={shown}
        chosenIssueTypeId={shown?.issue_type_id ?? null}
        saved={extra.saved ?? false}
        refusal={refusal}
        validation={extra.validation ?? null}
        testIssue={extra.testIssue ?? null}
      />,
      status,
    );
  }

  pages.get('/settings/targets/:id/export-mapping', async (c) => {
    const asked = c.req.query('project_key')?.toUpperCase() ?? '';
    const extra: Parameters<typeof render>[1] = { projectKey: PROJECT_KEY.test(asked) ? asked : null, saved: c.req.query('saved') === '1' };
    if (c.req.query('validated') === '1') extra.validation = await validateExportProfile(deps, runtime, principalOf(c), c.req.param('id'), null);
    const issueKey = c.req.query('test_issue');
    // Shown only when this target's audit trail records that test issue: a crafted link cannot claim one.
    const audited = issueKey
      ? (await readTargetAudit(deps, principalOf(c), c.req.param('id'))).some(
          (event) => event.action === 'export_profile.test_issue' && event.detail?.issue_key === issueKey,
        )
      : false;
    if (issueKey && audited) {
      const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
      const base = (target.base_url ?? '').replace(/\/+$/, '');
      extra.testIssue = { project_key: issueKey.split('-')[0]!, label: 'webriskops-test', issue: { key: issueKey, url: `${base}/browse/${issueKey}` } };
    }
    return render(c, extra);
  });

  pages.post('/settings/targets/:id/export-mapping', async (c) => {
    const form = await readForm(c);
    const principal = principalOf(c);
    const targetId = c.req.param('id');
    const projectKey = PROJECT_KEY.test(form.project_key ?? '') ? form.project_key!.toUpperCase() : null;
    const metadata = projectKey ? await readTargetMetadata(deps, runtime, principal, targetId, projectKey) : null;
    const issueType = metadata?.project?.issue_types.find((type) => type.id === form.issue_type_id);
    const typed = profileFromForm(form, issueType);
    const parsed = issueMappingSchema.safeParse(typed);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const message = `${issue?.path.join('.') ?? 'mapping'}: ${issue?.message ?? 'invalid'}`;
      return render(
        c,
        { projectKey, typed, refusal: { code: 'VALIDATION_FAILED', message, nextAction: 'Fix the named field, then save again.', paths: [] } },
        400,
      );
    }
    try {
      await saveExportProfile(deps, runtime, principal, targetId, parsed.data);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      const paths = error.problems.map((problem) => problem.field);
      return render(c, { projectKey, typed: parsed.data, refusal: { code: error.code, message: error.message, nextAction: error.nextAction, paths } }, 422);
    }
    return c.redirect(`${exportMappingPath(targetId)}?saved=1`, 303);
  });

  pages.post('/settings/targets/:id/export-mapping/validate', async (c) => {
    await readForm(c);
    return c.redirect(`${exportMappingPath(c.req.param('id'))}?validated=1#validation`, 303);
  });

  pages.post('/settings/targets/:id/export-mapping/test-issue', async (c) => {
    await readForm(c);
    const sent = await sendTestIssue(deps, runtime, principalOf(c), c.req.param('id'));
    return c.redirect(`${exportMappingPath(sent.target_id)}?test_issue=${encodeURIComponent(sent.issue.key)}#test-issue`, 303);
  });

  return pages;
}
