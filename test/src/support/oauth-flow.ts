import { expect } from 'vitest';
import type { Companion } from './companion-harness';
import type { CloudWorld } from './cloud-world';
import { signedInSession } from './browser-session';
import { requestOverLoopback } from '../fakes/loopback-https';
import { targetName } from './target-names';

/** PUBLIC_URL of the companions in OAuth tests, and the callback registered with the fake Atlassian app. */
export const OAUTH_PUBLIC_URL = 'http://wro.example.test';
export const OAUTH_REDIRECT = `${OAUTH_PUBLIC_URL}/oauth/callback`;
export const OAUTH_CLIENT = { clientId: 'wro-oauth', clientSecret: 'wro-oauth-secret' };

/** The environment of a companion with OAuth on (the world's env plus client and PUBLIC_URL). */
export const oauthEnv = (world: CloudWorld) => ({
  ...world.env(),
  ATLASSIAN_CLIENT_ID: OAUTH_CLIENT.clientId,
  ATLASSIAN_CLIENT_SECRET: OAUTH_CLIENT.clientSecret,
  PUBLIC_URL: OAUTH_PUBLIC_URL,
});

const form = (fields: Record<string, string>, cookie: string) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: OAUTH_PUBLIC_URL },
});

/** Starts OAuth for a new target from the settings page; answers the target id and the authorize URL. */
export async function startOAuthFlow(companion: Companion, admin: string, session: { cookie: string; csrf: string }, siteUrl: string) {
  const created = await companion.request('POST', '/api/v1/targets', {
    token: admin,
    body: { provider_key: 'jira_cloud', auth_method: 'oauth', name: targetName() },
  });
  const start = await companion.request('POST', `/settings/targets/${created.json.id}/oauth`, form({ _csrf: session.csrf, site_url: siteUrl }, session.cookie));
  return { id: created.json.id as string, start, location: start.headers.get('location') ?? '' };
}

/** The browser's part at the fake Atlassian: follow the authorize URL, answer the callback path with code and state. */
export async function consentAndReturn(world: CloudWorld, authorizeUrl: string) {
  const url = new URL(authorizeUrl);
  const answer = await requestOverLoopback({ baseUrl: url.origin, ca: world.cloud.ca }, { path: `${url.pathname}${url.search}` });
  expect(answer.status).toBe(302);
  const back = new URL(String(answer.headers.location));
  expect(back.origin + back.pathname).toBe(OAUTH_REDIRECT);
  return back;
}

/** A Jira Cloud target connected with OAuth on the default site: ready, with a rotating refresh token. */
export async function connectOAuthTarget(world: CloudWorld, companion: Companion, admin: string) {
  world.cloud.setConsent({ accountId: world.cloud.defaults.admin.accountId, cloudIds: [world.cloud.defaults.site.cloudId] });
  const session = await signedInSession(companion);
  const { id, location } = await startOAuthFlow(companion, admin, session, world.cloud.siteUrl(world.cloud.defaults.site.cloudId));
  const back = await consentAndReturn(world, location);
  const callback = await companion.request('GET', `${back.pathname}${back.search}`, { headers: { cookie: session.cookie } });
  if (callback.status !== 303) throw new Error(`OAuth callback failed: ${callback.status} ${callback.text.slice(0, 300)}`);
  return id;
}
