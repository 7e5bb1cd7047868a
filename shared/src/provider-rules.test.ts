import { describe, expect, it } from 'vitest';
import { PROVIDER_RULES, RECHECKED_PROVIDERS, type ProviderRule } from './provider-rules';
import { AUTH_METHODS_BY_PROVIDER, DEPLOYMENT_MODE_BY_PROVIDER, PROVIDER_KEYS, type ProviderKey } from './target-record';

describe('the provider table', () => {
  it('has one row per provider key and the record rules read it', () => {
    expect(Object.keys(PROVIDER_RULES).sort()).toEqual([...PROVIDER_KEYS].sort());
    for (const key of PROVIDER_KEYS) {
      expect(DEPLOYMENT_MODE_BY_PROVIDER[key]).toBe(PROVIDER_RULES[key].deploymentMode);
      expect(AUTH_METHODS_BY_PROVIDER[key]).toEqual(PROVIDER_RULES[key].authMethods);
      const defaultMethod = PROVIDER_RULES[key].defaultAuthMethod;
      if (defaultMethod) expect(PROVIDER_RULES[key].authMethods).toContain(defaultMethod);
    }
    expect(RECHECKED_PROVIDERS).toEqual(['jira_data_center']);
  });

  it('does not compile with a provider left out (checked by tsc)', () => {
    // @ts-expect-error: a table over ProviderKey must name every provider
    const missing: Record<ProviderKey, ProviderRule> = { jira_cloud: PROVIDER_RULES.jira_cloud };
    expect(Object.keys(missing)).toHaveLength(1);
  });
});
