import type { AppDeps } from '../../deps';
import { createApiRouter } from './api-context';
import { bearerAuth } from './bearer-auth';
import { RESPONSE_HEADERS } from './api-schemas';
import { targetsRoutes } from './targets-routes';
import { urlChecksRoutes } from './url-checks-routes';
import { dataCenterRoutes } from '../../providers/jira-data-center/routes/data-center-routes';
import { exportRoutes } from './export-routes';
import { findingStatusRoutes } from './finding-status-routes';
import { statusWebhookRoutes } from './status-webhook-routes';

/**
 * OpenAPI 3.1 names a licence by SPDX `identifier`; @hono/zod-openapi types doc31's config with the
 * 3.0 licence object (name, url), so the 3.1 field is passed in a constant rather than a literal.
 */
const LICENSE = { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-WebRiskOps-Proprietary' };

/** `/api/v1`: bearer-authenticated JSON, described by the OpenAPI document it serves. */
export function apiRoutes(deps: AppDeps) {
  const api = createApiRouter();
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A workspace API token (wro_…), role admin or export.',
  });
  for (const [name, header] of Object.entries(RESPONSE_HEADERS)) api.openAPIRegistry.registerComponent('headers', name, header);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'WebRiskOps Jira targets companion',
      version: '1.0.0',
      description: 'Decides which Jira site may receive tickets, and proves it is safe.',
      license: LICENSE,
    },
    servers: [{ url: '/api/v1', description: 'This companion (paths are relative to where this document is served)' }],
    tags: [
      { name: 'targets', description: 'Create, list, read and disconnect Jira targets; their audit trail.' },
      { name: 'setup', description: 'The Data Center setup steps and the credential of any target: fields, credential, checks, save.' },
      { name: 'url-checks', description: 'The URL-safety verdict, without opening a connection.' },
      { name: 'export', description: 'For export jobs: readiness, mapping metadata, issues, status coming back, and the portable fallback.' },
      { name: 'webhooks', description: 'Deliveries from Jira (Data Center admin webhooks), authenticated by their signature.' },
    ],
  });
  api.use('/targets/*', bearerAuth(deps));
  api.use('/targets', bearerAuth(deps));
  api.use('/url-checks', bearerAuth(deps));
  api.use('/exports/*', bearerAuth(deps));
  api.route('/', exportRoutes(deps)); // readiness is documented there and answered by readinessFastPath (app.ts)
  api.route('/', findingStatusRoutes(deps));
  api.route('/', statusWebhookRoutes(deps));
  return api.route('/', targetsRoutes(deps)).route('/', dataCenterRoutes(deps)).route('/', urlChecksRoutes(deps));
}
