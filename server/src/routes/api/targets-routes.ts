import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps';
import { createApiRouter } from './api-context';
import {
  AuditEventSchema,
  CreatedTargetSchema,
  CreateTargetSchema,
  RevokeResultSchema,
  TargetIdParams,
  TargetSchema,
  errorResponses,
  bodyTooLargeResponse,
  blockedResponse,
  json,
} from './api-schemas';
import { z } from '@hono/zod-openapi';
import { providerOf } from '../../providers/registry';
import { revokeTarget } from '../../commands/revoke-target';
import { deleteDraftTarget } from '../../commands/delete-draft-target';
import { adminOnly } from './admin-only';
import { listTargets, readTarget, readTargetAudit, type TargetPageCursor } from '../../commands/read-targets';
import { validationFailed } from '../../errors';

const security = [{ bearerAuth: [] }];
const tags = ['targets'];

const encodeCursor = (cursor: TargetPageCursor) => btoa(JSON.stringify([cursor.createdAt, cursor.id])).replace(/=+$/, '');

function decodeCursor(text: string): TargetPageCursor {
  try {
    const [createdAt, id] = JSON.parse(atob(text)) as unknown[];
    if (typeof createdAt === 'string' && typeof id === 'string') return { createdAt, id };
  } catch {
    // fall through
  }
  throw validationFailed('The cursor is not one this API gave out.', 'Pass next_cursor from the previous page unchanged, or leave it out for the first page.');
}

const createTargetRoute = createRoute({
  method: 'post',
  middleware: adminOnly,
  path: '/targets',
  operationId: 'createTarget',
  tags: tags,
  summary: 'Start a Jira target by naming it and choosing its provider (admin)',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: CreateTargetSchema } } } },
  responses: {
    201: json(CreatedTargetSchema, 'The new draft target; a Forge target also carries its one-time pairing code'),
    ...errorResponses,
    ...blockedResponse('TARGET_NAME_TAKEN: another target of the workspace has this name; nothing was created'),
    ...bodyTooLargeResponse,
  },
});

const listTargetsRoute = createRoute({
  method: 'get',
  path: '/targets',
  operationId: 'listTargets',
  tags: tags,
  summary: "List the workspace's targets",
  security,
  request: {
    query: z.object({
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(500)
        .default(100)
        .openapi({ param: { name: 'limit', in: 'query' } }),
      cursor: z
        .string()
        .max(200)
        .optional()
        .openapi({ param: { name: 'cursor', in: 'query' }, description: 'next_cursor of the previous page' }),
    }),
  },
  responses: {
    200: json(z.object({ targets: z.array(TargetSchema), next_cursor: z.string().nullable() }), 'A page of the workspace targets, newest first'),
    ...errorResponses,
  },
});

const getTargetRoute = createRoute({
  method: 'get',
  path: '/targets/{id}',
  operationId: 'getTarget',
  tags: tags,
  summary: 'Read one target',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(TargetSchema, 'The target'), ...errorResponses },
});

const revokeRoute = createRoute({
  method: 'delete',
  middleware: adminOnly,
  path: '/targets/{id}',
  operationId: 'revokeTarget',
  tags: tags,
  summary: 'Disconnect: destroy the stored credential and say where to revoke it in Jira (admin)',
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(RevokeResultSchema, 'The revoked target and revoke instructions'), ...errorResponses },
});

const deleteDraftRoute = createRoute({
  method: 'delete',
  middleware: adminOnly,
  path: '/targets/{id}/draft',
  operationId: 'deleteDraftTarget',
  tags: tags,
  summary: 'Delete a draft that holds no credential, with its pairing codes (admin); any other target answers 409 TARGET_NOT_DRAFT',
  security,
  request: { params: TargetIdParams },
  responses: {
    200: json(z.object({ id: z.string(), name: z.string(), deleted: z.literal(true) }), 'The draft is deleted; its audit trail stays'),
    ...errorResponses,
    ...blockedResponse('TARGET_NOT_DRAFT: the target is ready, blocked, revoked or holds a credential; disconnect it instead'),
  },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/targets/{id}/audit',
  operationId: 'listTargetAudit',
  tags: tags,
  summary: "The target's audit trail, oldest first",
  security,
  request: { params: TargetIdParams },
  responses: { 200: json(z.object({ events: z.array(AuditEventSchema) }), 'Audit events'), ...errorResponses },
});

/** Thin transport for targets: validate, call one command, present the result. */
export function targetsRoutes(deps: AppDeps) {
  return createApiRouter()
    .openapi(createTargetRoute, async (c) => {
      const principal = c.get('principal');
      const input = c.req.valid('json');
      const created = await providerOf(input.provider_key).create(deps, principal, input);
      if (created.pairing) return c.json({ ...created.target, pairing: created.pairing }, 201);
      return c.json(created.target, 201);
    })
    .openapi(listTargetsRoute, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listTargets(deps, c.get('principal'), { limit, after: cursor ? decodeCursor(cursor) : null });
      return c.json({ targets: page.targets, next_cursor: page.next ? encodeCursor(page.next) : null }, 200);
    })
    .openapi(getTargetRoute, async (c) => {
      return c.json(await readTarget(deps, c.get('principal'), c.req.valid('param').id), 200);
    })
    .openapi(revokeRoute, async (c) => {
      const principal = c.get('principal');
      return c.json(await revokeTarget(deps, principal, c.req.valid('param').id), 200);
    })
    .openapi(deleteDraftRoute, async (c) => {
      const deleted = await deleteDraftTarget(deps, c.get('principal'), c.req.valid('param').id);
      return c.json({ ...deleted, deleted: true as const }, 200);
    })
    .openapi(auditRoute, async (c) => {
      return c.json({ events: await readTargetAudit(deps, c.get('principal'), c.req.valid('param').id) }, 200);
    });
}
