import { createCheckedFetch, type CheckedFetchLimits, type SafeFetch } from './checked-fetch';

/**
 * The Workers transport. Every hop is still judged by `checkUrl` (DNS over HTTPS, the same address
 * policy), but the Workers runtime resolves the name again itself and offers no way to pin the
 * connection to the checked address: a DNS-rebinding window remains between check and connect.
 * What closes it: Cloudflare's egress does not route to private or loopback ranges, so a rebound
 * name can only reach public addresses; private Jiras are reached through Cloudflare Tunnel
 * hostnames approved by the operator. The README says this in full.
 */
export function createWorkerSafeFetch(deps: CheckedFetchLimits, send: typeof fetch = (input, init) => fetch(input, init)): SafeFetch {
  return createCheckedFetch(deps, async (target, _verdict, request) => {
    const response = await send(target.href, {
      method: request.method,
      headers: request.headers,
      body: request.body as BodyInit | undefined,
      redirect: 'manual',
      signal: request.signal,
    });
    return { response, release: async () => undefined };
  });
}
