import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../../deps';
import { createApiRouter } from '../../../routes/api/api-context';
import { TargetIdParams, TargetSchema, blockedResponse, errorResponses, bodyTooLargeResponse, json } from '../../../routes/api/api-schemas';
import { adminOnly } from '../../../routes/api/admin-only';
import { updateDataCenterTarget, updateTargetInputSchema } from '../update-data-center-target';
import { patSchema, setDataCenterPat } from '../set-data-center-pat';
import { cloudApiTokenInputSchema, setCloudApiToken } from '../../jira-cloud/set-cloud-api-token';
import { runDataCenterChecks } from '../run-data-center-checks';
import { activateTarget } from '../../../commands/activate-target';

const security = [{ bearerAuth: [] }];
const blocked = blockedResponse('Blocked: the code, the reason and the next action (with the portable fallback when the target cannot receive tickets)');
const tags = ['setup'];

const PatBody = z.strictObject({ pat: patSchema }).meta({ id: 'DataCenterCredentials' });
const CredentialsBody = z.union([PatBody, cloudApiTokenInputSchema.meta({ id: 'CloudApiTokenCredentials' })]);

const patchRoute = createRoute({
  method: 'patch',
  middleware: adminOnly,
  path: '/targets/{id}',
  operationId: 'updateTarget',
  tags: tags,
  summary:
    'Rename any target (name, unique per workspace: 409 TARGET_NAME_TAKEN); Data Center: attestations, then base_url (URL-safety checked), allowlist declaration (admin)',
  security,
  request: {
    params: TargetIdParams,
    body: { required: true, content: { 'application/json': { schema: updateTargetInputSchema.meta({ id: 'UpdateTarget' }) } } },
  },
  responses: {
    200: json(TargetSchema, 'The updated target; a new base_url carries ownership.dns_challenge'),
    ...errorResponses,
    ...bodyTooLargeResponse,
    ...blocked,
  },
});

const credentialsRoute = createRoute({
  method: 'put',
  middleware: adminOnly,
  path: '/targets/{id}/credentials',
  operationId: 'setTargetCredentials',
  tags: tags,
  summary: 'Store a credential, proved before it is kept; write-only (admin)',
  description:
    'Data Center: {"pat"} once URL, ownership and network are clear. Jira Cloud API-token targets: {"site_url","email","api_token"[,"expires_at"]}; Atlassian discourages API tokens for apps (they expire within a year and carry the whole account\'s access): prefer the Forge app.',
  security,
  request: { params: TargetIdParams, body: { required: true, content: { 'application/json': { schema: CredentialsBody } } } },
  responses: {
    200: json(TargetSchema, 'The target with the credential fingerprint and the auth and scope checks'),
    ...errorResponses,
    ...bodyTooLargeResponse,
    ...blocked,
  },
});

const checksRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/targets/{id}/checks',
  operationId: 'runTargetChecks',
  tags: tags,
  summary: 'Run every check again and record each result with its time (admin)',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(TargetSchema, 'The target with fresh checks'), ...errorResponses, ...blocked },
});

const activateRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/targets/{id}/activate',
  operationId: 'activateTarget',
  tags: tags,
  summary: 'Save: make the target ready, only when readiness allows it (admin)',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(TargetSchema, 'The ready target'), ...errorResponses, ...blocked },
});

/** The Data Center setup path, step by step; the API enforces the order. */
export function dataCenterRoutes(deps: AppDeps) {
  return createApiRouter()
    .openapi(patchRoute, async (c) => {
      return c.json(await updateDataCenterTarget(deps, c.get('principal'), c.req.valid('param').id, c.req.valid('json')), 200);
    })
    .openapi(credentialsRoute, async (c) => {
      const body = c.req.valid('json');
      const { id } = c.req.valid('param');
      if ('pat' in body) return c.json(await setDataCenterPat(deps, c.get('principal'), id, body.pat), 200);
      return c.json(await setCloudApiToken(deps, c.get('principal'), id, body), 200);
    })
    .openapi(checksRoute, async (c) => {
      return c.json(await runDataCenterChecks(deps, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi(activateRoute, async (c) => {
      return c.json(await activateTarget(deps, c.get('principal'), c.req.valid('param').id), 200);
    });
}
