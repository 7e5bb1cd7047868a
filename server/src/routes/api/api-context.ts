import { OpenAPIHono } from '@hono/zod-openapi';
import type { Principal } from '../../deps';
import { validationFailed } from '../../errors';

export type ApiEnv = { Variables: { principal: Principal } };

/**
 * An OpenAPIHono whose validation failures answer our error envelope (400 VALIDATION_FAILED naming
 * each bad field) instead of zod's raw output.
 */
export function createApiRouter(): OpenAPIHono<ApiEnv> {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const details = result.error.issues
        .map((issue) => {
          const path = issue.path.join('.') || '(body)';
          if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')}`;
          return `${path}: ${issue.message}`;
        })
        .join('; ');
      throw validationFailed(
        `The request is invalid: ${details}.`,
        'Fix the named fields and send the request again; see /api/v1/openapi.json for the schema.',
      );
    },
  });
}
