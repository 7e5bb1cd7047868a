import { targetPath } from './format';
import { NetworkStatus } from './step-status';
import { CsrfField, StepRefusal, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** Step 3: the network path, with the companion's egress addresses and the allowlist declaration. */
export function DataCenterNetworkStep(props: TargetPageProps) {
  const { target } = props.overview;
  if (!target.base_url) {
    return (
      <StepSection step="network" title="3. Open a network path" locked>
        <p>Save the base URL first.</p>
      </StepSection>
    );
  }
  const values = props.values ?? {};
  const declared = props.refusal?.step === 'network' ? values.allowlist_declaration === 'allowlisted' : Boolean(target.allowlist_declaration);
  return (
    <StepSection step="network" title="3. Open a network path">
      <p>
        The companion must reach Jira: directly over public addresses, through your firewall allowlist, or through a private network the WebRiskOps operator
        approved as a tunnel.
      </p>
      {props.egressIps.length > 0 ? (
        <>
          <p id="egress-title">The companion connects from these addresses; allowlist them for HTTPS to your Jira:</p>
          <ul aria-labelledby="egress-title" class="egress">
            {props.egressIps.map((address) => (
              <li>
                <code>{address}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>The operator has not published the companion's egress addresses; ask them for the addresses to allowlist, or for an approved tunnel.</p>
      )}
      <div id="network-status">
        <NetworkStatus overview={props.overview} />
      </div>
      <form method="post" action={targetPath(target.id, '/network')} class="stack">
        <StepRefusal refusal={props.refusal} step="network" />
        <CsrfField token={props.session.csrfToken} />
        <div class="choice">
          <input type="checkbox" id="allowlist_declaration" name="allowlist_declaration" value="allowlisted" checked={declared} />
          <label for="allowlist_declaration">Our firewall admits the companion's egress addresses (the checks verify it).</label>
        </div>
        <div class="buttons">
          <button type="submit">Save network path</button>
        </div>
      </form>
      <p class="hint">A private network can only be approved by the operator; no one can approve a private range from this page.</p>
    </StepSection>
  );
}
