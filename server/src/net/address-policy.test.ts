import { describe, expect, it } from 'vitest';
import { classifyAddress, ownAddressKeys, type AddressRule } from './address-policy';

const table: Array<[string, AddressRule]> = [
  ['93.184.216.34', 'global-unicast'],
  ['8.8.8.8', 'global-unicast'],
  ['100.128.0.1', 'global-unicast'],
  ['172.32.0.1', 'global-unicast'],
  ['2606:4700:4700::1111', 'global-unicast'],
  ['2001:200::1', 'global-unicast'],
  ['64:ff9c::1', 'global-unicast'],
  ['::ffff:8.8.8.8', 'global-unicast'],
  ['::ffff:808:808', 'global-unicast'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['::ffff:0.0.0.0', 'unspecified'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.255', 'loopback'],
  ['::1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['0:0:0:0:0:ffff:7f00:2', 'loopback'],
  ['10.0.0.1', 'private-network'],
  ['172.16.0.2', 'private-network'],
  ['192.168.1.2', 'private-network'],
  ['fc00::1', 'private-network'],
  ['fd12:3456::1', 'private-network'],
  ['fec0::1', 'private-network'],
  ['feef::1', 'private-network'],
  ['169.254.169.254', 'link-local-metadata'],
  ['169.254.0.6', 'link-local-metadata'],
  ['fe80::1', 'link-local-metadata'],
  ['::ffff:169.254.169.254', 'link-local-metadata'],
  ['fd00:ec2::254', 'link-local-metadata'],
  ['100.100.100.200', 'link-local-metadata'],
  ['192.0.0.192', 'link-local-metadata'],
  ['168.63.129.16', 'link-local-metadata'],
  ['::ffff:168.63.129.16', 'link-local-metadata'],
  ['100.64.0.0', 'cgnat'],
  ['100.127.255.254', 'cgnat'],
  ['::ffff:100.64.0.1', 'cgnat'],
  ['192.0.0.8', 'reserved'],
  ['192.0.0.9', 'reserved'],
  ['192.0.0.255', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['192.52.193.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['3fff::1', 'reserved'],
  ['2001:2::1', 'reserved'],
  ['100::1', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['::ffff:ffff:ffff', 'broadcast'],
  ['::7f00:1', 'ipv6-embedding'],
  ['::a9fe:a9fe', 'ipv6-embedding'],
  ['::8.8.8.8', 'ipv6-embedding'],
  ['64:ff9b::a00:1', 'ipv6-embedding'],
  ['64:ff9b::8.8.8.8', 'ipv6-embedding'],
  ['64:ff9b:1::1', 'ipv6-embedding'],
  ['2002:808:808::1', 'ipv6-embedding'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'ipv6-embedding'],
  ['::ffff:0:a9fe:a9fe', 'ipv6-embedding'],
  ['0x7f.0.0.1', 'invalid-address'],
  ['127.1', 'invalid-address'],
  ['2130706433', 'invalid-address'],
  ['127.000.000.001', 'invalid-address'],
  ['010.0.0.1', 'invalid-address'],
  ['[::1]', 'invalid-address'],
  ['fe80::1%eth0', 'invalid-address'],
  ['::ffff:010.0.0.1', 'invalid-address'],
  ['00001::', 'invalid-address'],
  ['1:2:3:4:5:6:7:8:9', 'invalid-address'],
  ['', 'invalid-address'],
  ['example.com', 'invalid-address'],
];

describe('classifyAddress', () => {
  it.each(table)('%s is %s', (ip, rule) => {
    const verdict = classifyAddress(ip);
    expect(verdict.rule).toBe(rule);
    expect(verdict.allowed).toBe(rule === 'global-unicast');
    expect(verdict.reason.length).toBeGreaterThan(10);
  });

  it("refuses the server's own addresses, in any spelling, even when public", () => {
    const own = ownAddressKeys(['203.0.113.7', '2606:4700::7', 'not an ip']);
    expect(classifyAddress('8.8.8.8', own).allowed).toBe(true);
    expect(classifyAddress('203.0.113.7', own).rule).toBe('own-address');
    expect(classifyAddress('::ffff:203.0.113.7', own).rule).toBe('own-address');
    expect(classifyAddress('2606:4700:0:0:0:0:0:7', own).rule).toBe('own-address');
  });

  it('never throws on non-string input', () => {
    expect(classifyAddress(undefined as unknown as string).allowed).toBe(false);
    expect(classifyAddress(42 as unknown as string).allowed).toBe(false);
  });
});
