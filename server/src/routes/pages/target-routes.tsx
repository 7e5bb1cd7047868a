import { Hono } from 'hono';
import { createTargetInputSchema } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { reissuePairingCode } from '../../providers/jira-cloud/start-forge-pairing';
import { providerOf } from '../../providers/registry';
import { listTargetOverviews, overviewOf, readTargetOverview } from '../../presenters/target-overview';
import { readTargetAudit } from '../../commands/read-targets';
import { SettingsPage } from '../../views/settings-page';
import { NewTargetPage } from '../../views/new-target-page';
import { TargetPage } from '../../views/target-page';
import { AuditPage } from '../../views/audit-page';
import { PortableFallbackPage } from '../../views/message-pages';
import { targetPath } from '../../views/format';
import { ReadinessNotice } from '../../views/readiness-notice';
import { nonceOf, pageSession, principalOf, readForm } from './page-context';
import type { PageEnv } from './page-security';
import { renderTargetPage, targetPageProps, targetStateJson } from './target-page-render';

/** Integration status, choosing a provider, one target's page, its polled state and its audit trail. */
export function targetRoutes(deps: AppDeps) {
  const pages = new Hono<PageEnv>();

  pages.get('/settings', async (c) => {
    const session = pageSession(c);
    return c.html(
      <SettingsPage email={session.email} csrfToken={session.csrfToken} nonce={nonceOf(c)} targets={await listTargetOverviews(deps, principalOf(c))} />,
    );
  });

  pages.get('/settings/portable-fallback', (c) => c.html(<PortableFallbackPage session={pageSession(c)} />));

  pages.get('/settings/targets/new', (c) => c.html(<NewTargetPage session={pageSession(c)} />));

  pages.post('/settings/targets', async (c) => {
    const form = await readForm(c);
    const input = createTargetInputSchema.safeParse({ provider_key: form.provider_key, ...(form.auth_method ? { auth_method: form.auth_method } : {}) });
    if (!input.success) return c.html(<NewTargetPage session={pageSession(c)} error="Choose where your Jira runs first." />, 400);
    const provider = providerOf(input.data.provider_key);
    if (provider.methodChoicePath && !input.data.auth_method) return c.redirect(provider.methodChoicePath, 303);
    const created = await provider.create(deps, principalOf(c), input.data);
    if (created.pairing) {
      const secondsLeft = Math.max(0, Math.round((Date.parse(created.pairing.expires_at) - deps.clock.now().getTime()) / 1000));
      const props = targetPageProps(c, deps, overviewOf(deps, created.target), { pairing: { ...created.pairing, seconds_left: secondsLeft } });
      return c.html(<TargetPage {...props} />, 201);
    }
    return c.redirect(targetPath(created.target.id), 303);
  });

  pages.post('/settings/targets/:id/pairing-code', async (c) => {
    await readForm(c);
    const pending = await reissuePairingCode(deps, principalOf(c), c.req.param('id'));
    const secondsLeft = Math.max(0, Math.round((Date.parse(pending.pairing.expires_at) - deps.clock.now().getTime()) / 1000));
    return c.html(
      <TargetPage {...targetPageProps(c, deps, overviewOf(deps, pending.target), { pairing: { ...pending.pairing, seconds_left: secondsLeft } })} />,
      200,
    );
  });

  pages.get('/settings/targets/:id', (c) => renderTargetPage(c, deps, c.req.param('id')));

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
