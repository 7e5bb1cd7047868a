import { describe, expect, it } from 'vitest';
import { compileApprovedNetworks, parseApprovedEntry } from './approved-networks';

describe('parseApprovedEntry', () => {
  it.each([
    ['10.0.0.0/8', { kind: 'ip', prefix: 8, port: null }],
    ['10.1.2.3', { kind: 'ip', prefix: 32, port: null }],
    ['10.1.2.3:8443', { kind: 'ip', prefix: 32, port: 8443 }],
    ['fd00::/8', { kind: 'ip', prefix: 8, port: null }],
    ['2001:db8::1', { kind: 'ip', prefix: 128, port: null }],
    ['[2001:db8::1]:8443', { kind: 'ip', prefix: 128, port: 8443 }],
    ['[2001:db8::1]', { kind: 'ip', prefix: 128, port: null }],
    ['::ffff:10.0.0.0/104', { kind: 'ip', prefix: 8, port: null }],
    [' Jira.Internal.Example ', { kind: 'domain', domain: 'jira.internal.example', port: null }],
    ['jira.internal.example.', { kind: 'domain', domain: 'jira.internal.example', port: null }],
    ['jira.internal.example:8443', { kind: 'domain', domain: 'jira.internal.example', port: 8443 }],
    ['bücher.example', { kind: 'domain', domain: 'xn--bcher-kva.example', port: null }],
    ['xn--itlab-j1a.com', { kind: 'domain', domain: 'xn--itlab-j1a.com', port: null }],
  ])('%j', (entry, expected) => {
    expect(parseApprovedEntry(entry)).toMatchObject(expected);
  });

  it.each([
    'garbage$^$%#$^&$',
    '45645632345',
    'garbage456:more345gar:bage',
    '',
    '   ',
    '10.0.0.0/33',
    '10.0.0.0/',
    '/8',
    '10.0.0.0/8:443',
    '10.1.2.3:0',
    '10.1.2.3:65536',
    '10.1.2.3:x',
    '[10.1.2.3]:80',
    '[fe80::1%eth0]:80',
    '127.1',
    '0x7f.0.0.1',
    '010.0.0.1',
    'fd00::/129',
    '::ffff:10.0.0.0/95',
    'http://jira.example.com',
    'user@jira.example.com',
    'jira.example.com/path',
    '*.example.com',
    'a..b',
    'host:80:80',
  ])('ignores garbage %j', (entry) => {
    expect(parseApprovedEntry(entry)).toBeNull();
  });
});

describe('compileApprovedNetworks', () => {
  const approve = (entries: string[], host: string, address: string, port = 443) => compileApprovedNetworks(entries).approve({ host, address, port }) !== null;

  it('matches CIDR, exact IP and ip:port', () => {
    expect(approve(['10.0.0.0/8'], 'x.example', '10.200.1.1')).toBe(true);
    expect(approve(['10.0.0.0/8'], 'x.example', '11.0.0.1')).toBe(false);
    expect(approve(['127.0.0.1'], 'x.example', '127.0.0.2')).toBe(false);
    expect(approve(['10.1.2.3:8443'], '10.1.2.3', '10.1.2.3', 8443)).toBe(true);
    expect(approve(['10.1.2.3:8443'], '10.1.2.3', '10.1.2.3', 443)).toBe(false);
    expect(approve(['[fd00::5]:8443'], 'x', 'fd00::5', 8443)).toBe(true);
    expect(approve(['fd12:3456::/32'], 'x', 'fd12:3456::1')).toBe(true);
  });

  it('sets aside entries that open too much, wherever they came from (a row stored before the width rule)', () => {
    expect(approve(['fd00::/8'], 'x', 'fd12::1')).toBe(false);
    expect(approve(['0.0.0.0/0'], 'x', '10.0.0.1')).toBe(false);
    expect(approve(['10.0.0.0/7'], 'x', '10.0.0.1')).toBe(false);
    expect(approve(['::/0'], 'x', 'fd12::1')).toBe(false);
    expect(compileApprovedNetworks(['0.0.0.0/0', '10.0.0.0/8']).ignored).toEqual(['0.0.0.0/0']);
  });

  it('judges mapped addresses as their IPv4, but does not unwrap NAT64', () => {
    expect(approve(['10.0.0.0/8'], 'x', '::ffff:10.0.0.5')).toBe(true);
    expect(approve(['::ffff:10.0.0.0/104'], 'x', '10.0.0.5')).toBe(true);
    expect(approve(['10.0.0.0/8'], 'x', '64:ff9b::a01:203')).toBe(false);
  });

  it('matches exact domains only, case-insensitively, with the port when given', () => {
    expect(approve(['jira.internal.example'], 'JIRA.internal.example.', '10.0.0.5')).toBe(true);
    expect(approve(['jira.internal.example'], 'sub.jira.internal.example', '10.0.0.5')).toBe(false);
    expect(approve(['jira.internal.example'], 'internal.example', '10.0.0.5')).toBe(false);
    expect(approve(['jira.internal.example:8443'], 'jira.internal.example', '10.0.0.5', 8443)).toBe(true);
    expect(approve(['jira.internal.example:8443'], 'jira.internal.example', '10.0.0.5', 443)).toBe(false);
    expect(approve(['bücher.example'], 'xn--bcher-kva.example', '10.0.0.5')).toBe(true);
  });

  it('can approve loopback addresses', () => {
    expect(approve(['127.0.0.1:2000'], 'www.resolve-domain.com', '127.0.0.1', 2000)).toBe(true);
  });

  it.each([
    ['0.0.0.0', '0.0.0.0'],
    ['0.0.0.0/0', '0.1.2.3'],
    ['::/0', '::'],
    ['169.254.0.0/16', '169.254.169.254'],
    ['0.0.0.0/0', '169.254.169.254'],
    ['fe80::/10', 'fe80::1'],
    ['224.0.0.0/4', '224.0.0.251'],
    ['ff00::/8', 'ff02::1'],
    ['255.255.255.255', '255.255.255.255'],
    ['192.0.0.0/24', '192.0.0.192'],
    ['100.64.0.0/10', '100.100.100.200'],
    ['fd00::/8', 'fd00:ec2::254'],
    ['::/0', '::ffff:169.254.169.254'],
    ['64:ff9b::/96', '64:ff9b::a9fe:a9fe'],
    ['2002::/16', '2002:a9fe:a9fe::1'],
    ['::/96', '::a9fe:a9fe'],
  ])('never opens the hard-deny set (%s does not approve %s)', (entry, address) => {
    expect(approve([entry], 'metadata.example', address)).toBe(false);
    expect(approve(['metadata.example'], 'metadata.example', address)).toBe(false);
  });

  it('sets garbage aside and reports it', () => {
    const compiled = compileApprovedNetworks(['10.0.0.0/8', 'garbage$^$%#$^&$', '45645632345']);
    expect(compiled.entries).toHaveLength(1);
    expect(compiled.ignored).toEqual(['garbage$^$%#$^&$', '45645632345']);
    expect(compiled.approve({ host: '10.0.0.1', address: '10.0.0.1', port: 443 })).not.toBeNull();
  });

  it('lists entries that cover an address on another port', () => {
    const compiled = compileApprovedNetworks(['10.1.2.3:8443']);
    expect(compiled.covering({ host: '10.1.2.3', address: '10.1.2.3' }).map((entry) => entry.port)).toEqual([8443]);
  });
});
