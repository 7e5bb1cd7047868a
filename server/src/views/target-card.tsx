import { PROVIDER_RULES } from '@webriskops/shared';
import type { TargetOverview } from '../presenters/target-overview';
import { CheckList } from './check-list';
import { ALLOWLIST_LABEL, AUTH_METHOD_LABEL, PROVIDER_LABEL, describeCredential, targetPath } from './format';
import { ReadinessNotice, StateBadge } from './readiness-notice';

/** The revoke path in words: where, the steps, and the link when there is one. */
export function RevokeWhere(props: { revoke: { where: string; url?: string | undefined; steps: string } | null }) {
  if (!props.revoke) return <>Not recorded yet (no credential stored).</>;
  return (
    <>
      {props.revoke.where}: {props.revoke.steps}
      {props.revoke.url ? (
        <>
          {' '}
          <a href={props.revoke.url} rel="noreferrer">
            {props.revoke.url}
          </a>
        </>
      ) : null}
    </>
  );
}

/** One target on the integration status page: every field an admin needs to judge it, and the next action. */
export function TargetCard(props: { overview: TargetOverview }) {
  const { target, state } = props.overview;
  const headingId = `target-${target.id}`;
  const label = target.base_url ? `${target.name} (${new URL(target.base_url).host})` : target.name;
  return (
    <article class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <a href={targetPath(target.id)}>{target.name}</a> <StateBadge state={state} />
      </h2>
      <ReadinessNotice overview={props.overview} />
      <dl class="facts">
        <dt>Provider</dt>
        <dd>{PROVIDER_LABEL[target.provider_key]}</dd>
        <dt>{PROVIDER_RULES[target.provider_key].addressLabel}</dt>
        <dd class="wrap">{target.base_url ?? 'Not set yet'}</dd>
        <dt>Auth method</dt>
        <dd>{target.auth_method ? AUTH_METHOD_LABEL[target.auth_method] : 'Not chosen yet'}</dd>
        <dt>Scopes</dt>
        <dd>{target.scopes.length > 0 ? target.scopes.join(', ') : 'None granted yet'}</dd>
        <dt>Network path</dt>
        <dd>{target.allowlist_status ? ALLOWLIST_LABEL[target.allowlist_status] : 'Not verified'}</dd>
        <dt>Credential</dt>
        <dd>{describeCredential(target.credential)}</dd>
        <dt>Where to revoke</dt>
        <dd class="wrap">
          <RevokeWhere revoke={target.revoke} />
        </dd>
      </dl>
      <h3 class="minor">Last checks</h3>
      <CheckList checks={target.checks} compact />
      <details>
        <summary>Why (the reason of each check)</summary>
        <CheckList checks={target.checks} />
      </details>
      <p class="actions">
        <a href={targetPath(target.id)}>
          Open<span class="sr-only"> {label}</span>
        </a>{' '}
        <a href={targetPath(target.id, '/audit')}>
          Audit trail<span class="sr-only"> of {label}</span>
        </a>
      </p>
    </article>
  );
}
