import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { createPinnedLookup } from './pinned-lookup';

function ask(lookup: ReturnType<typeof createPinnedLookup>, host: string, options: object) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    lookup(host, options, (error, address, family) => resolve({ error, address, family })),
  );
}

describe('createPinnedLookup', () => {
  const lookup = createPinnedLookup('Jira.Example.com', ['93.184.216.34', '2606:2800:220:1::1']);

  it('answers Node 20 `{ all: true }` with every checked address', async () => {
    expect(await ask(lookup, 'jira.example.com', { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
  });

  it('answers the single form and honours the family asked for', async () => {
    expect(await ask(lookup, 'jira.example.com.', {})).toMatchObject({ error: null, address: '93.184.216.34', family: 4 });
    expect(await ask(lookup, 'jira.example.com', { family: 6 })).toMatchObject({ address: '2606:2800:220:1::1', family: 6 });
    expect(await ask(lookup, 'jira.example.com', { family: 'IPv6', all: true })).toMatchObject({ address: [{ family: 6 }] });
  });

  it('refuses any other host name instead of asking DNS', async () => {
    const result = await ask(lookup, 'evil.example.com', { all: true });
    expect(result.error?.code).toBe('ENOTFOUND');
  });

  it('accepts the two-argument call form', async () => {
    const result = await new Promise<string | LookupAddress[]>((resolve) =>
      (lookup as unknown as (h: string, cb: (e: unknown, a: string | LookupAddress[]) => void) => void)('jira.example.com', (_e, a) => resolve(a)),
    );
    expect(result).toBe('93.184.216.34');
  });
});
