import { z } from '@hono/zod-openapi';
import { TARGET_STATES, apiErrorSchema, createTargetInputSchema, targetRecordSchema } from '@webriskops/shared';
import { PORTABLE_FALLBACK_PATH } from '../../errors';

/**
 * OpenAPI-registered shapes shared by the API routes. Schemas from shared/ are named with zod's own
 * `.meta({ id })`: they may be built before @hono/zod-openapi extends zod, so `.openapi()` is absent.
 */
export const ErrorSchema = apiErrorSchema.meta({ id: 'Error' });
export const TargetSchema = targetRecordSchema.meta({ id: 'Target' });
export const CreateTargetSchema = createTargetInputSchema.meta({ id: 'CreateTarget' });

/** A created target; `pairing` (code shown once, expiry) only for a Forge app target. */
export const CreatedTargetSchema = TargetSchema.and(z.object({ pairing: z.object({ code: z.string(), expires_at: z.string() }).optional() })).meta({
  id: 'CreatedTarget',
});

export const TargetIdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'tgt_abcdefgh23456789' }),
});

export const ReadinessSchema = z
  .object({
    target_id: z.string(),
    ready: z.boolean(),
    state: z.enum(TARGET_STATES),
    code: z.string().nullable().optional(),
    reason: z.string().optional(),
    next_action: z.string().optional(),
    check: z.string().nullable().optional(),
    evaluated_at: z.string(),
  })
  .openapi('Readiness');

export const RevokeResultSchema = z
  .object({
    target: TargetSchema,
    credential_destroyed: z.boolean(),
    revoke_instructions: z.object({ where: z.string(), url: z.string().optional(), steps: z.string() }).nullable(),
    jira_calls_in_flight: z
      .array(z.string())
      .openapi({ description: 'Jira calls still on the wire when the disconnect answered (it waits a few seconds for them first); empty when none.' }),
    message: z.string(),
  })
  .openapi('RevokeResult');

export const AuditEventSchema = z
  .object({
    id: z.string(),
    target_id: z.string().nullable(),
    actor: z.string(),
    action: z.string(),
    from_state: z.string().nullable(),
    to_state: z.string().nullable(),
    code: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
    created_at: z.string(),
  })
  .openapi('AuditEvent');

/**
 * The 409 envelope: the error plus `fallback`, present when the target cannot receive tickets now
 * (a blocked code, or not ready); absent on a 409 that sending again resolves (a concurrent change).
 */
export const BlockedErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'PROVIDER_AUTH_REQUIRED' }),
      message: z.string(),
      next_action: z.string(),
      fallback: z
        .string()
        .optional()
        .openapi({ description: 'Where the portable fallback is: always available, sends nothing to Jira.', example: PORTABLE_FALLBACK_PATH }),
    }),
  })
  .openapi('BlockedError');

/** The 409 answer of a route that needs a usable target. */
export const blockedResponse = (description: string) => ({ 409: { description, content: { 'application/json': { schema: BlockedErrorSchema } } } });

type ResponseHeaderName = 'RetryAfter' | 'IdempotentReplayed' | 'ContentDisposition';
type ResponseHeader = { description: string; schema: { type: 'integer' | 'string'; minimum?: number; enum?: string[] } };

/** Response headers, declared once as components and referenced by the routes that send them. */
export const RESPONSE_HEADERS: Record<ResponseHeaderName, ResponseHeader> = {
  RetryAfter: {
    description: 'Seconds to wait before sending the same request again (with the same Idempotency-Key); present when Jira asked the companion to wait.',
    schema: { type: 'integer', minimum: 0 },
  },
  IdempotentReplayed: {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key and body; nothing was sent to Jira again.',
    schema: { type: 'string', enum: ['true'] },
  },
  ContentDisposition: {
    description: 'attachment; filename="webriskops-findings-<UTC time>.csv" (or .json): the download, to be saved as a file.',
    schema: { type: 'string' },
  },
};

/** A `$ref` to one of RESPONSE_HEADERS. */
export const headerRef = (name: ResponseHeaderName) => ({ $ref: `#/components/headers/${name}` });

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: { description: 'Malformed JSON, unknown fields or invalid values', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: 'Missing or invalid bearer token', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: 'The token role may not do this', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: 'Not found in this workspace', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

/** For routes that take a body: the one body limit's answer (see README "Limits"). */
export const bodyTooLargeResponse = {
  413: { description: 'The body is larger than the limit for this route (PAYLOAD_TOO_LARGE)', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
