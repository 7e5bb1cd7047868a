import { createHmac, randomUUID } from 'node:crypto';

/** A workflow status as Jira describes it, with its category (`new`, `indeterminate`, `done`). */
export interface FakeStatus {
  id: string;
  name: string;
  category: 'new' | 'indeterminate' | 'done';
}

/** The statuses of the fake's workflow (ids as Jira's default software workflow has them). */
export const FAKE_STATUSES = {
  toDo: { id: '10000', name: 'To Do', category: 'new' },
  inProgress: { id: '3', name: 'In Progress', category: 'indeterminate' },
  done: { id: '10001', name: 'Done', category: 'done' },
} as const satisfies Record<string, FakeStatus>;

/** The resolutions a done screen offers. */
export const FAKE_RESOLUTIONS = [
  { id: '10000', name: 'Done' },
  { id: '10001', name: "Won't Do" },
];

/**
 * Which workflow the fake runs: `standard` (To Do ⇄ In Progress → Done with a resolution screen, Done → Reopen),
 * `no-done` (no transition ever reaches a done status), `done-needs-fields` (the only way to Done asks
 * for a required text field without default).
 */
export type FakeWorkflowMode = 'standard' | 'no-done' | 'done-needs-fields';

/** A transition as `GET /issue/{key}/transitions?expand=transitions.fields` lists it. */
export interface FakeTransition {
  id: string;
  name: string;
  to: FakeStatus;
  fields: Record<
    string,
    { required: boolean; name: string; hasDefaultValue: boolean; schema: Record<string, string>; operations: string[]; allowedValues?: unknown[] }
  >;
}

const resolutionScreen = {
  resolution: {
    required: true,
    name: 'Resolution',
    hasDefaultValue: false,
    schema: { type: 'resolution', system: 'resolution' },
    operations: ['set'],
    allowedValues: FAKE_RESOLUTIONS,
  },
};

const rootCauseScreen = {
  customfield_10500: {
    required: true,
    name: 'Root cause',
    hasDefaultValue: false,
    schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' },
    operations: ['set'],
  },
};

/** The transitions the workflow offers from `from`. */
export function fakeTransitions(mode: FakeWorkflowMode, from: FakeStatus): FakeTransition[] {
  const S = FAKE_STATUSES;
  const toDone: FakeTransition[] =
    mode === 'no-done'
      ? []
      : [{ id: '31', name: 'Done', to: S.done, fields: mode === 'done-needs-fields' ? { ...resolutionScreen, ...rootCauseScreen } : resolutionScreen }];
  switch (from.category) {
    case 'new':
      return [{ id: '11', name: 'Start Progress', to: S.inProgress, fields: {} }, ...toDone];
    case 'indeterminate':
      return [{ id: '21', name: 'Stop Progress', to: S.toDo, fields: {} }, ...toDone];
    case 'done':
      return [{ id: '41', name: 'Reopen', to: S.toDo, fields: {} }];
  }
}

/** The status object of an issue body (`fields.status`), in the REST API's shape. */
export function statusBody(base: string, version: '2' | '3', status: FakeStatus) {
  const category = {
    new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
    indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
    done: { id: 3, colorName: 'green', name: 'Done' },
  }[status.category];
  return {
    self: `${base}/rest/api/${version}/status/${status.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: {
      self: `${base}/rest/api/${version}/statuscategory/${category.id}`,
      id: category.id,
      key: status.category,
      colorName: category.colorName,
      name: category.name,
    },
  };
}

/** A webhook the Jira admin registered: where it posts, with which secret (none: unsigned). */
export interface FakeWebhook {
  secret: string | null;
  deliver(delivery: FakeWebhookDelivery): Promise<unknown>;
}

/** One delivery as Jira's admin webhooks send it: raw body and headers. */
export interface FakeWebhookDelivery {
  body: string;
  headers: Record<string, string>;
}

/** Signs a body as Jira does when the webhook has a secret: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function jiraWebhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A delivery of `jira:issue_updated` / `jira:issue_deleted` with the issue as Jira's webhook JSON carries it. */
export function webhookDelivery(event: 'jira:issue_updated' | 'jira:issue_deleted', issue: unknown, secret: string | null, now: Date): FakeWebhookDelivery {
  const body = JSON.stringify({
    timestamp: now.getTime(),
    webhookEvent: event,
    ...(event === 'jira:issue_updated' ? { issue_event_type_name: 'issue_generic' } : {}),
    user: { name: 'jira-admin', displayName: 'Jira Admin' },
    issue,
  });
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'x-atlassian-webhook-identifier': randomUUID(),
      'x-atlassian-webhook-flow': 'Primary',
      ...(secret ? { 'x-hub-signature': jiraWebhookSignature(secret, body) } : {}),
    },
  };
}
