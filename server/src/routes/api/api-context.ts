import { OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Principal } from '../../deps';
import { type AppError, validationFailed } from '../../errors';

export type ApiEnv = { Variables: { principal: Principal } };

/** The one validation answer of the API: 400 VALIDATION_FAILED naming each bad field. */
export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  const details = issues
    .map((issue) => {
      const path = issue.path.join('.') || '(body)';
      if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
      return `${path}: ${issue.message}`;
    })
    .join('; ');
  return validationFailed(`The request is invalid: ${details}.`, 'Fix the named fields and send the request again; see /api/v1/openapi.json for the schema.');
}

/**
 * An OpenAPIHono whose validation failures answer our error envelope (400 VALIDATION_FAILED naming
 * each bad field) instead of zod's raw output.
 */
export function createApiRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      throw validationError(result.error.issues);
    },
  });
}

/**
 * For the hottest route (readiness, polled by every export job): the route as documented and
 * typed, but its path and query are checked in the handler by {@link parseRequestPart} (the same
 * schemas, the same VALIDATION_FAILED answer) rather than by @hono/zod-openapi's validator
 * middlewares, whose asynchronous parse and hook cost a readiness call about a fifth of its CPU.
 * The handler must not call `c.req.valid()`: nothing was validated before it.
 */
export function validatedInHandler<R extends RouteConfig>(router: OpenAPIHono<ApiEnv>, route: R): R {
  router.openAPIRegistry.registerPath(route);
  return { ...route, request: undefined, hide: true };
}

/** One part of a request checked against its schema, synchronously: the data, or the 400 thrown. */
export function parseRequestPart<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

/** The query as the validator middleware sees it: a repeated name gives an array. */
export function queryRecord(c: Context): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(c.req.queries())) record[name] = values.length === 1 ? values[0]! : values;
  return record;
}
