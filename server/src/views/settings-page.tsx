import type { TargetOverview } from '../presenters/target-overview';
import { Layout } from './layout';
import { TargetCard } from './target-card';

/** Integration status: every target of the workspace with its state and, when blocked, the next action. */
export function SettingsPage(props: { email: string; csrfToken: string; nonce?: string | undefined; targets: TargetOverview[] }) {
  return (
    <Layout title="Integration status" signedInAs={props.email} csrfToken={props.csrfToken} nonce={props.nonce}>
      <h1>Integration status</h1>
      {props.targets.length === 0 ? (
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
          <p>
            <a class="button" href="/settings/targets/new">
              Connect a Jira target
            </a>
          </p>
          {props.targets.map((overview) => (
            <TargetCard overview={overview} />
          ))}
        </>
      )}
    </Layout>
  );
}
