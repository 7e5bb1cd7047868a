import { z } from '@hono/zod-openapi';
import type { Context, Handler } from 'hono';
import type { AppDeps, Principal } from '../../deps';
import { createExportRuntime, type ExportRuntime } from '../../commands/export/export-runtime';
import { knownExportReadiness, readExportReadiness, type ExportReadiness } from '../../commands/export/read-export-readiness';
import { knownApiTokenPrincipal } from '../../commands/api-tokens';
import { plainJsonResponse, setBaseHeaders } from '../base-headers';
import { parseRequestPart, queryRecord } from './api-context';
import { TargetIdParams } from './api-schemas';
import { principalOfBearer } from './bearer-auth';
import { requestHeader } from '../request-header';

/** Where the export jobs poll readiness (documented in export-routes.ts with the rest of the export API). */
export const READINESS_PATH = '/api/v1/targets/:id/readiness';

export const ReadinessQuery = z.object({
  refresh: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Run the checks again first (Data Center; Cloud has nothing to rerun). At most 5 per target per minute.' }),
});

/**
 * One readiness request after the bearer check: query, then path (the validator middlewares'
 * order), then the read. `dataVersion`: the store's, as the request already read it (see Store).
 */
export async function readReadinessRequest(
  deps: AppDeps,
  runtime: ExportRuntime,
  principal: Principal,
  c: Context,
  dataVersion?: number,
): Promise<ExportReadiness> {
  // Without a query string there is nothing to parse (the common poll): the schema's defaults hold.
  const refresh = c.req.url.includes('?') && parseRequestPart(ReadinessQuery, queryRecord(c)).refresh === 'true';
  const { id } = parseRequestPart(TargetIdParams, c.req.param());
  return readExportReadiness(deps, runtime, principal, id, { refresh, dataVersion });
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
  const answer = async (c: Context, dataVersion: number | undefined) => {
    try {
      const principal = await principalOfBearer(deps, requestHeader(c, 'authorization'), dataVersion);
      return plainJsonResponse(await readReadinessRequest(deps, runtime, principal, c, dataVersion));
    } catch (error) {
      setBaseHeaders(c);
      throw error;
    }
  };
  return (c: Context) => {
    // The database is asked once whether another process committed: the token and the target are
    // then both read as of that moment, after the request arrived (a revocation before it is seen).
    const dataVersion = deps.store.dataVersion?.();
    return answerFromMemory(deps, c, dataVersion) ?? answer(c, dataVersion);
  };
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The poll as it nearly always is (no query, a known token, a target read before and nothing
 * committed since), answered without waiting on anything: the same answer {@link readReadinessRequest}
 * gives. Anything else (a refusal, a read, `refresh`) is undefined: the full path answers it.
 */
function answerFromMemory(deps: AppDeps, c: Context, dataVersion: number | undefined): Response | undefined {
  if (c.req.url.includes('?')) return undefined;
  const bearer = BEARER.exec(requestHeader(c, 'authorization') ?? '')?.[1];
  const principal = bearer === undefined ? undefined : knownApiTokenPrincipal(deps, bearer, dataVersion);
  if (!principal) return undefined;
  const id = c.req.param('id');
  if (!id || id.length > 64) return undefined;
  const known = knownExportReadiness(deps, principal, id, dataVersion);
  return known ? plainJsonResponse(known) : undefined;
}
