import type { Context } from 'hono';
import type { AppDeps } from '../deps';
import { forwardedClientAddress, parseTrustedProxies } from '../net/forwarded-client';

/**
 * The client address for sign-in limits: the socket's peer, or with `TRUST_PROXY` the right-most
 * untrusted X-Forwarded-For hop. Built once per app. Forge routes never use this: their limits
 * key on the verified site and installation, and at most on the socket.
 */
export function clientAddressResolver(deps: AppDeps): (c: Context) => string | null {
  const { proxies } = parseTrustedProxies(deps.config.trustProxy);
  return (c) => forwardedClientAddress(deps.socketAddress(c), proxies.length > 0 ? c.req.header('x-forwarded-for') : undefined, proxies);
}
