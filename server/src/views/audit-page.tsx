import { actorLabel, type TargetRecord } from '@webriskops/shared';
import type { AuditEventView as AuditEvent } from '../presenters/audit-event-view';
import { Layout } from './layout';
import { formatTime, targetPath } from './format';

const detailText = (detail: AuditEvent['detail']) =>
  detail
    ? Object.entries(detail)
        .filter(([, value]) => value !== null && value !== '')
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join('; ')
    : '';

/** A target's audit trail, oldest first: who, when, what, from, to, code. */
export function AuditPage(props: { session: { email: string; csrfToken: string }; target: TargetRecord; events: AuditEvent[] }) {
  const { target } = props;
  return (
    <Layout title={`Audit: ${target.name}`} signedInAs={props.session.email} csrfToken={props.session.csrfToken}>
      <p class="crumbs">
        <a href="/settings">Integration status</a> › <a href={targetPath(target.id)}>{target.name}</a> › Audit
      </p>
      <h1>Audit trail: {target.name}</h1>
      <table class="audit">
        <caption>Every change of this target, oldest first. No secret is ever recorded.</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Change</th>
            <th scope="col">Code</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((event) => (
            <tr>
              <td data-label="When">
                <time datetime={event.created_at}>
                  {formatTime(event.created_at)
                    .split(' ')
                    .map((part, index) => (index === 0 ? <span class="day">{part}</span> : ` ${part}`))}
                </time>
              </td>
              <td data-label="Who" class="who">
                {actorLabel(event.actor)}
              </td>
              <td data-label="Change">
                <span class="action">{event.action}</span>
                {event.from_state || event.to_state ? <span class="states">{`${event.from_state ?? '—'} → ${event.to_state ?? '—'}`}</span> : null}
              </td>
              <td data-label="Code" class="code-cell">
                {event.code ?? '—'}
              </td>
              <td data-label="Detail" class="wrap detail">
                {detailText(event.detail) || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
