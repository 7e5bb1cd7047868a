import { Hono } from 'hono';
import { PROVIDER_KEYS, PROVIDER_RULES, createTargetInputSchema } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { pendingPairingCode, reissuePairingCode } from '../../providers/jira-cloud/start-forge-pairing';
import { AppError } from '../../errors';
import type { Refusal } from '../../views/target-page-props';
import { REFUSED_PATH, readFlash, redirectWithFlash } from './page-flash';
import { providerOf } from '../../providers/registry';
import { listTargetOverviews, readTargetOverview } from '../../presenters/target-overview';
import { stateFilterOf, statusRowOf } from '../../presenters/status-row';
import { readTargetAudit } from '../../commands/read-targets';
import { SettingsPage } from '../../views/settings-page';
import { NewTargetPage } from '../../views/new-target-page';
import { AuditPage } from '../../views/audit-page';
import { ErrorPage, PortableFallbackPage } from '../../views/message-pages';
import { targetPath } from '../../views/format';
import { ReadinessNotice } from '../../views/readiness-notice';
import { nonceOf, pageSession, principalOf, readForm, typedValues } from './page-context';
import type { PageEnv } from './page-security';
import { refusalOf, renderTargetPage, targetStateJson } from './target-page-render';

/** Integration status, choosing a provider, one target's page, its polled state and its audit trail. */
export function targetRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.get('/settings', async (c) => {
    const session = pageSession(c);
    const rows = (await listTargetOverviews(deps, principalOf(c))).map(statusRowOf);
    const notice = (await readFlash(c, deps))?.notice ?? null;
    return c.html(
      <SettingsPage
        email={session.email}
        csrfToken={session.csrfToken}
        nonce={nonceOf(c)}
        rows={rows}
        filter={stateFilterOf(c.req.query('state'))}
        notice={notice}
      />,
    );
  });

  // Run checks from the status table: the provider's own rerun, then back to the table (a reload repeats nothing).
  pages.post('/settings/targets/:id/run-checks', async (c) => {
    const form = await readForm(c);
    const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    const refreshed = await providerOf(target.provider_key).refreshChecks(deps, principalOf(c), target);
    const returnTo = `/settings${form.return_to?.startsWith('/settings?state=') ? `?state=${stateFilterOf(form.return_to.slice('/settings?state='.length)) ?? ''}` : ''}`;
    const notice = refreshed?.refreshed ? `Checks of "${target.name}" ran again.` : (refreshed?.note ?? `"${target.name}" has no checks to run again.`);
    return redirectWithFlash(c, deps, returnTo.replace(/\?state=$/, ''), { notice });
  });

  pages.get(REFUSED_PATH, async (c) => {
    const refusal = (await readFlash(c, deps))?.refusal;
    if (!refusal) return c.redirect('/settings', 302);
    const title = refusal.code === 'NOT_FOUND' ? 'Not found' : 'Refused';
    return c.html(<ErrorPage session={pageSession(c)} title={title} code={refusal.code} message={refusal.message} nextAction={refusal.nextAction} />);
  });

  pages.get('/settings/portable-fallback', (c) => c.html(<PortableFallbackPage session={pageSession(c)} />));

  pages.get('/settings/targets/new', async (c) => {
    const flash = await readFlash(c, deps);
    return c.html(<NewTargetPage session={pageSession(c)} error={flash?.refusal?.message ?? null} />);
  });

  // Choosing a provider saves nothing (it leads to the provider's first step); the first step's
  // submit, with a name, creates the target. Every answer is a redirect, so a reload repeats nothing.
  pages.post('/settings/targets', async (c) => {
    const form = await readForm(c);
    const key = PROVIDER_KEYS.find((candidate) => candidate === form.provider_key);
    if (!key) {
      const refusal = {
        step: 'name' as const,
        code: 'VALIDATION_FAILED',
        message: 'Choose where your Jira runs first.',
        nextAction: 'Choose Jira Cloud or Jira Data Center.',
      };
      return redirectWithFlash(c, deps, '/settings/targets/new', { refusal });
    }
    const provider = providerOf(key);
    if (form.name === undefined) return c.redirect(provider.firstStepPath, 303);
    const values = typedValues(form);
    const refuse = (refusal: Refusal) => redirectWithFlash(c, deps, provider.firstStepPath, { refusal, values });
    const input = createTargetInputSchema.safeParse({ provider_key: key, name: form.name, ...(form.auth_method ? { auth_method: form.auth_method } : {}) });
    if (!input.success) {
      const message = input.error.issues.map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`).join('; ');
      return refuse({ step: 'name', code: 'VALIDATION_FAILED', message, nextAction: 'Type a name of 1 to 120 characters, on one line, and submit again.' });
    }
    if (!input.data.auth_method && PROVIDER_RULES[key].defaultAuthMethod === null) {
      return refuse({
        step: 'name',
        code: 'VALIDATION_FAILED',
        message: 'Choose how WebRiskOps connects.',
        nextAction: 'Press the button of one of the ways below.',
      });
    }
    try {
      const created = await provider.create(deps, principalOf(c), input.data);
      return c.redirect(targetPath(created.target.id), 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return refuse(refusalOf(error, 'name'));
    }
  });

  pages.post('/settings/targets/:id/pairing-code', async (c) => {
    const pending = await reissuePairingCode(deps, principalOf(c), c.req.param('id'));
    return c.redirect(targetPath(pending.target.id, '#step-pairing'), 303);
  });

  // The page shows what the last POST left (a refusal, what was typed) and a pairing code still
  // waiting to be pasted, so a reload loses nothing and repeats nothing.
  pages.get('/settings/targets/:id', async (c) => {
    const id = c.req.param('id');
    const flash = await readFlash(c, deps);
    const pairing = await pendingPairingCode(deps, principalOf(c).workspaceId, id);
    const secondsLeft = (expiresAt: string) => Math.max(0, Math.round((Date.parse(expiresAt) - deps.clock.now().getTime()) / 1000));
    return renderTargetPage(c, deps, id, {
      refusal: flash?.refusal ?? null,
      values: flash?.values ?? {},
      urlVerdict: flash?.urlVerdict ?? null,
      pairing: pairing ? { ...pairing, seconds_left: secondsLeft(pairing.expires_at) } : null,
    });
  });

  pages.get('/settings/targets/:id/state.json', async (c) => {
    const overview = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    // Once connected, the script swaps in the new readiness notice rendered by the page's own component.
    const readiness = overview.connected ? String(await (<ReadinessNotice overview={overview} />).toString()) : null;
    return c.json({ ...targetStateJson(overview), ...(readiness ? { fragments: { readiness } } : {}) });
  });

  pages.get('/settings/targets/:id/audit', async (c) => {
    const { target } = await readTargetOverview(deps, principalOf(c), c.req.param('id'));
    const events = await readTargetAudit(deps, principalOf(c), target.id);
    return c.html(<AuditPage session={pageSession(c)} target={target} events={events} />);
  });

  return pages;
}
