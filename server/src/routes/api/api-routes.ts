import type { AppDeps } from '../../deps';
import { createApiRouter } from './api-context';
import { bearerAuth } from './bearer-auth';
import { targetsRoutes } from './targets-routes';
import { urlChecksRoutes } from './url-checks-routes';
import { dataCenterRoutes } from './data-center-routes';
import { exportRoutes } from './export-routes';

/** `/api/v1`: bearer-authenticated JSON, described by the OpenAPI document it serves. */
export function apiRoutes(deps: AppDeps) {
  const api = createApiRouter();
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A workspace API token (wro_…), role admin or export.',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'WebRiskOps Jira targets companion', version: '1.0.0', description: 'Decides which Jira site may receive tickets, and proves it is safe.' },
  });
  api.use('/targets/*', bearerAuth(deps));
  api.use('/targets', bearerAuth(deps));
  api.use('/url-checks', bearerAuth(deps));
  api.use('/exports/*', bearerAuth(deps));
  api.route('/', exportRoutes(deps)); // first: its readiness route (refresh, fallback) answers before the targets one
  return api.route('/', targetsRoutes(deps)).route('/', dataCenterRoutes(deps)).route('/', urlChecksRoutes(deps));
}
