import { describe, expect, it } from 'vitest';
import { forwardedClientAddress, parseTrustedProxies } from './forwarded-client';

const { proxies } = parseTrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

describe('forwardedClientAddress', () => {
  it('uses the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(forwardedClientAddress('127.0.0.1', '198.51.100.7', [])).toBe('127.0.0.1');
    expect(forwardedClientAddress('203.0.113.5', '198.51.100.7', proxies)).toBe('203.0.113.5');
    expect(forwardedClientAddress('::ffff:203.0.113.5', undefined, [])).toBe('203.0.113.5');
  });

  it('takes the right-most untrusted address behind trusted proxies', () => {
    expect(forwardedClientAddress('127.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(forwardedClientAddress('127.0.0.1', 'spoofed, 1.2.3.4, 198.51.100.7, 10.1.2.3', proxies)).toBe('198.51.100.7');
    expect(forwardedClientAddress('127.0.0.1', '198.51.100.7:5555', proxies)).toBe('198.51.100.7');
    expect(forwardedClientAddress('127.0.0.1', '[2001:db8::1]:443', proxies)).toBe('2001:db8::1');
  });

  it('stops at the last trusted hop on garbage or when every hop is trusted', () => {
    expect(forwardedClientAddress('127.0.0.1', '198.51.100.7, not-an-ip', proxies)).toBe('127.0.0.1');
    expect(forwardedClientAddress('127.0.0.1', '0x7f.0.0.1, 10.0.0.9', proxies)).toBe('10.0.0.9');
    expect(forwardedClientAddress('127.0.0.1', '10.0.0.1, 10.0.0.2', proxies)).toBe('10.0.0.1');
    expect(forwardedClientAddress('127.0.0.1', '', proxies)).toBe('127.0.0.1');
  });

  it('parses TRUST_PROXY strictly', () => {
    expect(parseTrustedProxies(['127.0.0.1', '10.0.0.0/8', '::1', '::ffff:10.0.0.0/104']).bad).toEqual([]);
    expect(parseTrustedProxies(['0x7f.0.0.1', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1', '']).bad).toEqual([
      '0x7f.0.0.1',
      '10.0.0.0/33',
      'proxy.example',
      '10.0.0.0/8/1',
      '',
    ]);
  });
});
