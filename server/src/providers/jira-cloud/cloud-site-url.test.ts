import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { normalizeCloudSiteUrl } from './cloud-site-url';

function refusal(raw: string): { code: string; status: number; message: string } {
  try {
    normalizeCloudSiteUrl(raw);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, message: error.message };
    throw error;
  }
  throw new Error(`${raw} was accepted`);
}

describe('normalizeCloudSiteUrl judges what the admin typed', () => {
  it.each(['https://0x7f.0.0.2:8443', 'https://2130706434:8443', 'https://127.1:8443', 'https://0177.0.0.2', 'https://127.0.0.02'])(
    'refuses IPv4 in non-standard notation: %s',
    (raw) => {
      expect(refusal(raw)).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED', status: 409, message: expect.stringMatching(/non-standard notation/) });
    },
  );

  it.each([
    ['https://user@acme.atlassian.net', /user name or password/],
    ['https://acme.atlassian.net:80', /Port 80/],
    ['http://acme.atlassian.net', /http/],
    ['https://acme.atlassian.net?x=1', /query/],
    ['https://acme%2eatlassian.net', /percent-encoded|not a valid host/],
  ])('refuses %s by the URL rules', (raw, reason) => {
    expect(refusal(raw)).toMatchObject({ code: 'PROVIDER_BASE_URL_BLOCKED', message: expect.stringMatching(reason) });
  });

  it('keeps the old shape rules: a path or garbage is a 400', () => {
    expect(refusal('https://acme.atlassian.net/jira')).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(refusal('acme.atlassian.net')).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('answers the site origin in lower case', () => {
    expect(normalizeCloudSiteUrl(' https://ACME.atlassian.net/ ')).toBe('https://acme.atlassian.net');
    expect(normalizeCloudSiteUrl('https://127.0.0.2:8443')).toBe('https://127.0.0.2:8443');
  });
});
