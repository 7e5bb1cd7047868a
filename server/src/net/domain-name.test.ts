import { describe, expect, it } from 'vitest';
import { domainKey, isValidDomainName, toAsciiDomain } from './domain-name';

describe('isValidDomainName', () => {
  it.each(['example.com', 'jira.example.com.', 'a', 'xn--bcher-kva.de', '_dmarc.example.com', 'a-b.c_d.example'])('accepts %s', (name) =>
    expect(isValidDomainName(name)).toBe(true),
  );
  it.each([
    '',
    '.',
    'a..b',
    '-a.com',
    'a-.com',
    'Example.com',
    'a$b.com',
    '*.example.com',
    'example.123',
    'x.0x7f',
    `${'a'.repeat(64)}.com`,
    `${'a.'.repeat(127)}com`,
  ])('refuses %j', (name) => expect(isValidDomainName(name)).toBe(false));
});

describe('toAsciiDomain', () => {
  it.each([
    ['Jira.Example.COM', 'jira.example.com'],
    ['bücher.de', 'xn--bcher-kva.de'],
    ['ⓔⓧⓐⓜⓟⓛⓔ.ⓒⓞⓜ', 'example.com'],
    ['example.com.', 'example.com.'],
  ])('%s -> %s', (text, ascii) => expect(toAsciiDomain(text)).toBe(ascii));

  it.each(['ex ample.com', 'a/b', 'user@host', 'host:80', '[::1]', 'ex%61mple.com', '127.1', '45645632345', 'garbage$^$%#$^&$'])('refuses %j', (text) =>
    expect(toAsciiDomain(text)).toBeNull(),
  );
});

describe('domainKey', () => {
  it('lower-cases and drops the root dot', () => {
    expect(domainKey('Jira.Example.com.')).toBe('jira.example.com');
  });
});
