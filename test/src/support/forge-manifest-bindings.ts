import {
  FORGE_ADMIN_PAGE_RESOURCE_KEY,
  FORGE_APP_SCOPES,
  FORGE_LIFECYCLE_EVENTS,
  FORGE_REMOTE_KEY,
  FORGE_REMOTE_ROUTE_LIST,
  FORGE_RUNTIME,
  isBroaderThanExportNeeds,
  type ForgeAppToken,
} from '@webriskops/shared';

/** Where the admin page's UI Kit entry lives, relative to the root manifest. */
export const ADMIN_PAGE_RESOURCE_PATH = 'forge-app/src/frontend/index.tsx';

const CONTRACT = 'shared/src/forge-remote-contract.ts';

type Entry = Record<string, unknown>;

function asRecord(value: unknown): Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Entry) : {};
}

function asEntries(value: unknown): Entry[] {
  return Array.isArray(value) ? value.map(asRecord) : [];
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/** The endpoint a module entry names: `resolver.endpoint` for UI modules, `endpoint` for the rest. */
function endpointNamedBy(entry: Entry): string | undefined {
  const direct = entry['endpoint'];
  if (typeof direct === 'string') return direct;
  const viaResolver = asRecord(entry['resolver'])['endpoint'];
  return typeof viaResolver === 'string' ? viaResolver : undefined;
}

function enabledTokens(endpoint: Entry): ForgeAppToken[] {
  const auth = asRecord(endpoint['auth']);
  return (['appSystemToken', 'appUserToken'] as const).filter((token) => asRecord(auth[token])['enabled'] === true);
}

/**
 * Every disagreement between a parsed manifest (`typedContent`) and the Forge remote contract, as
 * sentences a reader can act on; an empty list means they agree. Both directions are checked:
 * every contract route is reachable through its module and endpoint, and everything the manifest
 * sends to the remote (endpoint, route, calling module, scope) is in the contract.
 */
export function checkManifestAgainstContract(manifest: unknown): string[] {
  const problems: string[] = [];
  const root = asRecord(manifest);
  const app = asRecord(root['app']);
  const modules = asRecord(root['modules']);

  const runtime = asRecord(app['runtime'])['name'];
  if (runtime !== FORGE_RUNTIME) problems.push(`app.runtime.name is ${String(runtime)}, the contract says ${FORGE_RUNTIME}.`);

  const scopes = asRecord(root['permissions'])['scopes'];
  const scopeList = Array.isArray(scopes) ? scopes.map(String) : [];
  for (const scope of scopeList) {
    if (!(FORGE_APP_SCOPES as readonly string[]).includes(scope)) {
      problems.push(`scope ${scope} is in manifest.yml but not in FORGE_APP_SCOPES (${CONTRACT}).`);
    }
    if (isBroaderThanExportNeeds(scope)) problems.push(`scope ${scope} is broader than ticket export needs.`);
  }
  for (const scope of FORGE_APP_SCOPES) {
    if (!scopeList.includes(scope)) problems.push(`scope ${scope} is in FORGE_APP_SCOPES but missing from manifest.yml.`);
  }
  if (new Set(scopeList).size !== scopeList.length) problems.push('permissions.scopes lists a scope twice.');
  const external = asRecord(root['permissions'])['external'];
  if (external !== undefined) problems.push('permissions.external is declared; the app has no Forge-side egress.');

  const remotes = asEntries(root['remotes']);
  if (remotes.length !== 1 || remotes[0]!['key'] !== FORGE_REMOTE_KEY) {
    problems.push(`remotes must hold exactly one remote, ${FORGE_REMOTE_KEY}; found ${remotes.map((r) => String(r['key'])).join(', ') || 'none'}.`);
  }
  for (const remote of remotes) {
    const baseUrl = remote['baseUrl'];
    const urls = typeof baseUrl === 'string' ? [baseUrl] : Object.values(asRecord(baseUrl)).map(String);
    for (const url of urls) if (!url.startsWith('https://')) problems.push(`remote ${String(remote['key'])} baseUrl ${url} is not https.`);
    if (remote['auth'] !== undefined)
      problems.push(`remote ${String(remote['key'])} has an auth block; tokens belong on endpoint auth (remotes[].auth only applies to functions).`);
  }

  if (modules['function'] !== undefined) problems.push('modules.function is declared; the app is remote-only (no Forge functions).');
  for (const [type, entries] of Object.entries(modules)) {
    for (const entry of asEntries(entries)) {
      if (typeof entry['function'] === 'string' || typeof asRecord(entry['resolver'])['function'] === 'string') {
        problems.push(`${type} ${String(entry['key'])} calls a Forge function; the app is remote-only.`);
      }
    }
  }

  const endpoints = new Map(asEntries(modules['endpoint']).map((endpoint) => [String(endpoint['key']), endpoint]));

  // Manifest -> contract: every endpoint, route path and calling module must be in the table.
  for (const [key, endpoint] of endpoints) {
    const routes = FORGE_REMOTE_ROUTE_LIST.filter((route) => route.endpointKey === key);
    const path = asRecord(endpoint['route'])['path'];
    if (key.length > 23) problems.push(`endpoint key ${key} is longer than 23 characters (Forge's limit; @forge/manifest does not check it).`);
    if (endpoint['remote'] !== FORGE_REMOTE_KEY) problems.push(`endpoint ${key} names remote ${String(endpoint['remote'])}, not ${FORGE_REMOTE_KEY}.`);
    if (routes.length === 0) {
      problems.push(
        `endpoint ${key}${typeof path === 'string' ? ` (route ${path})` : ''} is in manifest.yml but no route in FORGE_REMOTE_ROUTES (${CONTRACT}) uses it.`,
      );
      continue;
    }
    if (typeof path === 'string') {
      if (!routes.some((route) => route.pathInManifest && route.path === path)) {
        problems.push(`endpoint ${key} routes to ${path}, but the contract binds ${key} to ${routes.map((r) => `${r.method} ${r.path}`).join(', ')}.`);
      }
      if (routes.length !== 1) problems.push(`endpoint ${key} has a route.path but the contract gives it ${routes.length} routes.`);
    } else if (routes.some((route) => route.pathInManifest)) {
      problems.push(`endpoint ${key} has no route.path; the contract expects ${routes.map((r) => r.path).join(', ')} there.`);
    }
    const tokens = enabledTokens(endpoint);
    for (const route of routes) {
      if (!sameMembers(tokens, route.tokens)) {
        problems.push(`endpoint ${key} enables [${tokens.join(', ')}], the contract's ${route.path} expects [${route.tokens.join(', ')}].`);
      }
    }
  }
  for (const [type, entries] of Object.entries(modules)) {
    if (type === 'endpoint') continue;
    for (const entry of asEntries(entries)) {
      const endpointKey = endpointNamedBy(entry);
      if (endpointKey === undefined) continue;
      const bound = FORGE_REMOTE_ROUTE_LIST.filter((route) => route.caller.type === type && route.caller.key === entry['key']);
      if (bound.length === 0) {
        problems.push(`${type} ${String(entry['key'])} calls endpoint ${endpointKey}, but no route in FORGE_REMOTE_ROUTES (${CONTRACT}) names it as caller.`);
      } else if (bound.some((route) => route.endpointKey !== endpointKey)) {
        problems.push(`${type} ${String(entry['key'])} calls endpoint ${endpointKey}; the contract says ${bound[0]!.endpointKey}.`);
      }
    }
  }

  // Contract -> manifest: every route reachable through caller -> endpoint -> route.
  for (const route of FORGE_REMOTE_ROUTE_LIST) {
    const label = `${route.method} ${route.path}`;
    if (!endpoints.has(route.endpointKey)) problems.push(`${label}: endpoint ${route.endpointKey} is missing from manifest.yml.`);
    const caller = asEntries(modules[route.caller.type]).find((entry) => entry['key'] === route.caller.key);
    if (!caller) {
      problems.push(`${label}: ${route.caller.type} ${route.caller.key} is missing from manifest.yml.`);
      continue;
    }
    if (endpointNamedBy(caller) !== route.endpointKey) {
      problems.push(`${label}: ${route.caller.type} ${route.caller.key} must call endpoint ${route.endpointKey}.`);
    }
    if (!route.acceptedModuleKeys.includes(route.caller.key) && !route.acceptedModuleKeys.includes(route.endpointKey)) {
      problems.push(`${label}: acceptedModuleKeys names neither its caller nor its endpoint.`);
    }
    const events = Array.isArray(caller['events']) ? caller['events'].map(String) : [];
    const expectedEvents = route.events ?? FORGE_LIFECYCLE_EVENTS;
    if (route.caller.type === 'trigger' && !sameMembers(events, expectedEvents)) {
      problems.push(`${label}: trigger ${route.caller.key} must subscribe to exactly ${expectedEvents.join(', ')}.`);
    }
    if (route.caller.type === 'scheduledTrigger' && caller['interval'] !== 'hour') {
      problems.push(`${label}: scheduledTrigger ${route.caller.key} must run every hour (interval: hour).`);
    }
    if (route.caller.type === 'jira:adminPage') {
      if (caller['render'] !== 'native') problems.push(`${label}: the admin page must be UI Kit (render: native).`);
      if (caller['resource'] !== FORGE_ADMIN_PAGE_RESOURCE_KEY) problems.push(`${label}: the admin page must use resource ${FORGE_ADMIN_PAGE_RESOURCE_KEY}.`);
    }
  }
  const resource = asEntries(root['resources']).find((entry) => entry['key'] === FORGE_ADMIN_PAGE_RESOURCE_KEY);
  if (resource?.['path'] !== ADMIN_PAGE_RESOURCE_PATH) problems.push(`resource ${FORGE_ADMIN_PAGE_RESOURCE_KEY} must point at ${ADMIN_PAGE_RESOURCE_PATH}.`);

  return [...new Set(problems)];
}
