import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FORGE_APP_SCOPES,
  FORGE_ISSUE_EVENTS,
  FORGE_ISSUE_EVENTS_FILTER,
  FORGE_MODULE_KEYS,
  FORGE_REMOTE_ROUTE_LIST,
  FORGE_REMOTE_ROUTES,
} from '@webriskops/shared';
import { checkManifestAgainstContract } from './support/forge-manifest-bindings';
import { REPO_ROOT } from './support/processes';
import { loadForgeManifest, TOOLS_INSTALL_TIMEOUT_MS, type ForgeManifest } from './support/tools';

const MANIFEST_PATH = join(REPO_ROOT, 'manifest.yml');

let validate: ForgeManifest['validate'];
beforeAll(async () => {
  ({ validate } = await loadForgeManifest());
}, TOOLS_INSTALL_TIMEOUT_MS);

async function parsedManifest(): Promise<Record<string, unknown>> {
  const result = await validate(false, MANIFEST_PATH);
  return structuredClone(result.manifestObject?.typedContent ?? {}) as Record<string, unknown>;
}

type Entry = Record<string, unknown>;
const entries = (manifest: Entry, type: string): Entry[] => ((manifest['modules'] as Record<string, Entry[]>)[type] ??= []);
const scopesOf = (manifest: Entry): string[] => (manifest['permissions'] as { scopes: string[] }).scopes;

describe('manifest.yml', () => {
  it('passes @forge/manifest validation with zero errors', async () => {
    const result = await validate(false, MANIFEST_PATH);
    expect(result.errors?.map((error) => `${error.level} line ${error.line ?? '?'}: ${error.message}`) ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('agrees with the Forge remote contract in both directions', async () => {
    expect(checkManifestAgainstContract(await parsedManifest())).toEqual([]);
  });

  it('declares exactly the four scopes, nothing broader, and runtime nodejs22.x', async () => {
    const manifest = await parsedManifest();
    expect([...scopesOf(manifest)].sort()).toEqual(['read:app-system-token', 'read:app-user-token', 'read:jira-work', 'write:jira-work']);
    expect([...FORGE_APP_SCOPES].sort()).toEqual([...scopesOf(manifest)].sort());
    expect((manifest['app'] as { runtime: { name: string } }).runtime.name).toBe('nodejs22.x');
  });

  it('names every remote route path of the contract that lives in the manifest', async () => {
    const manifest = await parsedManifest();
    const manifestPaths = entries(manifest, 'endpoint')
      .map((endpoint) => (endpoint['route'] as { path?: string } | undefined)?.path)
      .filter((path): path is string => typeof path === 'string')
      .sort();
    expect(manifestPaths).toEqual(['/forge/v1/issue-events', '/forge/v1/lifecycle', '/forge/v1/pre-uninstall', '/forge/v1/token-refresh']);
    expect(FORGE_REMOTE_ROUTE_LIST.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'GET /forge/v1/status',
      'POST /forge/v1/disconnect',
      'POST /forge/v1/issue-events',
      'POST /forge/v1/lifecycle',
      'POST /forge/v1/pair',
      'POST /forge/v1/pre-uninstall',
      'POST /forge/v1/token-refresh',
    ]);
  });

  it('sends only issues carrying the finding property to the status trigger (Jira expression filter)', async () => {
    const trigger = entries(await parsedManifest(), 'trigger').find((entry) => entry['key'] === FORGE_MODULE_KEYS.issueStatusTrigger)!;
    expect(trigger['events']).toEqual([...FORGE_ISSUE_EVENTS]);
    expect(trigger['filter']).toEqual({ expression: FORGE_ISSUE_EVENTS_FILTER, onError: 'RECEIVE_AND_LOG' });
  });
});

describe('the validator and the binding check catch drift', () => {
  it('@forge/manifest itself refuses a broken manifest (it is really validating)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wro-manifest-'));
    try {
      const broken = readFileSync(MANIFEST_PATH, 'utf8').replace(/appUserToken:\n(\s+)enabled: true/, 'appUserToken: true');
      expect(broken).toContain('appUserToken: true');
      writeFileSync(join(dir, 'manifest.yml'), broken);
      const result = await validate(false, join(dir, 'manifest.yml'));
      expect(result.success).toBe(false);
      expect(result.errors?.map((error) => error.message).join('\n')).toMatch(/appUserToken must be object/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const drift: [string, (manifest: Entry) => void, RegExp][] = [
    [
      'a new endpoint route the contract does not know',
      (m) =>
        entries(m, 'endpoint').push({
          key: 'wro-extra',
          remote: 'webriskops-companion',
          route: { path: '/forge/v1/extra' },
          auth: { appSystemToken: { enabled: true } },
        }),
      /endpoint wro-extra \(route \/forge\/v1\/extra\) is in manifest.yml but no route in FORGE_REMOTE_ROUTES/,
    ],
    [
      'an endpoint key longer than Forge allows',
      (m) => entries(m, 'endpoint').push({ key: 'remote-something-much-too-long', remote: 'webriskops-companion' }),
      /endpoint key remote-something-much-too-long is longer than 23 characters/,
    ],
    [
      'a changed route path',
      (m) => {
        entries(m, 'endpoint').find((e) => e['key'] === FORGE_MODULE_KEYS.lifecycleEndpoint)!['route'] = { path: '/forge/lifecycle' };
      },
      /endpoint remote-lifecycle routes to \/forge\/lifecycle, but the contract binds remote-lifecycle to POST \/forge\/v1\/lifecycle/,
    ],
    ['a broader scope', (m) => scopesOf(m).push('manage:jira-configuration'), /scope manage:jira-configuration is in manifest.yml but not in FORGE_APP_SCOPES/],
    ['a harmless-looking extra scope', (m) => scopesOf(m).push('storage:app'), /scope storage:app is in manifest.yml but not in FORGE_APP_SCOPES/],
    [
      'a missing scope',
      (m) => scopesOf(m).splice(scopesOf(m).indexOf('read:app-user-token'), 1),
      /scope read:app-user-token is in FORGE_APP_SCOPES but missing/,
    ],
    [
      'another runtime',
      (m) => {
        (m['app'] as { runtime: { name: string } }).runtime.name = 'nodejs20.x';
      },
      /app.runtime.name is nodejs20.x, the contract says nodejs22.x/,
    ],
    [
      'a scheduled trigger pointed at another route',
      (m) => {
        entries(m, 'scheduledTrigger')[0]!['endpoint'] = FORGE_MODULE_KEYS.lifecycleEndpoint;
      },
      /scheduledTrigger wro-token-refresh-hourly calls endpoint remote-lifecycle; the contract says remote-token-refresh/,
    ],
    [
      'a new trigger module sending to the remote',
      (m) => entries(m, 'trigger').push({ key: 'wro-issue-events', endpoint: FORGE_MODULE_KEYS.lifecycleEndpoint, events: ['avi:jira:created:issue'] }),
      /trigger wro-issue-events calls endpoint remote-lifecycle, but no route in FORGE_REMOTE_ROUTES .* names it as caller/,
    ],
    [
      'an extra lifecycle event',
      (m) => (entries(m, 'trigger')[0]!['events'] as string[]).push('avi:forge:uninstalled:app'),
      /trigger wro-lifecycle-trigger must subscribe to exactly/,
    ],
    [
      'the user token dropped from the admin page endpoint',
      (m) => {
        entries(m, 'endpoint').find((e) => e['key'] === FORGE_MODULE_KEYS.adminPageEndpoint)!['auth'] = { appSystemToken: { enabled: true } };
      },
      /endpoint remote-admin-page enables \[appSystemToken\], the contract's \/forge\/v1\/pair expects \[appSystemToken, appUserToken\]/,
    ],
    [
      'the preUninstall module removed',
      (m) => {
        (m['modules'] as Entry)['preUninstall'] = [];
      },
      /POST \/forge\/v1\/pre-uninstall: preUninstall wro-pre-uninstall is missing/,
    ],
    ['a Forge function', (m) => entries(m, 'function').push({ key: 'main', handler: 'index.handler' }), /modules.function is declared; the app is remote-only/],
    [
      'the admin page switched to Custom UI',
      (m) => {
        delete entries(m, 'jira:adminPage')[0]!['render'];
      },
      /the admin page must be UI Kit/,
    ],
  ];

  it.each(drift)('reports %s', async (_name, mutate, expected) => {
    const manifest = await parsedManifest();
    mutate(manifest);
    const problems = checkManifestAgainstContract(manifest);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reports a contract route the manifest cannot reach', async () => {
    const manifest = await parsedManifest();
    const modules = manifest['modules'] as Record<string, Entry[]>;
    modules['endpoint'] = modules['endpoint']!.filter((e) => e['key'] !== FORGE_REMOTE_ROUTES.tokenRefresh.endpointKey);
    expect(checkManifestAgainstContract(manifest).join('\n')).toMatch(/POST \/forge\/v1\/token-refresh: endpoint remote-token-refresh is missing/);
  });
});
