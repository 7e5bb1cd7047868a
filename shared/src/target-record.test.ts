import { describe, expect, it } from 'vitest';
import { createTargetInputSchema } from './target-record';
import { isBroaderThanExportNeeds } from './scopes';
import { revokePathFor } from './revoke-paths';
import { AUTH_METHODS } from './target-record';

describe('createTargetInputSchema', () => {
  it('accepts a name with a provider and a consistent deployment mode; the name is trimmed', () => {
    expect(createTargetInputSchema.parse({ provider_key: 'jira_data_center', name: ' Jira prod ' })).toEqual({
      provider_key: 'jira_data_center',
      name: 'Jira prod',
    });
    expect(createTargetInputSchema.safeParse({ provider_key: 'jira_cloud', deployment_mode: 'cloud', name: 'Cloud' }).success).toBe(true);
  });

  it.each([{ provider_key: 'jira_data_center' }, { provider_key: 'jira_data_center', name: '  ' }, { provider_key: 'jira_data_center', name: 'a\tb' }])(
    'refuses a missing, empty or control-character name %j',
    (input) => {
      const result = createTargetInputSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['name']);
    },
  );

  it.each([
    [undefined, /^name is required/],
    [5, /^name must be text$/],
    ['  ', /^name must not be empty$/],
    ['y'.repeat(121), /^name must be at most 120 characters$/],
  ])('names what is wrong with the name %j, and only that', (name, message) => {
    const result = createTargetInputSchema.safeParse({ provider_key: 'jira_data_center', name });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([expect.stringMatching(message)]);
  });

  it('takes a name of exactly 120 characters', () => {
    expect(createTargetInputSchema.safeParse({ provider_key: 'jira_data_center', name: 'y'.repeat(120) }).success).toBe(true);
  });

  it.each([
    [{ provider_key: 'jira_cloud', deployment_mode: 'self-hosted', name: 'Cloud' }, /always deployment_mode "cloud"/],
    [{ provider_key: 'jira_data_center', deployment_mode: 'cloud', name: 'DC' }, /always deployment_mode "self-hosted"/],
  ])('refuses a contradictory deployment mode %j', (input, message) => {
    const result = createTargetInputSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('refuses unknown fields and unknown providers', () => {
    expect(createTargetInputSchema.safeParse({ provider_key: 'jira_data_center', base_url: 'https://x' }).success).toBe(false);
    expect(createTargetInputSchema.safeParse({ provider_key: 'github' }).success).toBe(false);
  });
});

describe('scope catalogue', () => {
  it.each(['manage:jira-configuration', 'manage:jira-project', 'manage:jira-webhook', 'manage:anything', 'read:jira-admin', 'SYSTEM_ADMIN', 'ADMIN'])(
    '%s is broader than export needs',
    (scope) => {
      expect(isBroaderThanExportNeeds(scope)).toBe(true);
    },
  );
  it.each(['read:jira-work', 'write:jira-work', 'offline_access', 'BROWSE_PROJECTS', 'read:jira-user'])('%s is not', (scope) => {
    expect(isBroaderThanExportNeeds(scope)).toBe(false);
  });
});

describe('revoke paths', () => {
  it.each(AUTH_METHODS)('%s names where to revoke', (method) => {
    const path = revokePathFor(method, 'https://jira.example.com');
    expect(path.where.length).toBeGreaterThan(5);
    expect(path.steps.length).toBeGreaterThan(10);
  });
  it('points a PAT at the target own Jira', () => {
    expect(revokePathFor('pat', 'https://jira.example.com/jira').url).toMatch(/^https:\/\/jira\.example\.com\/jira\//);
  });
});
