import { describe, expect, it } from 'vitest';
import { hostIsIpLiteral } from './ip-literal-host';

describe('hostIsIpLiteral', () => {
  it.each(['https://127.0.0.1/jira', 'https://10.0.0.7:8443', 'https://[::1]/', 'https://0x7f.1/', 'https://2130706433/', 'https://[2001:db8::10]:443/jira'])(
    '%s has an IP address for its host',
    (url) => expect(hostIsIpLiteral(url)).toBe(true),
  );

  it.each(['https://jira.example.com/jira', 'https://jira-127.example.com', 'https://1.2.3.4.example.com', 'not a url'])('%s does not', (url) =>
    expect(hostIsIpLiteral(url)).toBe(false),
  );
});
