import type { IssueStatusReport, StatusCategory } from '../db/issue-statuses-repo';
import { plainTextToAdf } from './adf-document';
import { issueStatusOf } from './issue-status';
import { callJira, objectOf, type JiraCallLimits, type JiraEndpoint, type JiraOutcomeOf } from './jira-rest';
import { escapeWikiText } from './wiki-markup';

const PAGE_SIZE = 100;
/** A poll reads at most this many pages per query (the rest waits for the next poll). */
const MAX_PAGES = 50;
const STATUS_FIELDS = 'status,resolution,updated';

/** A field the transition screen shows (`expand=transitions.fields`). */
export interface TransitionField {
  id: string;
  name: string;
  required: boolean;
  hasDefaultValue: boolean;
  allowedValues: { id: string; name: string | null }[];
}

/** One transition the workflow offers from the issue's current status. */
export interface IssueTransition {
  id: string;
  name: string;
  to: { id: string | null; name: string | null; category: StatusCategory | null };
  fields: TransitionField[];
}

/** Status reads and transitions, the same shape on Cloud v3 and Data Center v2. */
export interface JiraWorkflowClient {
  /** Every issue matching `jql` with its status, page after page (bounded). */
  searchStatuses(jql: string): Promise<JiraOutcomeOf<IssueStatusReport[]>>;
  /** `GET /issue/{key}?fields=status,resolution,updated`: the issue's status as Jira holds it now. */
  issueStatus(issueKey: string): Promise<JiraOutcomeOf<IssueStatusReport | 'not_found'>>;
  /** `GET /issue/{key}/transitions?expand=transitions.fields`; `not_found` for a deleted issue. */
  transitions(issueKey: string): Promise<JiraOutcomeOf<IssueTransition[] | 'not_found'>>;
  /** `POST /issue/{key}/transitions` with the fields and a comment (plain text, escaped or ADF). */
  transition(issueKey: string, transitionId: string, fields: Record<string, unknown>, comment: string): Promise<JiraOutcomeOf<'done'>>;
}

const CATEGORIES: readonly StatusCategory[] = ['new', 'indeterminate', 'done'];

function transitionOf(raw: unknown): IssueTransition | null {
  const body = objectOf(raw);
  if (typeof body.id !== 'string' || typeof body.name !== 'string') return null;
  const to = objectOf(body.to);
  const categoryKey = objectOf(to.statusCategory).key;
  const fields = Object.entries(objectOf(body.fields)).map(([id, meta]) => {
    const field = objectOf(meta);
    const allowed = Array.isArray(field.allowedValues) ? field.allowedValues.map(objectOf) : [];
    return {
      id,
      name: typeof field.name === 'string' ? field.name : id,
      required: field.required === true,
      hasDefaultValue: field.hasDefaultValue === true,
      allowedValues: allowed.flatMap((value) =>
        typeof value.id === 'string' ? [{ id: value.id, name: typeof value.name === 'string' ? value.name : null }] : [],
      ),
    };
  });
  return {
    id: body.id,
    name: body.name,
    to: {
      id: typeof to.id === 'string' ? to.id : null,
      name: typeof to.name === 'string' ? to.name : null,
      category: CATEGORIES.find((known) => known === categoryKey) ?? null,
    },
    fields,
  };
}

/**
 * Workflow calls for one target. Search pages with `startAt` on Data Center (`GET /search`) and
 * `nextPageToken` on Cloud (`GET /search/jql`); comments are escaped wiki markup (DC) or ADF (Cloud).
 */
export function jiraWorkflowClient(endpoint: JiraEndpoint, limits: JiraCallLimits, flavor: 'cloud' | 'data_center'): JiraWorkflowClient {
  return {
    async searchStatuses(jql) {
      const found: IssueStatusReport[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const query = new URLSearchParams({ jql, fields: STATUS_FIELDS, maxResults: String(PAGE_SIZE) });
        if (flavor === 'data_center') query.set('startAt', String(found.length));
        else if (cursor) query.set('nextPageToken', cursor);
        const path = flavor === 'data_center' ? `/search?${query}` : `/search/jql?${query}`;
        const result = await callJira(endpoint, limits, { method: 'GET', path, label: flavor === 'data_center' ? 'GET /search' : 'GET /search/jql' });
        if (!result.ok) return result;
        const body = objectOf(result.body);
        const issues = Array.isArray(body.issues) ? body.issues : [];
        for (const issue of issues) {
          const report = issueStatusOf(issue);
          if (report) found.push(report);
        }
        if (issues.length === 0) break;
        if (flavor === 'data_center') {
          if (typeof body.total !== 'number' || found.length >= body.total) break;
        } else {
          if (body.isLast !== false || typeof body.nextPageToken !== 'string') break;
          cursor = body.nextPageToken;
        }
      }
      return { ok: true, value: found };
    },
    async issueStatus(issueKey) {
      const path = `/issue/${encodeURIComponent(issueKey)}?fields=${STATUS_FIELDS}`;
      const result = await callJira(endpoint, limits, { method: 'GET', path, label: 'GET /issue/{key}' });
      if (!result.ok && result.problem.kind === 'rejected' && result.problem.status === 404) return { ok: true, value: 'not_found' };
      if (!result.ok) return result;
      const report = issueStatusOf(result.body);
      return report
        ? { ok: true, value: report }
        : { ok: false, problem: { kind: 'server', status: result.status, reason: 'Jira answered GET /issue/{key} without an id and key.' } };
    },
    async transitions(issueKey) {
      const path = `/issue/${encodeURIComponent(issueKey)}/transitions?expand=transitions.fields`;
      const result = await callJira(endpoint, limits, { method: 'GET', path, label: 'GET /issue/{key}/transitions' });
      if (!result.ok && result.problem.kind === 'rejected' && result.problem.status === 404) return { ok: true, value: 'not_found' };
      if (!result.ok) return result;
      const raw = objectOf(result.body).transitions;
      return { ok: true, value: (Array.isArray(raw) ? raw : []).flatMap((item) => transitionOf(item) ?? []) };
    },
    async transition(issueKey, transitionId, fields, comment) {
      const body = flavor === 'data_center' ? escapeWikiText(comment) : plainTextToAdf(comment);
      const result = await callJira(endpoint, limits, {
        method: 'POST',
        path: `/issue/${encodeURIComponent(issueKey)}/transitions`,
        body: { transition: { id: transitionId }, ...(Object.keys(fields).length > 0 ? { fields } : {}), update: { comment: [{ add: { body } }] } },
        label: 'POST /issue/{key}/transitions',
      });
      return result.ok ? { ok: true, value: 'done' } : result;
    },
  };
}
