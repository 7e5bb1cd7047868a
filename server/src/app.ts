import { Hono, type ErrorHandler, type NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './deps';
import { pingDatabase } from './db/database';
import { AppError, badRequest, malformedJson, unsupportedMediaType } from './errors';
import { apiRoutes } from './routes/api/api-routes';
import { forgeRoutes } from './routes/forge/forge-routes';
import { baseHeaders, plainJsonResponse } from './routes/base-headers';
import { READINESS_PATH, readinessBeforeRouting, readinessFastPath } from './routes/api/readiness-fast-path';
import { limitRequestBodies } from './routes/body-limit';
import { getPath } from 'hono/utils/url';

const HEALTHY = { status: 'ok' } as const;

function httpExceptionToAppError(error: HTTPException): AppError {
  if (error.status === 415) {
    return unsupportedMediaType('The request body must be JSON.', 'Send Content-Type: application/json with a JSON body.');
  }
  if (error.status === 400) {
    return malformedJson('The request body is not valid JSON.', 'Send a well-formed JSON object with Content-Type: application/json.');
  }
  return badRequest('The request could not be processed.', 'Check the request against /api/v1/openapi.json.');
}

/** The runtime-agnostic companion: entries give it deps, it gives back a fetch handler. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  const notFound: NotFoundHandler = (c) =>
    c.json(
      {
        error: {
          code: 'NOT_FOUND',
          message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`,
          next_action: 'See /api/v1/openapi.json for the API.',
        },
      },
      404,
    );
  const onError: ErrorHandler = (error, c) => {
    const appError = error instanceof AppError ? error : error instanceof HTTPException ? httpExceptionToAppError(error) : null;
    if (appError) {
      if (appError.retryAfterSeconds !== null) c.header('Retry-After', String(appError.retryAfterSeconds));
      return c.json(appError.toBody(), appError.status);
    }
    deps.logger.error('unhandled error', {
      error_name: error.name,
      path: new URL(c.req.url).pathname,
      stack: error.stack?.split('\n').slice(1, 6).join(' | ') ?? null,
    });
    return c.json(
      {
        error: {
          code: 'INTERNAL',
          message: 'Something went wrong on our side.',
          next_action: 'Try again; if it keeps failing, give the operator the time of the request.',
        },
      },
      500,
    );
  };

  // Before the base-headers middleware: answers made with plain headers, so the health probe costs
  // what a bare route costs.
  app.get('/healthz', () => plainJsonResponse(HEALTHY));
  // The export jobs' poll, for the same reason: its own checks, the same answers and headers.
  app.get(READINESS_PATH, readinessFastPath(deps));
  app.use('*', baseHeaders());
  app.use('*', limitRequestBodies(deps.config, deps.logger));
  app.get('/readyz', async (c) => {
    try {
      await pingDatabase(deps.store.db);
      return c.json({ status: 'ready' });
    } catch {
      return c.json(
        { error: { code: 'INTERNAL', message: 'The database does not answer.', next_action: 'Check the DATA_DIR volume and the companion logs.' } },
        503,
      );
    }
  });

  app.route('/api/v1', apiRoutes(deps));
  app.route('/', forgeRoutes(deps));
  // The pages are an app of their own, loaded on the first request that reaches them: their routes
  // (`/settings/targets/new` beside `/settings/targets/:id`) would push this app from hono's
  // RegExpRouter onto its slower TrieRouter for every API call, and an export-only server never
  // needs their views.
  let pages: Promise<Hono> | null = null;
  const loadPages = () =>
    (pages ??= import('./routes/pages/page-routes')
      .then(({ pageRoutes }) => {
        const pageApp = new Hono();
        pageApp.use('*', baseHeaders());
        pageApp.route('/', pageRoutes(deps));
        pageApp.notFound(notFound);
        pageApp.onError(onError);
        return pageApp;
      })
      .catch((error: unknown) => {
        pages = null;
        throw error;
      }));
  app.mount('/', async (request, env, executionCtx) => (await loadPages()).fetch(request, env, executionCtx), { replaceRequest: false });

  app.notFound(notFound);
  app.onError(onError);
  // The health probe and the readiness poll as it nearly always is, answered before hono routes
  // them: the router, the context and the middleware chain cost more than the answer. Anything
  // else, and any readiness poll that needs a read or a refusal, goes through the app as above.
  const route = app.fetch;
  const readiness = readinessBeforeRouting(deps);
  app.fetch = (request, env, executionCtx) => {
    if (request.method === 'GET' && getPath(request) === '/healthz') return plainJsonResponse(HEALTHY);
    return readiness(request, env) ?? route(request, env, executionCtx);
  };
  return app;
}
