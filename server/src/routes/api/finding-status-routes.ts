import { JIRA_SCREENS, freeText } from '@webriskops/shared';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps';
import { createApiRouter } from './api-context';
import { adminOnly } from './admin-only';
import { ErrorSchema, TargetIdParams, blockedResponse, errorResponses, headerRef, json } from './api-schemas';
import { fingerprintSchema } from '../../commands/export/export-input';
import { createExportRuntime, type ExportSettings } from '../../commands/export/export-runtime';
import { changeFindingStatus, type StatusDirection } from '../../commands/status/change-finding-status';
import { listIssueEvents, readFindingStatus } from '../../commands/status/read-finding-status';
import { readStatusWebhook, rotateStatusWebhookSecret } from '../../commands/status/status-webhook-secret';

const security = [{ bearerAuth: [] }];
const tags = ['export'];
const errorJson = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const FindingParams = TargetIdParams.extend({
  // .meta, not .openapi: fingerprintSchema is plain zod from commands/, and a zod instance made before
  // @hono/zod-openapi extends zod has no .openapi (entries that load commands/ first, as npm start does).
  fingerprint: fingerprintSchema.meta({ param: { name: 'fingerprint', in: 'path' }, example: '3f9a2c1d' }),
});
const STATUS_CATEGORIES = ['new', 'indeterminate', 'done'] as const;
const SOURCES = ['forge_trigger', 'webhook', 'poll', 'companion'] as const;

const FindingStatusSchema = z
  .object({
    target_id: z.string(),
    fingerprint: z.string(),
    issue: z.object({ id: z.string(), key: z.string(), url: z.string() }),
    status: z
      .object({
        id: z.string().nullable(),
        name: z.string().nullable(),
        category: z.enum(STATUS_CATEGORIES).nullable(),
        resolution: z.string().nullable(),
        updated: z.string().nullable().openapi({ description: "Jira's last update of the issue, when the source told it." }),
        deleted: z.boolean(),
        source: z.enum(SOURCES),
        recorded_at: z.string(),
      })
      .nullable()
      .openapi({ description: 'Null until the Forge trigger, the Data Center webhook, a poll or a resolve/reopen told the companion.' }),
  })
  .openapi('FindingStatus');

const IssueEventSchema = z
  .object({
    cursor: z.number().int(),
    fingerprint: z.string(),
    issue_key: z.string(),
    status: z.string().nullable(),
    status_category: z.enum(STATUS_CATEGORIES).nullable(),
    resolution: z.string().nullable(),
    updated: z.string().nullable(),
    deleted: z.boolean(),
    source: z.enum(SOURCES),
    recorded_at: z.string(),
  })
  .openapi('IssueEvent');
const IssueEventsPageSchema = z.object({ target_id: z.string(), events: z.array(IssueEventSchema), next_cursor: z.number().int() }).openapi('IssueEventsPage');

const ChangeStatusSchema = z
  .object({
    comment: freeText(z.string().max(2000), 'text').optional().openapi({ description: "Plain text added below the companion's own comment on the issue." }),
  })
  .strict()
  .openapi('ChangeFindingStatusRequest');
const ChangeStatusResultSchema = z
  .object({
    action: z.enum(['resolved', 'reopened']),
    target_id: z.string(),
    fingerprint: z.string(),
    issue: z.object({ id: z.string(), key: z.string(), url: z.string() }),
    transition: z.object({ id: z.string(), name: z.string() }),
    status: z.object({ id: z.string().nullable(), name: z.string().nullable(), category: z.string().nullable(), resolution: z.string().nullable() }),
  })
  .openapi('ChangeFindingStatusResult');

const StatusWebhookSchema = z
  .object({
    target_id: z.string(),
    url: z.string().openapi({ description: `Register this URL in ${JIRA_SCREENS.webhooks}.` }),
    secret: z.string().nullable().openapi({ description: "Paste it into the webhook's Secret field; null until generated." }),
    secret_created_at: z.string().nullable(),
    unsigned_accepted: z
      .boolean()
      .openapi({ description: 'ALLOW_UNSIGNED_DC_WEBHOOKS: unsigned deliveries are accepted (anyone who reaches the URL can forge status).' }),
  })
  .openapi('StatusWebhook');

const jiraBusy = {
  description: 'JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After',
  headers: { 'Retry-After': headerRef('RetryAfter') },
  content: { 'application/json': { schema: ErrorSchema } },
};

const findingRoute = createRoute({
  method: 'get',
  path: '/targets/{id}/findings/{fingerprint}',
  operationId: 'getFindingStatus',
  tags,
  summary: "A finding's issue and its Jira status as last told (Forge trigger, webhook, poll): one database read, no call to Jira",
  security,
  request: { params: FindingParams },
  responses: { 200: json(FindingStatusSchema, 'The issue and its status'), ...errorResponses },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/targets/{id}/issue-events',
  operationId: 'listIssueEvents',
  tags,
  summary: "The feed of status changes of the target's findings, oldest first, keyset-paginated (keep next_cursor, ask again)",
  security,
  request: {
    params: TargetIdParams,
    query: z.object({
      after: z.coerce.number().int().min(0).optional().openapi({ description: 'The next_cursor of the previous page (0 or absent: from the start).' }),
      limit: z.coerce.number().int().min(1).max(500).optional().openapi({ description: 'Events per page, default 100, at most 500.' }),
    }),
  },
  responses: { 200: json(IssueEventsPageSchema, 'Events after the cursor and the next cursor'), ...errorResponses },
});

const changeRoute = (direction: StatusDirection) =>
  createRoute({
    method: 'post',
    path: `/targets/{id}/findings/{fingerprint}/${direction}`,
    operationId: direction === 'resolve' ? 'resolveFindingIssue' : 'reopenFindingIssue',
    tags,
    summary:
      direction === 'resolve'
        ? "Move the finding's issue to a done-category status through a transition its workflow offers, with a comment"
        : "Move the finding's issue back to a to-do or in-progress status through a transition its workflow offers, with a comment",
    security,
    request: { params: FindingParams, body: { required: false, content: { 'application/json': { schema: ChangeStatusSchema } } } },
    responses: {
      200: json(ChangeStatusResultSchema, 'Moved; the status is recorded and a feed event appended'),
      ...errorResponses,
      ...blockedResponse('Blocked (a blocked code; nothing sent), or NO_TRANSITION: the workflow offers no transition there from the current status'),
      422: errorJson('TRANSITION_NEEDS_FIELDS: every such transition requires fields the companion cannot fill; JIRA_REJECTED: Jira refused the transition'),
      502: errorJson('Jira answered with a server error'),
      503: jiraBusy,
    },
  });

const webhookRoute = createRoute({
  method: 'get',
  middleware: adminOnly,
  path: '/targets/{id}/status-webhook',
  operationId: 'getStatusWebhook',
  tags: ['setup'],
  summary: 'Data Center: the webhook URL and secret the Jira admin registers so status comes back (admin)',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(StatusWebhookSchema, 'URL and secret'), ...errorResponses },
});

const rotateRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/targets/{id}/status-webhook/secret',
  operationId: 'rotateStatusWebhookSecret',
  tags: ['setup'],
  summary: 'Data Center: generate or rotate the webhook secret; the old one stops verifying at once (admin, audited)',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(StatusWebhookSchema, 'The new secret'), ...errorResponses },
});

/**
 * Status coming back, for export jobs (export or admin token): a finding's issue status, the feed
 * of changes, resolve and reopen; and, for admins, the Data Center webhook URL and secret.
 */
export function findingStatusRoutes(deps: AppDeps, settings: Partial<ExportSettings> = {}) {
  const runtime = createExportRuntime(settings, () => deps.clock.now().getTime());
  const router = createApiRouter();
  const origin = (url: string) => new URL(url).origin;
  const change = (direction: StatusDirection) => changeRoute(direction);
  return router
    .openapi(findingRoute, async (c) => {
      const { id, fingerprint } = c.req.valid('param');
      return c.json(await readFindingStatus(deps, c.get('principal'), id, fingerprint), 200);
    })
    .openapi(eventsRoute, async (c) => {
      const { after, limit } = c.req.valid('query');
      return c.json(await listIssueEvents(deps, c.get('principal'), c.req.valid('param').id, after ?? 0, limit ?? 100), 200);
    })
    .openapi(change('resolve'), async (c) => {
      const { id, fingerprint } = c.req.valid('param');
      return c.json(await changeFindingStatus(deps, runtime, c.get('principal'), id, fingerprint, 'resolve', c.req.valid('json')?.comment ?? null), 200);
    })
    .openapi(change('reopen'), async (c) => {
      const { id, fingerprint } = c.req.valid('param');
      return c.json(await changeFindingStatus(deps, runtime, c.get('principal'), id, fingerprint, 'reopen', c.req.valid('json')?.comment ?? null), 200);
    })
    .openapi(webhookRoute, async (c) => c.json(await readStatusWebhook(deps, c.get('principal'), c.req.valid('param').id, origin(c.req.url)), 200))
    .openapi(rotateRoute, async (c) => c.json(await rotateStatusWebhookSecret(deps, c.get('principal'), c.req.valid('param').id, origin(c.req.url)), 200));
}
