import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FORGE_MODULE_KEYS } from '@webriskops/shared';
import { startCompanion, type Companion } from './companion-harness';
import { prepareFirstRunForTest } from './first-run';
import { startDnsServer, type TestDnsServer } from './dns-server';
import { startFakeAtlassianCloud, type FakeAtlassianCloud } from '../fakes/fake-atlassian-cloud';
import { createForgeInvocationSigner, type ForgeInvocationSigner } from '../fakes/forge-invocation-signer';

/**
 * Atlassian's cloud as the companion sees it in production, on loopback: the fake api, auth, JWKS
 * and site hosts resolved by a real DNS server, TLS from a test CA, and one clock for everybody
 * (companion, Forge signer, fake cloud) so tests can move time.
 */
export interface CloudWorld {
  dns: TestDnsServer;
  cloud: FakeAtlassianCloud;
  signer: ForgeInvocationSigner;
  caFile: string;
  now(): number;
  advance(ms: number): void;
  env(): Record<string, string>;
  close(): Promise<void>;
}

export async function startCloudWorld(): Promise<CloudWorld> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const dns = await startDnsServer();
  const cloud = await startFakeAtlassianCloud({ now });
  const signer = createForgeInvocationSigner({ apiBaseUrl: cloud.urls.api, now });
  cloud.setJwks(() => signer.jwks());
  for (const host of [cloud.hostnames.api, cloud.hostnames.auth, cloud.hostnames.jwks, cloud.defaults.site.hostname]) dns.setAnswers(host, ['127.0.0.1'], 300);
  const caFile = join(mkdtempSync(join(tmpdir(), 'wro-cloud-ca-')), 'ca.pem');
  writeFileSync(caFile, cloud.ca);
  return {
    dns,
    cloud,
    signer,
    caFile,
    now,
    advance: (ms) => (offset += ms),
    env: () => ({
      DNS_SERVERS: dns.server,
      EXTRA_CA_FILE: caFile,
      APPROVED_NETWORKS: '127.0.0.1',
      ATLASSIAN_API_URL: cloud.urls.api,
      ATLASSIAN_AUTH_URL: cloud.urls.auth,
      FORGE_JWKS_URL: cloud.urls.jwksUrl,
      FORGE_APP_ID: signer.appId,
      RECHECK_INTERVAL_MINUTES: '0',
    }),
    close: async () => {
      await cloud.close();
      await dns.close();
    },
  };
}

/** A companion on the world's clock with an admin token. */
export async function startCloudCompanion(world: CloudWorld, env: Record<string, string> = {}): Promise<{ companion: Companion; admin: string }> {
  const companion = await startCompanion({ env: { ...world.env(), ...env } });
  companion.deps.clock.now = () => new Date(world.now());
  await prepareFirstRunForTest(companion);
  return { companion, admin: await companion.token('default', 'admin') };
}

/** Headers of a Forge call from the admin page, by `accountId`, with fresh app tokens. */
export function adminPageCall(
  world: CloudWorld,
  installationId: string,
  accountId: string,
  extra: { defect?: Parameters<ForgeInvocationSigner['sign']>[1]; jti?: string; moduleKey?: string } = {},
) {
  const site = world.cloud.defaults.site;
  const tokens = world.cloud.issueForgeTokens({ installationId, principal: accountId });
  return {
    tokens,
    headers: world.signer.invocation({
      kind: 'frontend',
      cloudId: site.cloudId,
      installationId,
      moduleKey: extra.moduleKey ?? FORGE_MODULE_KEYS.adminPage,
      principal: accountId,
      siteUrl: world.cloud.siteUrl(site.cloudId),
      ...(extra.jti ? { jti: extra.jti } : {}),
      ...tokens,
      ...(extra.defect ? { defect: extra.defect } : {}),
    }).headers,
  };
}

/** Headers of a backend Forge call (trigger, preUninstall, scheduled trigger) for an endpoint key. */
export function backendCall(world: CloudWorld, installationId: string, endpointKey: string) {
  const tokens = world.cloud.issueForgeTokens({ installationId });
  return {
    tokens,
    headers: world.signer.invocation({
      kind: 'trigger',
      cloudId: world.cloud.defaults.site.cloudId,
      installationId,
      moduleKey: endpointKey,
      systemToken: tokens.systemToken,
    }).headers,
  };
}
