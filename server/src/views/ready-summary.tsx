import { PROVIDER_RULES } from '@webriskops/shared';
import { CheckList } from './check-list';
import { ALLOWLIST_LABEL, AUTH_METHOD_LABEL, PROVIDER_LABEL, describeCredential, formatTime, targetPath } from './format';
import { CsrfField } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** The newest time any check ran, or null before the first run. */
function lastChecked(checks: TargetPageProps['overview']['target']['checks']): string | null {
  const times = Object.values(checks)
    .map((result) => result?.checked_at)
    .filter((time): time is string => Boolean(time));
  return times.length > 0 ? times.reduce((newest, time) => (Date.parse(time) > Date.parse(newest) ? time : newest)) : null;
}

/**
 * A ready target's page: what it is connected to and how, in one short list, with "Edit" (the
 * setup steps), "Run checks" (providers whose checks can run again) and "Disconnect".
 */
export function ReadySummary(props: TargetPageProps) {
  const { target } = props.overview;
  const rule = PROVIDER_RULES[target.provider_key];
  const checked = lastChecked(target.checks);
  return (
    <section class="step summary" id="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Connection</h2>
      <dl class="facts">
        <dt>Provider</dt>
        <dd>{PROVIDER_LABEL[target.provider_key]}</dd>
        <dt>{rule.addressLabel}</dt>
        <dd>
          <code class="wrap">{target.base_url ?? '—'}</code>
        </dd>
        <dt>Auth</dt>
        <dd>{target.credential ? describeCredential(target.credential) : target.auth_method ? AUTH_METHOD_LABEL[target.auth_method] : '—'}</dd>
        <dt>Scopes</dt>
        <dd>{target.scopes.length > 0 ? target.scopes.join(', ') : '—'}</dd>
        <dt>Network path</dt>
        <dd>{target.allowlist_status ? ALLOWLIST_LABEL[target.allowlist_status] : '—'}</dd>
        <dt>Last checks</dt>
        <dd id="step-checks">
          {checked ? `Checked ${formatTime(checked)}` : 'Not run yet'}
          <CheckList checks={target.checks} compact />
        </dd>
        <dt>Where to revoke</dt>
        <dd>
          {target.revoke ? (
            <>
              {target.revoke.where}: {target.revoke.steps}
              {target.revoke.url ? (
                <>
                  {' '}
                  <a href={target.revoke.url} class="wrap" rel="noreferrer noopener">
                    {target.revoke.url}
                  </a>
                </>
              ) : null}
            </>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <div class="buttons">
        <a class="button" href={`${targetPath(target.id)}?edit=1`}>
          Edit
        </a>
        {rule.rechecked ? (
          <form method="post" action={targetPath(target.id, '/checks')} class="inline">
            <CsrfField token={props.session.csrfToken} />
            <button type="submit">Run checks</button>
          </form>
        ) : null}
        <a class="button secondary" href={targetPath(target.id, '/revoke')}>
          Disconnect
        </a>
      </div>
    </section>
  );
}
