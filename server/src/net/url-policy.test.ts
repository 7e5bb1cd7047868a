import { describe, expect, it } from 'vitest';
import { parseTargetUrl, type UrlRule } from './url-policy';

const httpsOnly = { allowHttp: false };

describe('parseTargetUrl accepts and normalizes', () => {
  it.each([
    ['https://jira.example.com', 'https://jira.example.com', 'domain', 443],
    ['https://jira.example.com/', 'https://jira.example.com', 'domain', 443],
    ['HTTPS://Jira.Example.COM:443/', 'https://jira.example.com', 'domain', 443],
    ['https://jira.example.com/jira', 'https://jira.example.com/jira', 'domain', 443],
    ['https://jira.example.com/jira/', 'https://jira.example.com/jira', 'domain', 443],
    ['https://jira.example.com/jira//', 'https://jira.example.com/jira', 'domain', 443],
    ['https://jira.example.com/a/../jira', 'https://jira.example.com/jira', 'domain', 443],
    ['https://jira.example.com:08443/', 'https://jira.example.com:8443', 'domain', 8443],
    ['https://jira.example.com:65535', 'https://jira.example.com:65535', 'domain', 65535],
    ['https://jira.example.com:1024', 'https://jira.example.com:1024', 'domain', 1024],
    ['https://bücher.de/', 'https://xn--bcher-kva.de', 'domain', 443],
    ['https://ⓔⓧⓐⓜⓟⓛⓔ.ⓒⓞⓜ/', 'https://example.com', 'domain', 443],
    ['https://jira.example.com./', 'https://jira.example.com.', 'domain', 443],
    ['https://8.8.8.8/', 'https://8.8.8.8', 'ipv4', 443],
    ['https://[2001:4860:4860:0:0:0:0:8888]/', 'https://[2001:4860:4860::8888]', 'ipv6', 443],
    ['https://[::ffff:8.8.8.8]:8443/x', 'https://[::ffff:808:808]:8443/x', 'ipv6', 8443],
  ] as const)('%s -> %s', (raw, normalized, hostKind, port) => {
    const result = parseTargetUrl(raw, httpsOnly);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.normalized).toBe(normalized);
    expect(result.hostKind).toBe(hostKind);
    expect(result.port).toBe(port);
    expect(result.host.startsWith('[')).toBe(false);
  });

  it('keeps the query of a request URL, and never a fragment', () => {
    const request = parseTargetUrl('https://jira.example.com/rest/api/2/search?jql=a%3Db&x=1', { allowHttp: false, purpose: 'request' });
    expect(request.ok && request.normalized).toBe('https://jira.example.com/rest/api/2/search?jql=a%3Db&x=1');
    const withFragment = parseTargetUrl('https://jira.example.com/x?y#z', { allowHttp: false, purpose: 'request' });
    expect(withFragment.ok ? null : withFragment.rule).toBe('fragment');
  });

  it('lets http through only when asked to (checkUrl then requires an approved network)', () => {
    expect(parseTargetUrl('http://jira.corp:8080/', httpsOnly)).toMatchObject({ ok: false, rule: 'scheme' });
    expect(parseTargetUrl('http://jira.corp:8080/', { allowHttp: true })).toMatchObject({ ok: true, scheme: 'http', port: 8080 });
    // port 80 is below 1024: the port policy applies to http as well.
    expect(parseTargetUrl('http://jira.corp/', { allowHttp: true })).toMatchObject({ ok: false, rule: 'port' });
  });
});

describe('parseTargetUrl refuses', () => {
  const table: Array<[string, UrlRule]> = [
    ['', 'invalid-url'],
    ['jira.example.com', 'invalid-url'],
    ['//jira.example.com/', 'invalid-url'],
    ['https//jira.example.com', 'invalid-url'],
    ['https:jira.example.com', 'invalid-url'],
    ['https:/jira.example.com', 'invalid-url'],
    ['https:\\\\127.0.0.1\\', 'invalid-url'],
    ['https://jira.example.com:443:443/', 'invalid-url'],
    ['https://jira.example.com%00.127.0.0.1', 'invalid-url'],
    [`https://${'a'.repeat(2100)}.com/`, 'invalid-url'],
    [' https://jira.example.com', 'control-characters'],
    ['https://jira.example.com\n', 'control-characters'],
    ['https://jira.example.com/\t', 'control-characters'],
    ['https://127.0.0.\u00ad1/', 'control-characters'],
    ['https://exa\u200bmple.com/', 'control-characters'],
    ['ftp://jira.example.com/', 'scheme'],
    ['data:text/plain,hello', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['wss://jira.example.com/', 'scheme'],
    ['http://jira.example.com/', 'scheme'],
    ['https://user@jira.example.com/', 'userinfo'],
    ['https://user:pass@jira.example.com/', 'userinfo'],
    ['https://@jira.example.com/', 'userinfo'],
    ['https://:@jira.example.com/', 'userinfo'],
    ['https://jira.example.com;@127.0.0.1', 'userinfo'],
    ['https://0x7f000001/', 'notation'],
    ['https://2130706433/', 'notation'],
    ['https://017700000001/', 'notation'],
    ['https://127.1/', 'notation'],
    ['https://127.0.0.1./', 'notation'],
    ['https://127.000.000.001/', 'notation'],
    ['https://134744072/', 'notation'],
    ['https://8.8.2056/', 'notation'],
    ['https://0x08.8.8.8/', 'notation'],
    ['https://127\uff610\uff610\uff611/', 'notation'],
    ['https://\u2460\u2461\u2466.\u24ea.\u24ea.\u2460/', 'notation'],
    ['https://%31%32%37.0.0.1/', 'notation'],
    ['https://ex%61mple.com/', 'notation'],
    ['https://jira.example.com:0/', 'port'],
    ['https://jira.example.com:25/', 'port'],
    ['https://jira.example.com:80/', 'port'],
    ['https://jira.example.com:1023/', 'port'],
    ['https://jira.example.com?@127.0.0.1/', 'query'],
    ['https://jira.example.com/?', 'query'],
    ['https://jira.example.com#@127.0.0.1', 'fragment'],
    ['https://jira.example.com/#', 'fragment'],
    ['https://a..b/', 'host'],
    ['https://-a.example.com/', 'host'],
    ['https://a$b.example.com/', 'host'],
    [`https://${'a'.repeat(64)}.example.com/`, 'host'],
    [`https://${'abcdefgh.'.repeat(30)}com/`, 'host'],
  ];
  it.each(table)('%j by %s', (raw, rule) => {
    const result = parseTargetUrl(raw, httpsOnly);
    expect(result.ok ? 'accepted' : result.rule).toBe(rule);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
  });

  it('never throws on non-string input', () => {
    expect(parseTargetUrl(undefined as unknown as string, httpsOnly).ok).toBe(false);
  });
});
