import type { TargetRecord, Readiness } from '@webriskops/shared';
import { Layout } from './layout';

/** Integration status: every target of the workspace with its state and, when blocked, the next action. */
export function SettingsPage(props: { email: string; csrfToken: string; targets: { target: TargetRecord; readiness: Readiness }[] }) {
  return (
    <Layout title="Integration status" signedInAs={props.email} csrfToken={props.csrfToken}>
      <h1>Integration status</h1>
      {props.targets.length === 0 ? (
        <p>No Jira target yet. Connect Jira Cloud with the WebRiskOps Forge app, or a self-hosted Jira Data Center.</p>
      ) : (
        <table>
          <caption>Jira targets</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Provider</th>
              <th scope="col">Base URL</th>
              <th scope="col">State</th>
              <th scope="col">Next action</th>
            </tr>
          </thead>
          <tbody>
            {props.targets.map(({ target, readiness }) => (
              <tr>
                <td>{target.name}</td>
                <td>{target.provider_key}</td>
                <td>{target.base_url ?? '—'}</td>
                <td>
                  <span class={`badge ${target.state}`}>{target.state}</span>
                </td>
                <td>{readiness.ready ? 'Ready to receive tickets.' : `${readiness.code}: ${readiness.next_action}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
