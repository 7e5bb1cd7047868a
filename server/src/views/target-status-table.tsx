import { PROVIDER_RULES, TARGET_STATES, type TargetState } from '@webriskops/shared';
import type { StatusRow } from '../presenters/status-row';
import { CHECK_LABEL, PROVIDER_LABEL, formatTime, targetPath } from './format';
import { OverviewBadge } from './readiness-notice';
import { CsrfField } from './step-section';

const STATE_LABEL: Record<TargetState, string> = { ready: 'Ready', blocked: 'Blocked', draft: 'Draft', revoked: 'Disconnected' };

/** `2026-01-31 14:05 UTC`: the status table's short time (the target page has the seconds). */
const shortTime = (iso: string | null) => (iso ? formatTime(iso).replace(/:\d\d UTC$/, ' UTC') : 'Never');

/** Filter links by state (a GET query: works without JavaScript), each with its count. */
export function StateFilter(props: { rows: StatusRow[]; current: TargetState | null }) {
  const count = (state: TargetState | null) => props.rows.filter((row) => state === null || row.overview.state === state).length;
  const link = (state: TargetState | null, label: string) => (
    <li>
      <a href={state ? `/settings?state=${state}` : '/settings'} aria-current={props.current === state ? 'page' : undefined}>
        {label} ({count(state)})
      </a>
    </li>
  );
  return (
    <nav aria-label="Filter by state" class="filter">
      <ul>
        {link(null, 'All')}
        {TARGET_STATES.map((state) => link(state, STATE_LABEL[state]))}
      </ul>
    </nav>
  );
}

/** What blocks the target, in one line: the check, its code and the readiness result's next action. */
function BlockingCell(props: { row: StatusRow }) {
  const { row } = props;
  if (row.overview.target.state === 'revoked') return <>Disconnected</>;
  if (!row.nextAction) return <>Nothing</>;
  const check = row.blockingCheck && row.blockingCheck in CHECK_LABEL ? CHECK_LABEL[row.blockingCheck as keyof typeof CHECK_LABEL] : null;
  const line = `${check ? `${check}: ` : ''}${row.nextAction}`;
  return (
    <>
      {row.code ? <strong class="code">{row.code}</strong> : null}
      <span class="one-line" title={line}>
        {line}
      </span>
    </>
  );
}

/** Open, Run checks (a POST that comes back here), Disconnect or, for a draft holding nothing, Delete. */
function RowActions(props: { row: StatusRow; csrfToken: string; returnTo: string }) {
  const { target } = props.row.overview;
  const live = target.state !== 'revoked';
  const name = <span class="sr-only"> {target.name}</span>;
  return (
    <div class="row-actions">
      <a href={targetPath(target.id)}>Open{name}</a>
      {live ? <a href={targetPath(target.id, '/rename')}>Rename{name}</a> : null}
      {live && PROVIDER_RULES[target.provider_key].rechecked && target.base_url ? (
        <form method="post" action={targetPath(target.id, '/run-checks')} class="inline">
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="return_to" value={props.returnTo} />
          <button type="submit" class="link">
            Run checks{name}
          </button>
        </form>
      ) : null}
      {/* A draft holding nothing is deleted (nothing to disconnect); anything else is disconnected, from here or its page. */}
      {live && target.state === 'draft' && target.credential === null ? <a href={targetPath(target.id, '/delete')}>Delete{name}</a> : null}
      {live && !(target.state === 'draft' && target.credential === null) ? <a href={targetPath(target.id, '/revoke')}>Disconnect{name}</a> : null}
    </div>
  );
}

/** The integration status as one compact table: a row per target, details on its page; stacked rows below 600 px. */
export function TargetStatusTable(props: { rows: StatusRow[]; csrfToken: string; returnTo: string }) {
  return (
    <table class="status">
      <caption class="sr-only">Jira targets</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Provider</th>
          <th scope="col">Site or base URL</th>
          <th scope="col">State</th>
          <th scope="col">What blocks it, and the next action</th>
          <th scope="col">Last checked</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => {
          const { target } = row.overview;
          return (
            <tr>
              <th scope="row" class="name">
                <a href={targetPath(target.id)}>{target.name}</a>
              </th>
              <td data-label="Provider">{PROVIDER_LABEL[target.provider_key]}</td>
              <td data-label={PROVIDER_RULES[target.provider_key].addressLabel}>
                <span class="one-line" title={target.base_url ?? undefined}>
                  {target.base_url ?? 'Not set yet'}
                </span>
              </td>
              <td data-label="State">
                <OverviewBadge overview={row.overview} />
              </td>
              <td data-label="What blocks it">
                <BlockingCell row={row} />
              </td>
              <td data-label="Last checked">{shortTime(row.lastCheckedAt)}</td>
              <td data-label="Actions">
                <RowActions row={row} csrfToken={props.csrfToken} returnTo={props.returnTo} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
