import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CHECK_NAMES } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import type { AppError } from '../../errors';
import { readTargetOverview, type TargetOverview } from '../../presenters/target-overview';
import { TargetPage } from '../../views/target-page';
import { CheckList } from '../../views/check-list';
import { OverviewBadge, ReadinessNotice } from '../../views/readiness-notice';
import { STEP_STATUS_FRAGMENTS } from '../../views/step-status';
import { TokenStepBody } from '../../views/dc-token-step';
import { SaveStepBody } from '../../views/save-step';
import { CHECK_LABEL } from '../../views/format';
import type { Refusal, TargetPageProps, TargetStep } from '../../views/target-page-props';
import { nonceOf, pageSession, principalOf, type PageContext } from './page-context';
import { oauthConfigured } from '../../providers/jira-cloud/oauth-connection';
import { readStatusWebhook, STATUS_WEBHOOK_PROVIDERS } from '../../commands/status/status-webhook-secret';

type Extra = Pick<TargetPageProps, 'refusal' | 'values' | 'urlVerdict' | 'pairing' | 'editing'>;

/** A command's AppError as the refusal shown next to the form of `step`. */
export const refusalOf = (error: AppError, step: TargetStep): Refusal => ({ step, code: error.code, message: error.message, nextAction: error.nextAction });

/** The props of the target page for the signed-in admin. */
export function targetPageProps(c: PageContext, deps: AppDeps, overview: TargetOverview, extra: Extra = {}): TargetPageProps {
  return {
    session: pageSession(c),
    nonce: nonceOf(c),
    overview,
    egressIps: deps.config.egressIps,
    options: { oauthAvailable: oauthConfigured(deps), attestedOwnershipAllowed: deps.config.allowAttestedOwnership },
    // A ready target shows its summary; the setup steps open on "Edit" (?edit=1) or with a refusal to show.
    editing: c.req.query('edit') === '1',
    ...extra,
  };
}

/** Renders one target's page (404 for another workspace's target), with a refusal and typed values when given. */
export async function renderTargetPage(c: PageContext, deps: AppDeps, targetId: string, extra: Extra = {}, status: ContentfulStatusCode = 200) {
  const overview = await readTargetOverview(deps, principalOf(c), targetId);
  const { target } = overview;
  const statusWebhook =
    STATUS_WEBHOOK_PROVIDERS[target.provider_key] && target.state !== 'revoked'
      ? await readStatusWebhook(deps, principalOf(c), target.id, new URL(c.req.url).origin)
      : null;
  return c.html(<TargetPage {...targetPageProps(c, deps, overview, extra)} statusWebhook={statusWebhook} />, status);
}

/** The small JSON the script polls and the live checks answer: state, readiness, each check, which steps are open. */
export function targetStateJson(overview: TargetOverview) {
  const { target, readiness } = overview;
  return {
    id: target.id,
    state: overview.state,
    ready: readiness.ready && overview.state === 'ready',
    code: readiness.ready ? null : readiness.code,
    reason: readiness.ready ? null : readiness.reason,
    next_action: readiness.ready ? null : readiness.next_action,
    connected: overview.connected,
    base_url: target.base_url,
    checks: CHECK_NAMES.map((name) => ({ name, label: CHECK_LABEL[name], ...(target.checks[name] ?? { status: 'not-run' }) })),
    token_step_open: overview.tokenStepOpen,
    save_open: overview.saveOpen,
  };
}

/** The state JSON plus the page fragments the checks changed, rendered by the same components as the page. */
export async function liveChecksJson(c: PageContext, deps: AppDeps, overview: TargetOverview) {
  const props = targetPageProps(c, deps, overview);
  const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
  const state = targetStateJson(overview);
  const count = (status: string) => state.checks.filter((check) => check.status === status).length;
  return {
    ...state,
    announcement: `Checks finished: ${count('passed')} passed, ${count('failed')} failed, ${count('not-run')} not run.`,
    badge: await html(<OverviewBadge overview={overview} />),
    fragments: {
      'check-results': await html(<CheckList checks={overview.target.checks} />),
      readiness: await html(<ReadinessNotice overview={overview} />),
      ...Object.fromEntries(
        await Promise.all(Object.entries(STEP_STATUS_FRAGMENTS).map(async ([id, Status]) => [id, await html(<Status overview={overview} />)] as const)),
      ),
      'token-step-body': await html(<TokenStepBody {...props} />),
      'save-step-body': await html(<SaveStepBody {...props} />),
    },
  };
}
