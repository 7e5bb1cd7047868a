import { ownershipProven } from '@webriskops/shared';
import { formatTime } from './format';
import { CopyButton, StepSection } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** Step 2: the DNS TXT record that proves the admin controls the Jira host, with copy buttons. */
export function DataCenterOwnershipStep(props: TargetPageProps) {
  const { target } = props.overview;
  const ownership = target.ownership;
  const challenge = ownership?.dns_challenge ?? null;
  if (!target.base_url || !challenge) {
    return (
      <StepSection step="ownership" title="2. Prove you own the Jira host" locked>
        <p>Save the base URL first; the DNS record to add appears here.</p>
      </StepSection>
    );
  }
  const host = new URL(target.base_url).hostname;
  return (
    <StepSection step="ownership" title="2. Prove you own the Jira host">
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
      <p>
        {ownershipProven(ownership)
          ? `Proven by ${ownership.method === 'dns_txt' ? 'the DNS TXT record' : 'your attestation'} at ${formatTime(ownership.verified_at)} (${ownership.evidence ?? ''}).`
          : 'Not proven yet: add the record, then run the checks (step 4).'}
      </p>
    </StepSection>
  );
}
