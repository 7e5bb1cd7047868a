import { readFileSync } from 'node:fs';

/** The SSRF cases live in test/fixtures/ssrf (see its README for where each comes from). */
export function loadSsrfFixture<T>(name: 'url-cases.json' | 'rebinding-cases.json' | 'redirect-cases.json'): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/ssrf/${name}`, import.meta.url), 'utf8')) as T;
}

export interface UrlCase {
  url: string;
  dns: Record<string, string[]> | null;
  expect: 'allowed' | 'blocked';
  category: string;
  allowlist?: string[];
  policy?: string;
  note?: string;
  whatwg_host?: string | null;
}
