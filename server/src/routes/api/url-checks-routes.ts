import { freeText } from '@webriskops/shared';
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps';
import { createApiRouter } from './api-context';
import { errorResponses, bodyTooLargeResponse, json } from './api-schemas';
import { adminOnly } from './admin-only';
import { checkUrlsForWorkspace } from '../../commands/check-url-for-workspace';

const UrlCheckBody = z.strictObject({ url: freeText(z.string().min(1).max(2048)) }).openapi('UrlCheckRequest');

const UrlVerdictSchema = z
  .object({
    url: z.string(),
    allowed: z.boolean(),
    code: z.enum(['PROVIDER_BASE_URL_BLOCKED']).nullable(),
    rule: z.string().nullable(),
    reason: z.string(),
    addresses: z.array(z.string()),
    path: z.enum(['direct', 'tunnel']).nullable(),
    normalized_url: z.string().nullable(),
  })
  .openapi('UrlVerdict');

const urlCheckRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/url-checks',
  operationId: 'checkUrl',
  tags: ['url-checks'],
  summary: "Judge a URL against the egress policy and the caller's approved networks (admin); opens no connection",
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: UrlCheckBody } } } },
  responses: {
    200: json(UrlVerdictSchema, 'The verdict: allowed, or refused with PROVIDER_BASE_URL_BLOCKED and the rule'),
    ...errorResponses,
    ...bodyTooLargeResponse,
  },
});

/** `POST /url-checks`: the same judge as the CLI's check-url, scoped to the token's workspace. */
export function urlChecksRoutes(deps: AppDeps) {
  return createApiRouter().openapi(urlCheckRoute, async (c) => {
    const principal = c.get('principal');
    const [verdict] = await checkUrlsForWorkspace(deps, principal.workspaceId, [c.req.valid('json').url]);
    return c.json(verdict!, 200);
  });
}
