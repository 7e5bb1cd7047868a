import type { ProviderKey } from '@webriskops/shared';
import { jiraCloudProvider } from './jira-cloud/jira-cloud-provider';
import { jiraDataCenterProvider } from './jira-data-center/jira-data-center-provider';
import type { ServerProvider } from './server-provider';

/**
 * The one list of providers the server knows. A `Record` over the closed key set of `shared/`:
 * a provider added there without an entry here does not compile. The domain rules of each
 * provider (deployment mode, auth methods, readiness) are `PROVIDER_RULES` in `shared/`.
 */
export const PROVIDERS = {
  jira_cloud: jiraCloudProvider,
  jira_data_center: jiraDataCenterProvider,
} as const satisfies Readonly<Record<ProviderKey, ServerProvider>>;

/** The server side of one provider. */
export function providerOf(key: ProviderKey): ServerProvider {
  return PROVIDERS[key];
}
