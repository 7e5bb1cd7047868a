import { createMiddleware } from 'hono/factory';
import { forbiddenForExportToken } from '../../errors';
import type { ApiEnv } from './api-context';

/**
 * Admits only an admin principal (set by `bearerAuth`) to a route: export tokens may read targets
 * and readiness, never change them. Runs before the request is validated.
 */
export const adminOnly = createMiddleware<ApiEnv>(async (c, next) => {
  if (c.get('principal').role !== 'admin') throw forbiddenForExportToken();
  await next();
});
