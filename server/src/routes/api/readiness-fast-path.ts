import { z } from '@hono/zod-openapi';
import type { Context, Handler } from 'hono';
import type { AppDeps, Principal } from '../../deps';
import { createExportRuntime, type ExportRuntime } from '../../commands/export/export-runtime';
import { readExportReadiness, type ExportReadiness } from '../../commands/export/read-export-readiness';
import { plainJsonResponse, setBaseHeaders } from '../base-headers';
import { parseRequestPart, queryRecord } from './api-context';
import { TargetIdParams } from './api-schemas';
import { principalOfBearer } from './bearer-auth';

/** Where the export jobs poll readiness (documented in export-routes.ts with the rest of the export API). */
export const READINESS_PATH = '/api/v1/targets/:id/readiness';

export const ReadinessQuery = z.object({
  refresh: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Run the checks again first (Data Center; Cloud has nothing to rerun). At most 5 per target per minute.' }),
});

/** One readiness request after the bearer check: query, then path (the validator middlewares' order), then the read. */
export async function readReadinessRequest(deps: AppDeps, runtime: ExportRuntime, principal: Principal, c: Context): Promise<ExportReadiness> {
  const refresh = parseRequestPart(ReadinessQuery, queryRecord(c)).refresh === 'true';
  const { id } = parseRequestPart(TargetIdParams, c.req.param());
  return readExportReadiness(deps, runtime, principal, id, { refresh });
}

/**
 * `GET /api/v1/targets/{id}/readiness`, the hottest route (every export job polls it), answered in
 * front of every middleware, as `/healthz` is: the bearer check and {@link readReadinessRequest} (what the
 * documented route in export-routes.ts runs after the bearer middleware), answered with
 * {@link plainJsonResponse}. Through the middleware chain it cost a `Headers` object built for the
 * base headers, hono's header merge for `c.json`, and one asynchronous step per middleware.
 * A refusal (401, 400, 404, 429) is thrown to the app's error handler with the base headers set on
 * the context, so it is the same answer, headers included, as any other API route gives.
 */
export function readinessFastPath(deps: AppDeps): Handler {
  const runtime = createExportRuntime({}, () => deps.clock.now().getTime());
  return async (c: Context) => {
    try {
      const principal = await principalOfBearer(deps, c.req.header('authorization'));
      return plainJsonResponse(await readReadinessRequest(deps, runtime, principal, c));
    } catch (error) {
      setBaseHeaders(c);
      throw error;
    }
  };
}
