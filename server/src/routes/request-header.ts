import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/**
 * One request header (`name` in lower case), read from Node's own parse of the message when the
 * app runs on @hono/node-server: `c.req.header()` makes the adapter build a `Headers` object from
 * every header the client sent, which cost the readiness poll a third of its time. A header sent
 * more than once is joined with ", " exactly as `Headers.get` joins it, so a doubled
 * Authorization is refused the same on every runtime. Elsewhere (Workers, `app.request`) it is
 * `c.req.header()`.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  return headerOf(c.req.raw, c.env, name);
}

/** {@link requestHeader} before hono made a context: the raw request and the adapter's bindings. */
export function headerOf(request: Request, env: unknown, name: string): string | undefined {
  const incoming = (env as Partial<HttpBindings> | undefined)?.incoming;
  if (!incoming?.rawHeaders) return request.headers.get(name) ?? undefined;
  const raw = incoming.rawHeaders;
  let value: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const header = raw[i]!;
    if (header.length === name.length && header.toLowerCase() === name) value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}
