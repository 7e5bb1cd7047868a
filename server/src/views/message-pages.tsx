import { ErrorNotice, Layout } from './layout';

/** A refusal or failure as a page, never a JSON body: the code, what happened and the next action. */
export function ErrorPage(props: {
  session?: { email: string; csrfToken: string } | null;
  title: string;
  code: string;
  message: string;
  nextAction: string;
  backHref?: string;
}) {
  return (
    <Layout title={props.title} signedInAs={props.session?.email} csrfToken={props.session?.csrfToken}>
      <h1>{props.title}</h1>
      <ErrorNotice code={props.code} message={props.message} nextAction={props.nextAction} />
      <p>
        <a href={props.backHref ?? '/settings'}>Back to integration status</a>
      </p>
    </Layout>
  );
}

/** The portable fallback: what export jobs can do while no Jira target is safe. */
export function PortableFallbackPage(props: { session: { email: string; csrfToken: string } }) {
  return (
    <Layout title="Portable fallback" signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <h1>Portable fallback</h1>
      <p>
        When a Jira target is blocked, no finding is sent to it. Export jobs can still hand the findings over without connecting to Jira: the companion turns
        them into a file that Jira's CSV importer takes (Summary, Issue Type, Priority, Description, Labels, External ID) and a JSON document.
      </p>
      <h2>How export jobs ask for it</h2>
      <p>
        With an export or admin API token, <code>POST /api/v1/exports/portable</code> with the findings as NDJSON (one per line) or a JSON array; add{' '}
        <code>?format=csv</code> (the default) or <code>?format=json</code>. The answer streams back, so large exports need no large memory. Cells that could
        run as spreadsheet formulas are neutralised. The request and answer are described in the API document at{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      <h2>How a Jira administrator imports it</h2>
      <p>
        A Jira administrator opens Jira's CSV importer (Administration &gt; System &gt; External System Import &gt; CSV), chooses the file and maps the columns.
      </p>
      <p>
        <a href="/settings">Back to integration status</a>
      </p>
    </Layout>
  );
}
