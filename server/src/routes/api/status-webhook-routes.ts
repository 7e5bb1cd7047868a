import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../../deps';
import { createApiRouter } from './api-context';
import { ErrorSchema, json } from './api-schemas';
import { receiveDataCenterWebhook } from '../../commands/status/receive-data-center-webhook';

const errorJson = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

const WebhookReceiptSchema = z
  .object({ outcome: z.enum(['changed', 'unchanged', 'stale', 'not_ours', 'duplicate', 'ignored']) })
  .openapi('StatusWebhookReceipt');

const deliveryRoute = createRoute({
  method: 'post',
  path: '/webhooks/jira-data-center/{targetId}',
  operationId: 'receiveDataCenterStatusWebhook',
  tags: ['webhooks'],
  summary: "Jira Data Center's admin webhook (jira:issue_updated, jira:issue_deleted) for one target; authenticated by X-Hub-Signature, not a bearer token",
  security: [],
  request: {
    params: z.object({
      targetId: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'targetId', in: 'path' }, example: 'tgt_abcdefgh23456789' }),
    }),
    headers: z.object({
      'x-hub-signature': z.string().max(200).optional().openapi({ description: 'sha256=<hex HMAC-SHA256 of the raw body under the secret>' }),
      'x-atlassian-webhook-identifier': z.string().max(200).optional().openapi({ description: 'The delivery id: a delivery seen before changes nothing.' }),
    }),
    body: {
      required: true,
      description: "Jira's webhook JSON (webhookEvent, timestamp, issue); verified over the raw bytes before it is parsed.",
      content: { 'application/json': { schema: { type: 'object' } } },
    },
  },
  responses: {
    200: json(WebhookReceiptSchema, 'Applied, or recognised as a repeat, a stale report, another issue or another event'),
    400: errorJson('No X-Atlassian-Webhook-Identifier, or the body is not JSON'),
    401: errorJson('UNAUTHENTICATED: the signature does not match, or the delivery is unsigned and ALLOW_UNSIGNED_DC_WEBHOOKS is off; nothing changed'),
    404: errorJson('No status webhook is set up at this URL'),
    413: errorJson('The body is larger than 512 KB (PAYLOAD_TOO_LARGE)'),
  },
});

/** The Data Center status webhook: no bearer token; the per-target secret's signature is the authentication. */
export function statusWebhookRoutes(deps: AppDeps) {
  return createApiRouter().openapi(deliveryRoute, async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const receipt = await receiveDataCenterWebhook(
      deps,
      c.req.valid('param').targetId,
      { signature: c.req.header('x-hub-signature') ?? null, identifier: c.req.header('x-atlassian-webhook-identifier') ?? null },
      rawBody,
    );
    return c.json(receipt, 200);
  });
}
