import type { AuthMethod, CheckName, DeploymentMode, ProviderKey } from './target-record';

/** How evaluate-readiness decides a provider's blocks (see `PROVIDER_READINESS` there). */
export type ReadinessKind = 'connected_site' | 'checked_base_url';

/** Everything the domain knows about one provider; one row per provider, no provider without one. */
export interface ProviderRule {
  /** What people read: pages, default target names. */
  label: string;
  deploymentMode: DeploymentMode;
  /** Auth methods a target of this provider may use. */
  authMethods: readonly AuthMethod[];
  /** The auth method a new target gets when none is chosen (null: the person chooses later). */
  defaultAuthMethod: AuthMethod | null;
  /** The recorded checks readiness reads for this provider, in order. */
  checks: readonly CheckName[];
  /** How readiness blocks: a connected site (Cloud) or a base URL checked by us (Data Center). */
  readiness: ReadinessKind;
  /** Whether the periodic re-check and `refresh=true` run this provider's checks again. */
  rechecked: boolean;
  /** What the target's address is called on pages. */
  addressLabel: string;
  /** Whose side the customer revokes the credential on. */
  revokeSide: string;
  /** The new-target page: the choice's hint and its element id. */
  choice: { hintId: string; hint: string };
}

/**
 * The provider table. Typed as a `Record` over the closed key set: a provider added to
 * `PROVIDER_KEYS` without a row here does not compile.
 */
export const PROVIDER_RULES = {
  jira_cloud: {
    label: 'Jira Cloud',
    deploymentMode: 'cloud',
    authMethods: ['forge_app', 'oauth', 'api_token'],
    defaultAuthMethod: null,
    checks: ['url', 'ownership', 'auth', 'scope'],
    readiness: 'connected_site',
    rechecked: false,
    addressLabel: 'Site',
    revokeSide: 'Atlassian',
    choice: {
      hintId: 'provider-cloud-hint',
      hint: 'A site on atlassian.net (or its custom domain). Connected through the WebRiskOps Forge app, OAuth 2.0 or an API token.',
    },
  },
  jira_data_center: {
    label: 'Jira Data Center',
    deploymentMode: 'self-hosted',
    authMethods: ['pat'],
    defaultAuthMethod: 'pat',
    checks: ['url', 'ownership', 'network', 'auth', 'scope'],
    readiness: 'checked_base_url',
    rechecked: true,
    addressLabel: 'Base URL',
    revokeSide: 'Jira',
    choice: {
      hintId: 'provider-dc-hint',
      hint: 'Self-hosted at your own URL. You prove ownership with a DNS record, open a network path and give a Personal Access Token.',
    },
  },
} as const satisfies Readonly<Record<ProviderKey, ProviderRule>>;

/** The rule of one provider. */
export function providerRule(key: ProviderKey): ProviderRule {
  return PROVIDER_RULES[key];
}

/** Providers whose checks the periodic re-check runs again. */
export const RECHECKED_PROVIDERS: readonly ProviderKey[] = (Object.keys(PROVIDER_RULES) as ProviderKey[]).filter((key) => PROVIDER_RULES[key].rechecked);

/** For switches over providers: a provider the switch does not cover fails to compile here. */
export function unknownProvider(key: never): never {
  throw new Error(`Unknown provider ${String(key)}`);
}
