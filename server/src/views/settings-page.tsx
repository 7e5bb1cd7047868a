import type { TargetState } from '@webriskops/shared';
import type { StatusRow } from '../presenters/status-row';
import { Layout } from './layout';
import { StateFilter, TargetStatusTable } from './target-status-table';

/** Integration status: every target of the workspace in one table, its state and, when blocked, the next action; filtered by state. */
export function SettingsPage(props: {
  email: string;
  csrfToken: string;
  nonce?: string | undefined;
  rows: StatusRow[];
  filter: TargetState | null;
  notice?: string | null;
}) {
  const shown = props.filter ? props.rows.filter((row) => row.overview.state === props.filter) : props.rows;
  return (
    <Layout title="Integration status" signedInAs={props.email} csrfToken={props.csrfToken} nonce={props.nonce} wide>
      <h1>Integration status</h1>
      {props.notice ? (
        <div class="notice ok" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.rows.length === 0 ? (
        <section class="empty" aria-labelledby="empty-title">
          <h2 id="empty-title">No Jira target yet</h2>
          <p>No Jira target yet. A target is the one Jira site that may receive tickets. Choose how your Jira runs:</p>
          <ul>
            <li>
              <strong>Jira Cloud</strong> (<code>*.atlassian.net</code>): a Jira administrator installs the WebRiskOps Forge app and pastes a one-time pairing
              code. OAuth 2.0 or an API token are the alternatives.
            </li>
            <li>
              <strong>Jira Data Center</strong> (self-hosted): you enter the base URL, prove you own it with a DNS record, open a network path for the companion
              and give it a Personal Access Token.
            </li>
          </ul>
          <p>
            <a class="button" href="/settings/targets/new">
              Connect a Jira target
            </a>
          </p>
        </section>
      ) : (
        <>
          <div class="toolbar">
            <StateFilter rows={props.rows} current={props.filter} />
            <a class="button" href="/settings/targets/new">
              Connect a Jira target
            </a>
          </div>
          {shown.length === 0 ? (
            <p>
              No target is in this state. <a href="/settings">Show all targets</a>.
            </p>
          ) : (
            <TargetStatusTable rows={shown} csrfToken={props.csrfToken} returnTo={props.filter ? `/settings?state=${props.filter}` : '/settings'} />
          )}
        </>
      )}
    </Layout>
  );
}
