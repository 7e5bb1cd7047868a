import { z } from '@hono/zod-openapi';
import type { Context, Handler } from 'hono';
import type { AppDeps, Principal } from '../../deps';
import { createExportRuntime, type ExportRuntime } from '../../commands/export/export-runtime';
import { knownExportReadinessJson, readExportReadiness, type ExportReadiness } from '../../commands/export/read-export-readiness';
import { knownApiTokenPrincipal } from '../../commands/api-tokens';
import { plainJsonResponse, plainJsonTextResponse, setBaseHeaders } from '../base-headers';
import { parseRequestPart, queryRecord } from './api-context';
import { TargetIdParams } from './api-schemas';
import { bearerToken, principalOfBearer } from './bearer-auth';
import { headerOf, requestHeader } from '../request-header';
import { getPath } from 'hono/utils/url';

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
  return async (c: Context) => {
    try {
      // The database is asked once whether another process committed: the token and the target are
      // then both read as of that moment, after the request arrived (a revocation before it is seen).
      const dataVersion = deps.store.dataVersion?.();
      const principal = await principalOfBearer(deps, requestHeader(c, 'authorization'), dataVersion);
      return plainJsonResponse(await readReadinessRequest(deps, runtime, principal, c, dataVersion));
    } catch (error) {
      setBaseHeaders(c);
      throw error;
    }
  };
}

const READINESS_PREFIX = '/api/v1/targets/';
const READINESS_SUFFIX = '/readiness';

/**
 * The poll as it nearly always is (a known token, a target read before and nothing committed
 * since), answered without waiting on anything: the same answer {@link readReadinessRequest} gives.
 * Anything else (a refusal, a read) is undefined: the full path answers it.
 */
function knownAnswer(deps: AppDeps, authorization: string | undefined, id: string, dataVersion: number | undefined): Response | undefined {
  const token = bearerToken(authorization);
  const principal = token === undefined ? undefined : knownApiTokenPrincipal(deps, token, dataVersion);
  if (!principal || id.length > 64) return undefined;
  const known = knownExportReadinessJson(deps, principal, id, dataVersion);
  return known === undefined ? undefined : plainJsonTextResponse(known);
}

/**
 * The readiness poll answered from memory before hono routes the request (no context, no
 * middleware chain): a GET of exactly `/api/v1/targets/{id}/readiness` with a plain id and no
 * query, a known token and a target read before. Undefined for anything else, which the app's
 * router then answers as always (the full readiness route included).
 */
export function readinessBeforeRouting(deps: AppDeps): (request: Request, env: unknown) => Response | undefined {
  return (request, env) => {
    if (request.method !== 'GET') return undefined;
    // The path as hono's router reads it; a '?' in a request URL can only start its query.
    const path = getPath(request);
    if (request.url.includes('?') || !path.startsWith(READINESS_PREFIX) || !path.endsWith(READINESS_SUFFIX)) return undefined;
    const id = path.slice(READINESS_PREFIX.length, path.length - READINESS_SUFFIX.length);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
    return knownAnswer(deps, headerOf(request, env, 'authorization'), id, deps.store.dataVersion?.());
  };
}
