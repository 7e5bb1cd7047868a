import type { BlockedCode } from './blocked-codes';
import { hostIsIpLiteral } from './ip-literal-host';
import { JIRA_SCREENS } from './jira-screens';
import type { AuthMethod, CheckName, ProviderKey, TargetRecord } from './target-record';

/** What readiness can block on: a recorded check, the provider itself, or the missing revoke path. */
export type BlockingCheck = CheckName | 'provider' | 'revoke';

/** The next action of each check that does not depend on the auth method, per provider. */
interface ProviderNextActions {
  provider: string;
  url: string;
  /** Data Center proves ownership itself; Cloud ownership comes with the connection (see `AUTH_NEXT_ACTIONS.connect`). */
  ownership: string | null;
  /** Ownership of a base URL whose host is an IP address: no DNS record can prove it. */
  ipOwnership: string;
  network: string;
  /** Any check that failed because the companion could not reach the site (code PROVIDER_ALLOWLIST_REQUIRED). */
  unreachable: string;
  /** No auth method chosen yet. */
  chooseMethod: string;
  revoke: string;
}

const RECONNECT_FOR_REVOKE = 'Connect again, so the record says where the credential is revoked.';

/** One row per provider: a provider without its next actions does not compile. */
const PROVIDER_NEXT_ACTIONS: Readonly<Record<ProviderKey, ProviderNextActions>> = {
  jira_cloud: {
    provider: 'This record is not a Jira Cloud target: disconnect it and connect the site again as a new Jira Cloud target.',
    url: 'Enter the address of your Jira Cloud site (https://your-site.atlassian.net or its custom domain) and connect again.',
    ownership: null,
    ipOwnership: 'Enter the address of your Jira Cloud site by its name (https://your-site.atlassian.net), not an IP address.',
    network: 'Check the site address, then connect again.',
    unreachable:
      'The companion could not reach the Atlassian site: check the site address, then try again in a few minutes; if it keeps failing, ask the WebRiskOps operator.',
    chooseMethod: 'Choose how to connect this site: the WebRiskOps Forge app, OAuth 2.0 or an Atlassian API token.',
    revoke: RECONNECT_FOR_REVOKE,
  },
  jira_data_center: {
    provider: 'This record is not a Jira Data Center target: disconnect it and connect the site again as a new Jira Data Center target.',
    url: `Enter the exact https base URL of your Jira (${JIRA_SCREENS.baseUrl}); it must resolve only to public addresses, or the WebRiskOps operator approves your private network as a tunnel.`,
    ownership:
      'Add the DNS TXT record shown on the target page in the zone of your Jira host, then run the checks again (or confirm ownership on the site step, if the operator accepts it).',
    ipOwnership: `DNS ownership needs a host name: enter the base URL of your Jira with its host name (${JIRA_SCREENS.baseUrl}), not an IP address, or confirm ownership on the site step if the operator accepts it.`,
    network:
      "Allowlist the companion's egress addresses on your firewall for HTTPS to Jira and confirm it, or ask the WebRiskOps operator to approve your network as a tunnel, then run the checks again.",
    unreachable:
      "The companion could not reach your Jira: allowlist the companion's egress addresses on your firewall for HTTPS to Jira, or ask the WebRiskOps operator to approve your network as a tunnel, then run the checks again.",
    chooseMethod: 'Enter a Personal Access Token for the account that files tickets.',
    revoke: RECONNECT_FOR_REVOKE,
  },
};

/** The next actions of the checks that depend on how the target connects. */
interface AuthNextActions {
  /** Cloud: nothing connected yet (no site bound). */
  connect: string;
  /** No valid credential: missing, revoked, expired or refused. */
  credential: string;
  /** The credential lacks a permission, or holds more than export needs. */
  scope: string;
}

const PROJECT_PERMISSIONS = 'Browse Projects, Create Issues and Edit Issues in the target projects';

/** One row per auth method: a method without its next actions does not compile. */
const AUTH_NEXT_ACTIONS: Readonly<Record<AuthMethod, AuthNextActions>> = {
  forge_app: {
    connect: `Pair the WebRiskOps Forge app: once it is installed on your site, a Jira administrator pastes the pairing code from this page in ${JIRA_SCREENS.forgeAppConfigure}.`,
    credential: `Pair the Forge app again: get a new pairing code on this target's page and paste it in ${JIRA_SCREENS.forgeAppConfigure}.`,
    scope:
      'The installed app holds other scopes than export needs (read:jira-work and write:jira-work): ask the WebRiskOps operator to deploy the current app, then pair again.',
  },
  oauth: {
    connect:
      'Sign in at Atlassian with OAuth 2.0 and grant access to this site (when this companion has no OAuth client, use the Forge app or ask the operator).',
    credential: 'Sign in at Atlassian with OAuth 2.0 again: the grant is missing, expired or was revoked.',
    scope: 'Sign in at Atlassian with OAuth 2.0 again and grant only read:jira-work and write:jira-work for this site.',
  },
  api_token: {
    connect: 'Enter the site, the Atlassian account email and an API token on this target’s page.',
    credential: `Create a new API token (${JIRA_SCREENS.apiTokens}) and enter it on this target’s page.`,
    scope: `Grant the account behind the API token ${PROJECT_PERMISSIONS}, then enter the token again.`,
  },
  pat: {
    connect: 'Enter a Personal Access Token for the account that files tickets.',
    credential: `Create a Personal Access Token (${JIRA_SCREENS.personalAccessTokens}) as the account that files tickets, then verify and store it in the token step.`,
    scope: `Grant the account behind the Personal Access Token ${PROJECT_PERMISSIONS}, then run the checks again.`,
  },
};

/** The target fields the next action depends on. */
export type NextActionInput = Pick<TargetRecord, 'provider_key' | 'auth_method' | 'base_url'>;

/**
 * The one next action for a target blocked at `check` with `code`: chosen by its provider and
 * auth method, so a Data Center target never reads a Forge action and a Cloud target never reads
 * a self-hosted one. Pages, the API and the status table all present this.
 */
export function nextActionFor(target: NextActionInput, check: BlockingCheck, code: BlockedCode): string {
  const provider = PROVIDER_NEXT_ACTIONS[target.provider_key];
  if (check === 'provider') return provider.provider;
  if (check === 'revoke') return provider.revoke;
  if (code === 'PROVIDER_ALLOWLIST_REQUIRED') return check === 'network' ? provider.network : provider.unreachable;
  if (check === 'url') return provider.url;
  if (check === 'network') return provider.network;
  const auth = target.auth_method ? AUTH_NEXT_ACTIONS[target.auth_method] : null;
  if (check === 'ownership' && target.base_url && hostIsIpLiteral(target.base_url)) return provider.ipOwnership;
  if (check === 'ownership') return provider.ownership ?? auth?.connect ?? provider.chooseMethod;
  if (!auth) return provider.chooseMethod;
  return check === 'scope' || code === 'PROVIDER_SCOPE_UNAVAILABLE' ? auth.scope : auth.credential;
}
