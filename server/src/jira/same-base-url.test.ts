import { describe, expect, it } from 'vitest';
import { sameJiraBaseUrl } from './same-base-url';

describe('sameJiraBaseUrl', () => {
  it.each([
    ['https://jira.acme.test/jira', 'https://jira.acme.test/jira'],
    ['https://JIRA.acme.test:443/jira/', 'https://jira.acme.test/jira'],
    ['https://jira.acme.test:8443', 'https://jira.acme.test:8443/'],
  ])('%s matches %s', (reported, entered) => expect(sameJiraBaseUrl(reported, entered)).toBe(true));

  it.each([
    ['https://jira.acme.test', 'https://jira.acme.test/jira'],
    ['http://jira.acme.test/jira', 'https://jira.acme.test/jira'],
    ['https://jira.other.test/jira', 'https://jira.acme.test/jira'],
    ['https://jira.acme.test:8443/jira', 'https://jira.acme.test/jira'],
    ['not a url', 'https://jira.acme.test'],
  ])('%s does not match %s', (reported, entered) => expect(sameJiraBaseUrl(reported, entered)).toBe(false));
});
