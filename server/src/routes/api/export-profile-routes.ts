import { createRoute, z } from '@hono/zod-openapi';
import { MAPPING_CODES } from '@webriskops/shared';
import type { AppDeps } from '../../deps';
import { issueMappingSchema } from '../../commands/export/export-input';
import type { ExportRuntime } from '../../commands/export/export-runtime';
import { readExportProfile, saveExportProfile } from '../../commands/export/export-profile';
import { sendTestIssue } from '../../commands/export/send-test-issue';
import { validateExportProfile } from '../../commands/export/validate-export-profile';
import { adminOnly } from './admin-only';
import { createApiRouter } from './api-context';
import { ErrorSchema, TargetIdParams, blockedResponse, bodyTooLargeResponse, errorResponses, json } from './api-schemas';

const security = [{ bearerAuth: [] }];
const tags = ['export'];
const errorJson = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const ExportProfileSchema = issueMappingSchema.meta({ id: 'ExportProfile' });
const ProfileProblemSchema = z
  .object({ code: z.enum(MAPPING_CODES), field: z.string(), message: z.string(), next_action: z.string() })
  .openapi('MappingProblem');
const MappingErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      next_action: z.string(),
      details: z.array(z.object({ code: z.enum(MAPPING_CODES), path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('MappingError');
const ExportProfileViewSchema = z
  .object({
    target_id: z.string(),
    profile: ExportProfileSchema.nullable(),
    mapping_problem: ProfileProblemSchema.nullable().openapi({ description: 'The first problem the last save, validation or re-check found; null: it fits.' }),
    problems: z.array(ProfileProblemSchema),
    duplicate_rule: z
      .object({ label: z.string(), issue_property: z.string(), local_map: z.boolean(), description: z.string() })
      .openapi({ description: 'How duplicates are found (read-only).' }),
    checked_at: z.string().nullable(),
    updated_at: z.string().nullable(),
  })
  .openapi('ExportProfileView');
const ProfileValidationSchema = z
  .object({
    target_id: z.string(),
    project_key: z.string(),
    unsaved: z.boolean(),
    ok: z.boolean(),
    checks: z.array(z.object({ id: z.string(), label: z.string(), ok: z.boolean(), detail: z.string(), next_action: z.string().nullable() })),
  })
  .openapi('ExportProfileValidation');
const TestIssueSchema = z
  .object({
    target_id: z.string(),
    project_key: z.string(),
    label: z.literal('webriskops-test'),
    issue: z.object({ id: z.string(), key: z.string(), url: z.string() }),
  })
  .openapi('TestIssue');

const mappingRefused = (description: string) => ({ 422: { description, content: { 'application/json': { schema: MappingErrorSchema } } } });
const jiraErrors = {
  ...blockedResponse('The target is not ready (a blocked code with the portable fallback); nothing was sent to Jira'),
  429: errorJson('RATE_LIMITED: too many metadata reads missed the cache'),
  502: errorJson('Jira answered with a server error'),
  503: errorJson('JIRA_UNAVAILABLE: Jira is rate limiting or unreachable; see Retry-After'),
};

const getRoute = createRoute({
  method: 'get',
  path: '/targets/{id}/export-profile',
  operationId: 'getExportProfile',
  tags,
  summary: 'The export profile (default mapping), its mapping problem and the duplicate rule in force',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(ExportProfileViewSchema, 'The profile (null when none was saved)'), ...errorResponses },
});

const putRoute = createRoute({
  method: 'put',
  middleware: adminOnly,
  path: '/targets/{id}/export-profile',
  operationId: 'putExportProfile',
  tags,
  summary: 'Save the export profile, validated against the target’s create metadata (admin)',
  security,
  request: { params: TargetIdParams, body: { required: true, content: { 'application/json': { schema: ExportProfileSchema } } } },
  responses: {
    200: json(ExportProfileViewSchema, 'Saved'),
    ...errorResponses,
    ...bodyTooLargeResponse,
    ...jiraErrors,
    ...mappingRefused('The profile does not fit the create metadata: a MAPPING_* code, each field in details[].path; nothing was saved'),
  },
});

const validateRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/targets/{id}/export-profile/validate',
  operationId: 'validateExportProfile',
  tags,
  summary: 'Check permissions in the profile’s project (browse, create, edit, transition) and the mapping; creates nothing (admin)',
  security,
  request: {
    params: TargetIdParams,
    body: {
      required: false,
      description: 'A profile to check before saving it; without a body the saved profile is checked (and its mapping problem recorded).',
      content: { 'application/json': { schema: z.object({ profile: ExportProfileSchema.optional() }).strict() } },
    },
  },
  responses: {
    200: json(ProfileValidationSchema, 'Every check with pass or fail and its next action'),
    ...errorResponses,
    ...bodyTooLargeResponse,
    ...jiraErrors,
    ...mappingRefused('EXPORT_PROFILE_MISSING: no saved profile and none sent'),
  },
});

const testIssueRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/targets/{id}/export-profile/test-issue',
  operationId: 'sendTestIssue',
  tags,
  summary: 'Create one issue labelled webriskops-test with the saved profile, through the export path’s safety (admin, audited)',
  security,
  request: { params: TargetIdParams },
  responses: {
    201: json(TestIssueSchema, 'The test issue, with its browse link'),
    ...errorResponses,
    ...jiraErrors,
    ...mappingRefused('No profile, a profile with a mapping problem, or Jira refused the issue; nothing was created'),
  },
});

/** The export profile of a target: read (admin and export tokens), save, validate and test (admin). */
export function exportProfileRoutes(deps: AppDeps, runtime: ExportRuntime) {
  return createApiRouter()
    .openapi(getRoute, async (c) => c.json(await readExportProfile(deps, c.get('principal'), c.req.valid('param').id), 200))
    .openapi(putRoute, async (c) => c.json(await saveExportProfile(deps, runtime, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(validateRoute, async (c) => {
      const body = c.req.header('content-type') ? c.req.valid('json') : {};
      return c.json(await validateExportProfile(deps, runtime, c.get('principal'), c.req.valid('param').id, body.profile ?? null), 200);
    })
    .openapi(testIssueRoute, async (c) => c.json(await sendTestIssue(deps, runtime, c.get('principal'), c.req.valid('param').id), 201));
}
