import { describe, expect, it } from 'vitest';
import { approvalProblem } from './approval-problem';

describe('approvalProblem: what an operator may approve', () => {
  it.each([
    ['0.0.0.0/0', /unspecified address 0\.0\.0\.0/],
    ['0.0.0.0/8', /unspecified/],
    ['10.0.0.0/7', /wider than a \/8 \(a \/7 opens 33554432 addresses\)/],
    ['128.0.0.0/1', /wider than a \/8/],
    ['::/0', /unspecified address ::/],
    ['::/96', /unspecified address ::/],
    ['::ffff:0.0.0.0/96', /unspecified address 0\.0\.0\.0/],
    ['::ffff:10.0.0.0/103', /wider than a \/8/],
    ['2000::/3', /wider than a \/32 of IPv6/],
    ['2001:db8::/31', /wider than a \/32/],
    ['169.254.169.254', /never open/],
    ['10.0.0.0/8:443', /allowlist grammar/],
    ['0x7f.0.0.1', /allowlist grammar/],
    ['2130706433', /allowlist grammar/],
    ['', /allowlist grammar/],
  ])('refuses %s', (entry, reason) => {
    expect(approvalProblem(entry)).toMatch(reason);
  });

  it.each([
    '10.0.0.0/8',
    '127.0.0.0/8',
    '10.20.0.0/16',
    '192.168.1.10',
    '192.168.1.10:8443',
    'fd00:1234::/32',
    '[fd00::1]:8443',
    'jira.acme.internal',
    'jira.acme.internal:8443',
    '::ffff:10.0.0.0/104',
  ])('accepts %s', (entry) => {
    expect(approvalProblem(entry)).toBeNull();
  });
});
