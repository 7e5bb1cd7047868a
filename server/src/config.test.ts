import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('parseConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './data', masterKeys: [], publicUrl: null, checkMaxAgeMs: 86_400_000 });
  });

  it('reads lists and a rotation keyring', () => {
    const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
    const config = parseConfig({ MASTER_KEY: `${key}, ${key}`, DNS_SERVERS: '127.0.0.1:5353,[::1]:53', APPROVED_NETWORKS: '10.0.0.0/8, jira.corp.example', PUBLIC_URL: 'https://wro.example.com/' });
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
    const tuned = parseConfig({ PORTABLE_EXPORT_MAX_MB: '16', HEADERS_TIMEOUT_SECONDS: '5', REQUEST_TIMEOUT_SECONDS: '300', IDLE_TIMEOUT_SECONDS: '15', KEEP_ALIVE_TIMEOUT_SECONDS: '2' });
    expect(tuned).toMatchObject({ portableExportMaxBytes: 16 * 1024 * 1024, http: { headersTimeoutMs: 5_000, requestTimeoutMs: 300_000, idleTimeoutMs: 15_000, keepAliveTimeoutMs: 2_000 } });
    expect(() => parseConfig({ HEADERS_TIMEOUT_SECONDS: '90', REQUEST_TIMEOUT_SECONDS: '30' })).toThrow(/HEADERS_TIMEOUT_SECONDS \(90\) must not be longer than REQUEST_TIMEOUT_SECONDS/);
    expect(() => parseConfig({ PORTABLE_EXPORT_MAX_MB: '0', IDLE_TIMEOUT_SECONDS: 'forever' })).toThrow(/PORTABLE_EXPORT_MAX_MB.*\n.*IDLE_TIMEOUT_SECONDS/s);
  });

  it('reports every bad key at once', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', MASTER_KEY: 'c2hvcnQ=', PUBLIC_URL: 'ftp://x', LOG_LEVEL: 'loud', ALLOW_HTTP_FOR_APPROVED: 'maybe', DOH_URL: 'http://dns.example', FORGE_APP_ID: 'my-app' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/PORT.*MASTER_KEY.*PUBLIC_URL.*LOG_LEVEL.*ALLOW_HTTP.*FORGE_APP_ID.*DOH_URL/s);
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
