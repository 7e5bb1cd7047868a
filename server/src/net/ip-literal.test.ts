import { describe, expect, it } from 'vitest';
import { embeddedIpv4s, ipKey, isCanonicalIpv4, parseCanonicalIp } from './ip-literal';
import ipaddr from 'ipaddr.js';

describe('parseCanonicalIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    ['255.255.255.255', '255.255.255.255'],
    ['::1', '0:0:0:0:0:0:0:1'],
    ['2001:DB8::1', '2001:db8:0:0:0:0:0:1'],
    ['::ffff:1.2.3.4', '0:0:0:0:0:ffff:102:304'],
    ['0:0:0:0:0:ffff:1.2.3.4', '0:0:0:0:0:ffff:102:304'],
    // ipaddr.js alone reads this as ::ffff:8.8.8.8; it is the IPv4-compatible ::808:808.
    ['::8.8.8.8', '0:0:0:0:0:0:808:808'],
    ['64:ff9b::127.0.0.1', '64:ff9b:0:0:0:0:7f00:1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1::', '1:0:0:0:0:0:0:0'],
  ])('reads %s as %s', (text, normalized) => {
    expect(parseCanonicalIp(text)?.toNormalizedString()).toBe(normalized);
  });

  it.each([
    '01.2.3.4',
    '1.2.3',
    '1.2.3.4.5',
    '0x7f.0.0.1',
    '2130706433',
    '256.1.1.1',
    '1.2.3.4 ',
    ' 1.2.3.4',
    '[::1]',
    'fe80::1%eth0',
    '::ffff:01.2.3.4',
    '1::2::3',
    '12345::',
    ':::',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8:9',
    '1:2:3:4:5:6:1.2.3.4:5',
    'g::1',
    '',
    '::ffff:1.2.3',
    '1.2.3.4::',
  ])('refuses %j', (text) => {
    expect(parseCanonicalIp(text)).toBeNull();
  });

  it('agrees with isCanonicalIpv4 on dotted quads', () => {
    expect(isCanonicalIpv4('10.0.0.1')).toBe(true);
    expect(isCanonicalIpv4('10.0.0.01')).toBe(false);
  });
});

describe('ipKey', () => {
  it('spells mapped IPv6 as its IPv4 address', () => {
    expect(ipKey(parseCanonicalIp('::ffff:7f00:1')!)).toBe('127.0.0.1');
    expect(ipKey(parseCanonicalIp('2001:db8::0:1')!)).toBe('2001:db8:0:0:0:0:0:1');
  });
});

describe('embeddedIpv4s', () => {
  const embedded = (text: string) => embeddedIpv4s(ipaddr.IPv6.parse(text)).map((ip) => ip.toString());
  it.each([
    ['::ffff:a9fe:a9fe', ['169.254.169.254']],
    ['::a9fe:a9fe', ['169.254.169.254']],
    ['::ffff:0:a9fe:a9fe', ['169.254.169.254']],
    ['64:ff9b::a9fe:a9fe', ['169.254.169.254']],
    ['2002:a9fe:a9fe::1', ['169.254.169.254']],
    ['2001:0:a9fe:a9fe::', ['169.254.169.254', '255.255.255.255']],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', ['65.54.227.120', '192.0.2.45']],
  ])('%s carries %j', (text, expected) => {
    expect(embedded(text)).toEqual(expect.arrayContaining(expected));
  });

  it('reads the RFC 6052 /48 layout of 64:ff9b:1::/48', () => {
    expect(embedded('64:ff9b:1:a9fe:a9:fe00::')).toContain('169.254.169.254');
  });

  it('does not treat :: and ::1 as IPv4-compatible, nor a global address as embedding anything', () => {
    expect(embedded('::1')).toEqual([]);
    expect(embedded('::')).toEqual([]);
    expect(embedded('2606:4700:4700::1111')).toEqual([]);
  });
});
