import { describe, expect, it } from 'vitest';
import { createWorkspaceTtlCache } from './workspace-ttl-cache';

describe('createWorkspaceTtlCache', () => {
  it('one workspace filling its budget evicts only its own entries', async () => {
    const cache = createWorkspaceTtlCache<string>({ ttlMs: 60_000, maxEntriesPerWorkspace: 3 });
    let loads = 0;
    const load = (value: string) => async () => {
      loads += 1;
      return value;
    };
    await cache.get('ws-b', 'SEC', load('b-sec'));
    for (let i = 0; i < 50; i += 1) await cache.get('ws-a', `UNKNOWN${i}`, load('none'));
    expect(cache.sizeOf('ws-a')).toBe(3);
    const before = loads;
    expect(await cache.get('ws-b', 'SEC', load('reloaded'))).toEqual({ value: 'b-sec', hit: true });
    expect(loads).toBe(before);
    // The same key in two workspaces is two entries.
    expect(await cache.get('ws-a', 'SEC', load('a-sec'))).toEqual({ value: 'a-sec', hit: false });
  });
});
