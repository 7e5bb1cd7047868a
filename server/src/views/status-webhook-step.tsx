import { JIRA_SCREENS } from '@webriskops/shared';
import { targetPath } from './format';
import { CopyButton, CsrfField } from './step-section';
import type { TargetPageProps } from './target-page-props';

/** The Data Center status webhook as the target page shows it: URL, secret (admins only), whether unsigned ones pass. */
export interface StatusWebhookPageView {
  url: string;
  secret: string | null;
  secret_created_at: string | null;
  unsigned_accepted: boolean;
}

/**
 * "Status from Jira": the webhook URL and secret the Jira admin registers (Jira administration > System >
 * WebHooks, events issue updated and deleted), and the form that generates or rotates the secret.
 */
export function StatusWebhookStep(props: TargetPageProps) {
  const webhook = props.statusWebhook;
  if (!webhook) return null;
  const id = props.overview.target.id;
  return (
    <section class="step" id="status-webhook" aria-labelledby="status-webhook-title">
      <h2 id="status-webhook-title">Status from Jira (webhook)</h2>
      <p>
        In {JIRA_SCREENS.webhooks} &gt; Create a WebHook, events <em>Issue updated</em> and <em>Issue deleted</em>, with this URL and secret. Jira then signs
        each delivery (X-Hub-Signature); resolved, reopened and deleted issues show for their findings.
      </p>
      <dl class="facts">
        <dt>URL</dt>
        <dd>
          <code id="status-webhook-url">{webhook.url}</code> <CopyButton target="status-webhook-url" what="the webhook URL" />
        </dd>
        <dt>Secret</dt>
        <dd>
          {webhook.secret ? (
            <>
              <code id="status-webhook-secret">{webhook.secret}</code> <CopyButton target="status-webhook-secret" what="the webhook secret" />
            </>
          ) : (
            'not generated yet'
          )}
        </dd>
      </dl>
      {webhook.unsigned_accepted ? (
        <p class="notice">This companion also accepts unsigned deliveries (ALLOW_UNSIGNED_DC_WEBHOOKS): anyone who can reach the URL can forge status.</p>
      ) : null}
      <form method="post" action={targetPath(id, '/status-webhook/secret')}>
        <CsrfField token={props.session.csrfToken} />
        <button type="submit">{webhook.secret ? 'Rotate the secret (paste the new one in Jira at once)' : 'Generate the secret'}</button>
      </form>
    </section>
  );
}
