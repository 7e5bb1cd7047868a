import { hostIsIpLiteral } from '@webriskops/shared';
import { CopyButton, StepSection } from './step-section';
import { OwnershipStatus } from './step-status';
import type { TargetPageProps } from './target-page-props';

/** Step 2 for an IP-address base URL: no DNS record can be asked for; what is possible instead. */
function IpOwnership(props: TargetPageProps & { host: string }) {
  return (
    <>
      <p>
        The base URL's host {props.host} is an IP address, and DNS ownership needs a host name: no TXT record can be set on an address. Save the base URL with
        your Jira's host name in step 1
        {props.options.attestedOwnershipAllowed
          ? ', or keep the address: the operator of this companion accepts your confirmation in step 1 in place of the record (the checks record it).'
          : '. This companion does not accept a confirmation in place of the record; if Jira has no host name, ask the WebRiskOps operator.'}
      </p>
    </>
  );
}

/** Step 2: the DNS TXT record that proves the admin controls the Jira host, with copy buttons. */
export function DataCenterOwnershipStep(props: TargetPageProps) {
  const { target } = props.overview;
  const challenge = target.ownership?.dns_challenge ?? null;
  if (!target.base_url) {
    return (
      <StepSection step="ownership" title="2. Prove you own the Jira host" locked>
        <p>Save the base URL first; the DNS record to add appears here.</p>
      </StepSection>
    );
  }
  const host = new URL(target.base_url).hostname;
  return (
    <StepSection step="ownership" title="2. Prove you own the Jira host">
      {hostIsIpLiteral(target.base_url) || !challenge ? (
        <IpOwnership {...props} host={host} />
      ) : (
        <>
          <p>Add this TXT record in the DNS zone of {host}, then run the checks. Nothing is sent to Jira before ownership is proven.</p>
          <dl class="facts record">
            <dt>Type</dt>
            <dd>TXT</dd>
            <dt>Name</dt>
            <dd>
              <code id="txt-name" class="wrap">
                {challenge.name}
              </code>{' '}
              <CopyButton target="txt-name" what="the TXT record name" />
            </dd>
            <dt>Value</dt>
            <dd>
              <code id="txt-value" class="wrap">
                {challenge.value}
              </code>{' '}
              <CopyButton target="txt-value" what="the TXT record value" />
            </dd>
          </dl>
          {props.options.attestedOwnershipAllowed ? <p class="hint">The operator also accepts your confirmation in step 1 in place of this record.</p> : null}
        </>
      )}
      <div id="ownership-status">
        <OwnershipStatus overview={props.overview} />
      </div>
    </StepSection>
  );
}
