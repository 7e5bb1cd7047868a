import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';

/**
 * Headers every answer carries (pages replace Referrer-Policy with same-origin; a route may set its
 * own Cache-Control). A route that makes its own `Response` spreads these into it.
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
});

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'Content-Type': 'application/json', ...BASE_HEADERS });

/**
 * A JSON answer with the base headers as one plain record: @hono/node-server writes it straight to
 * the socket (no `Headers` object is built), the lightest answer a route can give.
 */
export function plainJsonResponse(body: unknown, status = 200): Response {
  return plainJsonTextResponse(JSON.stringify(body), status);
}

/** {@link plainJsonResponse} of a body already serialised. */
export function plainJsonTextResponse(json: string, status = 200): Response {
  return new Response(json, { status, headers: JSON_HEADERS });
}

/**
 * Puts the base headers on the response before it is made. Never after `await next()`: editing a
 * finished response's headers makes @hono/node-server build a full `Response` and `Headers` for
 * every answer (about two thirds of a trivial route's throughput).
 */
export function baseHeaders() {
  return createMiddleware(async (c, next) => {
    setBaseHeaders(c);
    await next();
  });
}

/** The base headers on the response a context is about to make (`c.json`, the error handler's answer). */
export function setBaseHeaders(c: Context): void {
  for (const name in BASE_HEADERS) c.header(name, BASE_HEADERS[name]);
}
