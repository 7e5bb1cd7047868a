import { PROVIDER_RULES, type ReadinessKind } from '@webriskops/shared';
import { Layout } from './layout';
import { CheckList } from './check-list';
import { PROVIDER_LABEL, AUTH_METHOD_LABEL, targetPath } from './format';
import { OverviewBadge, PORTABLE_FALLBACK_PATH, ReadinessNotice } from './readiness-notice';
import { ReadySummary } from './ready-summary';
import { StepSection } from './step-section';
import { DataCenterSiteStep } from './dc-site-step';
import { DataCenterOwnershipStep } from './dc-ownership-step';
import { DataCenterNetworkStep } from './dc-network-step';
import { DataCenterChecksStep } from './dc-checks-step';
import { DataCenterTokenStep } from './dc-token-step';
import { SaveStep } from './save-step';
import { StatusWebhookStep } from './status-webhook-step';
import { ForgePairingStep } from './forge-pairing-step';
import { ApiTokenStep, OAuthStep } from './cloud-credential-steps';
import type { TargetPageProps } from './target-page-props';
import { ExportMappingStep } from './export-mapping-step';

function DataCenterSteps(props: TargetPageProps) {
  return (
    <>
      <DataCenterSiteStep {...props} />
      <DataCenterOwnershipStep {...props} />
      <DataCenterNetworkStep {...props} />
      <DataCenterChecksStep {...props} />
      <DataCenterTokenStep {...props} />
      <SaveStep {...props} number={6} />
    </>
  );
}

function CloudSteps(props: TargetPageProps) {
  const { target, connected } = props.overview;
  const method = target.auth_method;
  return (
    <>
      {method === 'forge_app' && !connected ? <ForgePairingStep {...props} /> : null}
      {method === 'oauth' ? <OAuthStep {...props} /> : null}
      {method === 'api_token' ? <ApiTokenStep {...props} /> : null}
      {connected ? (
        <section class="step" aria-labelledby="cloud-checks-title">
          <h2 id="cloud-checks-title">Checks</h2>
          <CheckList checks={target.checks} />
        </section>
      ) : null}
      {connected ? <SaveStep {...props} number={2} /> : null}
    </>
  );
}

/** The steps of each provider, by how its readiness blocks (`PROVIDER_RULES[key].readiness`); a kind without steps does not compile. */
const STEPS_BY_READINESS: Readonly<Record<ReadinessKind, typeof CloudSteps>> = {
  connected_site: CloudSteps,
  checked_base_url: DataCenterSteps,
};

/** Disconnect or fall back: the last step of every target. */
function LeaveStep(props: TargetPageProps) {
  const { target } = props.overview;
  return (
    <StepSection step="revoke" title="Disconnect or fall back">
      <p>
        <a href={targetPath(target.id, '/revoke')}>Disconnect this target…</a> (you will be asked to confirm; the page says what is destroyed and where to
        revoke the credential in Jira or Atlassian).
      </p>
      {props.overview.nextStep.phase === 'blocked' ? (
        <p>
          While Jira cannot be made safe, export jobs can use the <a href={PORTABLE_FALLBACK_PATH}>portable fallback</a> instead.
        </p>
      ) : null}
    </StepSection>
  );
}

/** One target's setup page: its readiness, then the steps of its provider in order. */
export function TargetPage(props: TargetPageProps) {
  const { target, nextStep } = props.overview;
  const revoked = target.state === 'revoked';
  const summary = nextStep.phase === 'ready' && !props.editing && !props.refusal;
  return (
    <Layout title={target.name} signedInAs={props.session.email} csrfToken={props.session.csrfToken} nonce={props.nonce}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › {target.name}
      </p>
      <h1>
        {target.name} <OverviewBadge overview={props.overview} />
      </h1>
      <p>
        {PROVIDER_LABEL[target.provider_key]}
        {target.auth_method ? ` · ${AUTH_METHOD_LABEL[target.auth_method]}` : ''}
        {target.base_url ? (
          <>
            {' · '}
            <span class="wrap">{target.base_url}</span>
          </>
        ) : null}
      </p>
      <div id="readiness" aria-live="polite">
        <ReadinessNotice overview={props.overview} />
      </div>
      {summary ? <ReadySummary {...props} /> : null}
      {revoked || summary ? null : STEPS_BY_READINESS[PROVIDER_RULES[target.provider_key].readiness](props)}
      <ExportMappingStep {...props} />
      {/* Where Jira reports status back: once there is a Jira to register it in, also on the ready summary. */}
      {revoked || nextStep.phase === 'not_started' ? null : <StatusWebhookStep {...props} />}
      {revoked || summary ? null : <LeaveStep {...props} />}
      {props.editing && nextStep.phase === 'ready' ? (
        <p>
          <a href={targetPath(target.id)}>Done: back to the summary</a>
        </p>
      ) : null}
      <p class="actions">
        <a href={targetPath(target.id, '/audit')}>Audit trail</a> <a href="/settings">Back to integration status</a>
      </p>
    </Layout>
  );
}
