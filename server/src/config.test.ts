import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data', masterKeys: [], publicUrl: null, checkMaxAgeMs: 86_400_000 });
  });

  it('reads lists and a rotation keyring', () => {
    const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
    const config = parseConfig({
      MASTER_KEY: `${key}, ${key}`,
      DNS_SERVERS: '127.0.0.1:5353,[::1]:53',
      APPROVED_NETWORKS: '10.0.0.0/8, jira.corp.example',
      PUBLIC_URL: 'https://wro.example.com/',
    });
    expect(config.masterKeys).toHaveLength(2);
    expect(config.dnsServers).toEqual(['127.0.0.1:5353', '[::1]:53']);
    expect(config.approvedNetworks).toEqual(['10.0.0.0/8', 'jira.corp.example']);
    expect(config.publicUrl).toBe('https://wro.example.com');
  });

  it('gives the Node server explicit client timeouts and the portable export a total cap, both configurable', () => {
    expect(parseConfig({})).toMatchObject({
      portableExportMaxBytes: 256 * 1024 * 1024,
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, idleTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 },
    });
    const tuned = parseConfig({
      PORTABLE_EXPORT_MAX_MB: '16',
      HEADERS_TIMEOUT_SECONDS: '5',
      REQUEST_TIMEOUT_SECONDS: '300',
      IDLE_TIMEOUT_SECONDS: '15',
      KEEP_ALIVE_TIMEOUT_SECONDS: '2',
    });
    expect(tuned).toMatchObject({
      portableExportMaxBytes: 16 * 1024 * 1024,
      http: { headersTimeoutMs: 5_000, requestTimeoutMs: 300_000, idleTimeoutMs: 15_000, keepAliveTimeoutMs: 2_000 },
    });
    expect(() => parseConfig({ HEADERS_TIMEOUT_SECONDS: '90', REQUEST_TIMEOUT_SECONDS: '30' })).toThrow(
      /HEADERS_TIMEOUT_SECONDS \(90\) must not be longer than REQUEST_TIMEOUT_SECONDS/,
    );
    expect(() => parseConfig({ PORTABLE_EXPORT_MAX_MB: '0', IDLE_TIMEOUT_SECONDS: 'forever' })).toThrow(/PORTABLE_EXPORT_MAX_MB.*\n.*IDLE_TIMEOUT_SECONDS/s);
  });

  it('reports every bad key at once', () => {
    let error: unknown;
    try {
      parseConfig({
        PORT: 'eighty',
        MASTER_KEY: 'c2hvcnQ=',
        PUBLIC_URL: 'ftp://x',
        LOG_LEVEL: 'loud',
        ALLOW_HTTP_FOR_APPROVED: 'maybe',
        DOH_URL: 'http://dns.example',
        FORGE_APP_ID: 'my-app',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/PORT.*MASTER_KEY.*PUBLIC_URL.*LOG_LEVEL.*ALLOW_HTTP.*FORGE_APP_ID.*DOH_URL/s);
  });

  it('refuses APPROVED_NETWORKS entries that open too much or do not parse, naming each', () => {
    let error: unknown;
    try {
      parseConfig({ APPROVED_NETWORKS: '0.0.0.0/0, 10.0.0.0/7, ::/0, jira.corp.example, 10.20.0.0/16, 0x7f.0.0.1' });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      expect.stringMatching(/^APPROVED_NETWORKS entry "0\.0\.0\.0\/0" covers the unspecified address/),
      expect.stringMatching(/^APPROVED_NETWORKS entry "10\.0\.0\.0\/7" is wider than a \/8/),
      expect.stringMatching(/^APPROVED_NETWORKS entry "::\/0" covers the unspecified address ::/),
      expect.stringMatching(/^APPROVED_NETWORKS entry "0x7f\.0\.0\.1" is not in the allowlist grammar/),
    ]);
  });

  it('judges configured URLs as typed: IPv4 notation and userinfo are refused', () => {
    let error: unknown;
    try {
      parseConfig({
        ATLASSIAN_API_URL: 'https://0x7f.0.0.1:8443',
        FORGE_JWKS_URL: 'https://2130706433:8443/jwks.json',
        DOH_URL: 'https://user@dns.example/dns-query',
        PUBLIC_URL: 'https://0x7f.1:8787',
      });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PUBLIC_URL.*non-standard notation/);
    expect(problems).toMatch(/ATLASSIAN_API_URL.*non-standard notation/);
    expect(problems).toMatch(/FORGE_JWKS_URL.*non-standard notation/);
    expect(problems).toMatch(/DOH_URL.*user name or password/);
    expect(
      parseConfig({ PUBLIC_URL: 'http://127.0.0.1', ATLASSIAN_API_URL: 'https://127.0.0.1:8443/', DOH_URL: 'https://127.0.0.1:9/dns-query' }),
    ).toMatchObject({
      publicUrl: 'http://127.0.0.1',
      atlassian: { apiUrl: 'https://127.0.0.1:8443' },
      dohUrl: 'https://127.0.0.1:9/dns-query',
    });
  });

  it('never echoes a bad master key back', () => {
    const secretish = 'dGhpcy1pcy1ub3QtMzItYnl0ZXMtbG9uZy1hdC1hbGw=';
    try {
      parseConfig({ MASTER_KEY: secretish });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(secretish);
    }
  });
});
