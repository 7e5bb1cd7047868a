import { describe, expect, it } from 'vitest';
import { redirectTarget } from './redirect-target';

describe('redirectTarget', () => {
  const current = new URL('https://jira.example.com:8443/jira/login?x=1');

  it.each([
    ['/jira/', 'https://jira.example.com:8443/jira/'],
    ['next?y=2#frag', 'https://jira.example.com:8443/jira/next?y=2'],
    ['//127.0.0.1/', 'https://127.0.0.1/'],
    ['https://0x7f000001/', 'https://0x7f000001/'],
    ['https://user:pass@jira.example.com/', 'https://user:pass@jira.example.com/'],
    ['https://127.0.0.1:443#.jira.example.com', 'https://127.0.0.1:443'],
    ['HTTP://other.example.com', 'HTTP://other.example.com'],
  ])('%s -> %s (raw text kept for the checker)', (location, expected) => {
    expect(redirectTarget(location, current)).toBe(expected);
  });

  it.each(['', '/\\127.0.0.1/', '\\\\127.0.0.1', 'https://a.example.com/\r\nx', ' https://a.example.com', `/${'a'.repeat(2100)}`])('refuses %j', (location) => {
    expect(redirectTarget(location, current)).toBeNull();
  });
});
