import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-types';

/** A typed client of the companion's /api/v1: every path, parameter, body and answer from the OpenAPI document. */
export type CompanionClient = Client<paths>;

export interface CompanionClientOptions {
  /** Where the companion is served, e.g. `https://wro.example.com` (its API is under `/api/v1`). */
  baseUrl: string;
  /** A workspace API token (`wro_…`), role export or admin. */
  token: string;
  /** Another fetch (a proxy agent, a test double); the global fetch by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/** The client an export job or a script uses: the token is sent on every call, never logged here. */
export function createCompanionClient(options: CompanionClientOptions): CompanionClient {
  return createClient<paths>({
    baseUrl: `${options.baseUrl.replace(/\/+$/, '')}/api/v1`,
    headers: { authorization: `Bearer ${options.token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
