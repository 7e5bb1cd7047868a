import { describe, expect, it } from 'vitest';
import { hardDenyReason } from './hard-deny';
import { parseCanonicalIp } from './ip-literal';

const reason = (text: string, own: string[] = []) => {
  const parsed = parseCanonicalIp(text);
  if (!parsed) throw new Error(`bad fixture ${text}`);
  return hardDenyReason(parsed, new Set(own));
};

describe('hardDenyReason', () => {
  it.each([
    '0.0.0.0',
    '0.255.255.255',
    '::',
    '::ffff:0.0.0.0',
    '169.254.169.254',
    '169.254.0.1',
    'fe80::1',
    'febf::1',
    '224.0.0.1',
    '239.1.1.1',
    'ff02::1',
    '255.255.255.255',
    '192.0.0.192',
    '100.100.100.200',
    'fd00:ec2::254',
    '::ffff:169.254.169.254',
    '::a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::',
    '2001:0:a9fe:a9fe::1',
    '::ffff:0:a9fe:a9fe',
    '64:ff9b::e000:1',
  ])('%s never opens', (address) => {
    expect(reason(address)).toEqual(expect.any(String));
  });

  it.each(['127.0.0.1', '::1', '10.0.0.1', '100.64.0.1', '192.168.1.1', 'fd12::1', '8.8.8.8', '192.0.0.8', '64:ff9b::a00:1'])(
    '%s may be approved',
    (address) => {
      expect(reason(address)).toBeNull();
    },
  );

  it("includes the server's own addresses, also embedded", () => {
    expect(reason('203.0.113.7', ['203.0.113.7'])).toMatch(/own/);
    expect(reason('::ffff:203.0.113.7', ['203.0.113.7'])).toMatch(/own/);
    expect(reason('64:ff9b::cb00:7107', ['203.0.113.7'])).toMatch(/this server/);
  });
});
