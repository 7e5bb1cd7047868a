import { describe, expect, it } from 'vitest';
import { parseDnsServers } from './parse-dns-servers';

describe('parseDnsServers', () => {
  it('reads every accepted form', () => {
    expect(parseDnsServers(' 1.1.1.1, 127.0.0.1:5353 ,2001:db8::53,[2001:db8::1]:5353,[::1]')).toEqual({
      ok: true,
      servers: ['1.1.1.1', '127.0.0.1:5353', '2001:db8::53', '[2001:db8::1]:5353', '[::1]'],
    });
  });

  it('means "the system\'s servers" when empty', () => {
    expect(parseDnsServers('')).toEqual({ ok: true, servers: [] });
    expect(parseDnsServers(' , ')).toEqual({ ok: true, servers: [] });
  });

  it('reports every bad entry at once', () => {
    const result = parseDnsServers('dns.google, 1.1.1.1:0, 1.1.1.1:99999, 010.0.0.1, [1.2.3.4]:53, 1.1.1.1:53:53, 8.8.8.8');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toHaveLength(6);
  });
});
