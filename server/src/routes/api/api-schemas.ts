import { z } from '@hono/zod-openapi';
import { apiErrorSchema, createTargetInputSchema, targetRecordSchema } from '@webriskops/shared';

/**
 * OpenAPI-registered shapes shared by the API routes. Schemas from shared/ are named with zod's own
 * `.meta({ id })`: they may be built before @hono/zod-openapi extends zod, so `.openapi()` is absent.
 */
export const ErrorSchema = apiErrorSchema.meta({ id: 'Error' });
export const TargetSchema = targetRecordSchema.meta({ id: 'Target' });
export const CreateTargetSchema = createTargetInputSchema.meta({ id: 'CreateTarget' });

/** A created target; `pairing` (code shown once, expiry) only for a Forge app target. */
export const CreatedTargetSchema = TargetSchema.and(z.object({ pairing: z.object({ code: z.string(), expires_at: z.string() }).optional() })).meta({ id: 'CreatedTarget' });

export const TargetIdParams = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: 'id', in: 'path' }, example: 'tgt_abcdefgh23456789' }),
});

export const ReadinessSchema = z
  .object({
    target_id: z.string(),
    ready: z.boolean(),
    state: z.enum(['draft', 'ready', 'blocked', 'revoked']),
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
