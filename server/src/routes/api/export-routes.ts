import { PROVIDER_KEYS, freeText } from '@webriskops/shared';
import { refuseForbiddenText } from '../../commands/free-text-field';
import { createRoute, z } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../../deps';
import { validationFailed } from '../../errors';
import { createApiRouter, validatedInHandler, type ApiEnv } from './api-context';
import { ErrorSchema, ReadinessSchema, TargetIdParams, blockedResponse, errorResponses, bodyTooLargeResponse, headerRef, json } from './api-schemas';
import { createExportRuntime, type ExportSettings } from '../../commands/export/export-runtime';
import { ExportError, PORTABLE_FALLBACK_PATH } from '../../commands/export/export-errors';
import { exportIssueInputSchema, findingSchema, mappingOverrideSchema } from '../../commands/export/export-input';
import { exportProfileRoutes } from './export-profile-routes';
import { ReadinessQuery, readReadinessRequest } from './readiness-fast-path';
import { exportIssue } from '../../commands/export/export-issue';
import { readTargetMetadata } from '../../commands/export/read-target-metadata';
import { startPortableExport } from '../../commands/export/portable-export';
import { parsePriorityNames } from '../../commands/export/portable-rows';
import { BASE_HEADERS } from '../base-headers';

const security = [{ bearerAuth: [] }];
const errorJson = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const FindingSchema = findingSchema.meta({ id: 'Finding' });
const IssueMappingSchema = mappingOverrideSchema.meta({
  id: 'IssueMapping',
  description: "Merged over the target's export profile for this call; without a profile, project_key and issue_type_id are required.",
});
const ExportIssueSchema = exportIssueInputSchema.extend({ finding: FindingSchema, mapping: IssueMappingSchema.optional() }).meta({ id: 'ExportIssueRequest' });

const ExportReadinessSchema = ReadinessSchema.extend({
  fallback: z.string().optional().openapi({ description: 'When not ready: where the portable fallback is.', example: PORTABLE_FALLBACK_PATH }),
  refreshed: z.boolean().optional().openapi({ description: 'With refresh=true: whether checks were run again (Data Center) or not (Cloud).' }),
  refresh_note: z.string().optional(),
  mapping_problem: z.object({ code: z.string(), field: z.string(), message: z.string(), next_action: z.string() }).nullable().openapi({
    description: "The export profile's problem, separate from the setup blocked codes: exports relying on the profile answer 422 until it is fixed.",
  }),
}).openapi('ExportReadiness');

const AllowedValueSchema = z.object({ id: z.string(), name: z.string().nullable(), value: z.string().nullable() }).openapi('JiraAllowedValue');
const FieldViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    items: z.string().nullable(),
    custom: z.string().nullable(),
    required: z.boolean(),
    has_default_value: z.boolean(),
    filled_by: z.enum(['companion', 'mapping']),
    allowed_values: z.array(AllowedValueSchema).nullable(),
  })
  .openapi('JiraCreateField');
const ProjectSchema = z.object({ id: z.string(), key: z.string(), name: z.string() }).openapi('JiraProject');
const IssueTypeViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    subtask: z.boolean(),
    priorities: z.array(z.object({ id: z.string(), name: z.string() })),
    default_priority_id: z.string().nullable(),
    priority_settable: z.boolean(),
    labels_settable: z.boolean(),
    required_fields: z.array(FieldViewSchema),
    fields: z.array(FieldViewSchema),
  })
  .openapi('JiraIssueTypeMetadata');
const TargetMetadataSchema = z
  .object({
    target_id: z.string(),
    provider_key: z.enum(PROVIDER_KEYS),
    api: z.enum(['cloud_v3', 'data_center_v2']),
    projects: z.array(ProjectSchema),
    project: ProjectSchema.extend({ issue_types: z.array(IssueTypeViewSchema) }).nullable(),
    fetched_at: z.string(),
    cached: z.boolean(),
    max_age_seconds: z.number(),
  })
  .openapi('TargetMetadata');

const ExportIssueResultSchema = z
  .object({
    action: z.enum(['created', 'updated']),
    target_id: z.string(),
    fingerprint: z.string(),
    issue: z.object({ id: z.string(), key: z.string(), url: z.string() }),
    found_by: z.enum(['new', 'finding_map', 'label_search', 'reconciled']),
    warnings: z.array(z.string()),
  })
  .openapi('ExportIssueResult');

const blocked = blockedResponse('Blocked or not ready: the code, the reason, the next action and the portable fallback; nothing was sent to Jira');
const tags = ['export'];
/** 503 with the Retry-After the job should wait. */
const jiraBusy = {
  description:
    "JIRA_UNAVAILABLE: Jira (or Atlassian's token endpoint) is rate limiting or unreachable; OAUTH_NOT_CONFIGURED: Atlassian refused the companion's OAuth client. See Retry-After",
  headers: { 'Retry-After': headerRef('RetryAfter') },
  content: { 'application/json': { schema: ErrorSchema } },
};

const readinessRoute = createRoute({
  method: 'get',
  path: '/targets/{id}/readiness',
  operationId: 'getTargetReadiness',
  tags,
  summary: 'Whether the target may receive tickets now: one database read, no network call (refresh=true reruns the checks, rate limited)',
  security,
  request: {
    params: TargetIdParams,
    query: ReadinessQuery,
  },
  responses: {
    200: json(ExportReadinessSchema, 'Readiness; when blocked, the code, reason, next action and the portable fallback'),
    ...errorResponses,
    429: errorJson('Refreshed too often'),
  },
});

const metadataRoute = createRoute({
  method: 'get',
  path: '/targets/{id}/metadata',
  operationId: 'getTargetMetadata',
  tags,
  summary: 'What a mapping can use: projects, and for project_key its issue types, allowed priorities and required fields (cached briefly)',
  security,
  request: {
    params: TargetIdParams,
    query: z.object({
      project_key: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/)
        .optional()
        .openapi({ example: 'SEC' }),
    }),
  },
  responses: {
    200: json(TargetMetadataSchema, 'Cloud v3 and Data Center v2 create metadata in one shape'),
    ...errorResponses,
    ...blocked,
    429: errorJson('RATE_LIMITED: too many metadata reads missed the cache for this target or workspace; see Retry-After'),
    502: errorJson('Jira answered with a server error'),
    503: jiraBusy,
  },
});

const issuesRoute = createRoute({
  method: 'post',
  path: '/targets/{id}/issues',
  operationId: 'exportIssue',
  tags,
  summary: 'Create the issue for a finding, or update the one that already carries it; idempotent by fingerprint and Idempotency-Key',
  security,
  request: {
    params: TargetIdParams,
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(255)
        .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces')
        .optional()
        .openapi({ description: 'Same key and body: the first answer again, nothing sent twice (kept 24 h).' }),
    }),
    body: { required: true, content: { 'application/json': { schema: ExportIssueSchema } } },
  },
  responses: {
    200: { ...json(ExportIssueResultSchema, 'The existing issue was updated'), headers: { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } },
    201: { ...json(ExportIssueResultSchema, 'A new issue was created'), headers: { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } },
    ...errorResponses,
    ...bodyTooLargeResponse,
    ...blockedResponse(
      'Blocked (a blocked code with the portable fallback, also when the target is disconnected or blocked during the request; nothing more is sent to Jira), or CONFLICT: the target changed during the request, or over 100 issues carry the label without the proof',
    ),
    422: errorJson(
      'EXPORT_PROFILE_MISSING (no profile and no full mapping) or a MAPPING_* code (the profile the last re-check found broken, field in details[].path); the mapping does not fit the create screen (fields named), sets a field outside the extra_fields allowlist or a reserved webriskops- label, Jira refused the issue, or the Idempotency-Key was used with another body',
    ),
    429: errorJson('RATE_LIMITED: too many metadata reads missed the cache for this target or workspace; see Retry-After'),
    502: errorJson('Jira answered with a server error'),
    503: jiraBusy,
  },
});

const portableRoute = createRoute({
  method: 'post',
  path: '/exports/portable',
  operationId: 'exportPortable',
  tags,
  summary: 'The portable fallback: findings in (NDJSON or a JSON array, streamed), a Jira CSV import file or JSON document out (streamed)',
  security,
  request: {
    query: z.object({
      format: z.enum(['csv', 'json']).optional().openapi({ description: 'Default: from Accept (text/csv or application/json), else csv.' }),
      issue_type: freeText(z.string().min(1).max(100)).optional().openapi({ description: 'The Issue Type column (a name). Default Bug.' }),
      labels: z.string().max(2000).optional().openapi({ description: 'Comma-separated labels added to every issue (no spaces).' }),
      priorities: z
        .string()
        .max(1000)
        .optional()
        .openapi({ description: 'Severity to priority names, e.g. critical:Highest,high:High,medium:Medium,low:Low,info:Lowest (the default).' }),
    }),
    body: {
      required: true,
      description: 'Findings, read incrementally: NDJSON (one finding per line) or a JSON array of findings.',
      content: {
        'application/x-ndjson': { schema: { type: 'string', description: 'One Finding object per line.' } },
        'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Finding' } } },
      },
    },
  },
  responses: {
    200: {
      headers: { 'Content-Disposition': headerRef('ContentDisposition') },
      description:
        'The download, streamed. CSV columns: Summary, Issue Type, Priority, Description (wiki markup), Labels (one column per label), External ID; formula-like cells start with an apostrophe.',
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/json': { schema: { type: 'object', description: '{format, generated_at, columns, issues: [...], count}' } },
      },
    },
    ...errorResponses,
    413: errorJson(
      'The body is larger than PORTABLE_EXPORT_MAX_MB (or one finding larger than 1 MB) before the download started; later, the connection is ended without its final chunk',
    ),
    415: errorJson('The body is neither NDJSON nor JSON'),
  },
});

/** Passes Jira's Retry-After on to the job when the companion stopped waiting. */
const retryAfterHeader = createMiddleware<ApiEnv>(async (c, next) => {
  await next();
  if (c.error instanceof ExportError && c.error.retryAfterSeconds !== null) c.header('Retry-After', String(c.error.retryAfterSeconds));
});

/**
 * The export jobs' API: readiness, mapping metadata, idempotent issue create/update and the
 * portable fallback. Export and admin tokens may call all of it. `settings` is for tests and benches.
 */
export function exportRoutes(deps: AppDeps, settings: Partial<ExportSettings> = {}) {
  const runtime = createExportRuntime(settings, () => deps.clock.now().getTime());
  const router = createApiRouter();
  router.use('/targets/:id/issues', retryAfterHeader);
  router.use('/targets/:id/metadata', retryAfterHeader);
  router.use('/targets/:id/export-profile/*', retryAfterHeader);
  // Readiness is documented and typed here (hono/client); in the app, readinessFastPath answers it in front of every middleware.
  return router
    .openapi(validatedInHandler(router, readinessRoute), async (c) => c.json(await readReadinessRequest(deps, runtime, c.get('principal'), c), 200))
    .openapi(metadataRoute, async (c) => {
      const projectKey = c.req.valid('query').project_key?.toUpperCase() ?? null;
      return c.json(await readTargetMetadata(deps, runtime, c.get('principal'), c.req.valid('param').id, projectKey), 200);
    })
    .openapi(issuesRoute, async (c) => {
      const key = c.req.valid('header')['idempotency-key'] ?? null;
      const answer = await exportIssue(deps, runtime, c.get('principal'), c.req.valid('param').id, c.req.valid('json'), key);
      if (answer.replayed) c.header('Idempotent-Replayed', 'true');
      return answer.status === 201 ? c.json(answer.body, 201) : c.json(answer.body, 200);
    })
    .openapi(portableRoute, async (c) => {
      const query = c.req.valid('query');
      const accept = c.req.header('accept') ?? '';
      const format = query.format ?? (/application\/json/i.test(accept) && !/text\/csv/i.test(accept) ? 'json' : 'csv');
      const labels = (query.labels ?? '')
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean);
      labels.forEach((label) => refuseForbiddenText('labels', label));
      if (labels.some((label) => /\s/.test(label) || label.length > 200) || labels.length > 20) {
        throw validationFailed('labels: up to 20 comma-separated labels without spaces.', 'Fix the labels query parameter.');
      }
      const priorities = parsePriorityNames(query.priorities);
      if (!priorities.ok)
        throw validationFailed(
          `priorities: "${priorities.entry}" is not severity:Name (severities critical, high, medium, low, info).`,
          'Send priorities=critical:Highest,high:High,… or leave it out for the defaults.',
        );
      const download = await startPortableExport(deps, {
        body: c.req.raw.body,
        contentType: c.req.header('content-type') ?? '',
        format,
        mapping: { issueType: query.issue_type ?? 'Bug', labels, priorities: priorities.value },
        abort: () => deps.abortConnection?.(c.env) ?? false,
      });
      return new Response(download.stream, {
        status: 200,
        headers: { ...BASE_HEADERS, 'content-type': download.contentType, 'content-disposition': `attachment; filename="${download.filename}"` },
      });
    })
    .route('/', exportProfileRoutes(deps, runtime));
}

/** The export API's type, for `hono/client` (`hc<ExportApi>(…/api/v1)`). */
export type ExportApi = ReturnType<typeof exportRoutes>;
