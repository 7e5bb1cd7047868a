import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { type AppError, payloadTooLarge } from '../errors';
import { joinChunks } from '../lib/join-chunks';

/** What a request body may weigh on one route. */
export interface BodyLimit {
  maxBytes: number;
  /** What the route takes, for the refusal's message. */
  what: string;
  /** Read by the route as a stream (counted as it goes, never buffered here). */
  streamed: boolean;
}

interface BodyLimitRule extends BodyLimit {
  method: string;
  path: RegExp;
}

const KB = 1024;
/** Forms, sign-in and JSON everywhere a route does not say otherwise. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * KB;

/** The routes that need another limit than the default, first match wins. */
function bodyLimitRules(config: Config): BodyLimitRule[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/v1\/exports\/portable$/,
      maxBytes: config.portableExportMaxBytes,
      what: 'a portable export (PORTABLE_EXPORT_MAX_MB)',
      streamed: true,
    },
    // A finding's evidence (100,000 characters) and description (32,000) fit, JSON-escaped.
    { method: 'POST', path: /^\/api\/v1\/targets\/[^/]+\/issues$/, maxBytes: 1024 * KB, what: 'one finding and its mapping', streamed: false },
    // Jira's issue webhook carries the whole issue (every field, the changelog).
    { method: 'POST', path: /^\/api\/v1\/webhooks\/jira-data-center\/[^/]+$/, maxBytes: 512 * KB, what: 'a Jira webhook delivery', streamed: false },
    { method: 'PATCH', path: /^\/api\/v1\/targets\/[^/]+$/, maxBytes: 8 * KB, what: 'a target change', streamed: false },
    { method: 'PUT', path: /^\/api\/v1\/targets\/[^/]+\/credentials$/, maxBytes: 16 * KB, what: 'a credential', streamed: false },
    { method: 'POST', path: /^\/(login|logout|setup)$/, maxBytes: 8 * KB, what: 'a sign-in form', streamed: false },
  ];
}

/** The limit for one request. */
export function bodyLimitFor(config: Config, method: string, path: string): BodyLimit {
  const rule = bodyLimitRules(config).find((candidate) => candidate.method === method && candidate.path.test(path));
  return rule ?? { maxBytes: DEFAULT_BODY_LIMIT_BYTES, what: 'this request', streamed: false };
}

const size = (bytes: number) => (bytes >= 1024 * KB ? `${Math.round(bytes / (1024 * KB))} MB` : `${Math.round(bytes / KB)} KB`);

/** The 413 every body limit answers, in the error envelope. */
export function bodyTooLarge(limit: BodyLimit): AppError {
  return payloadTooLarge(
    `The request body is larger than ${size(limit.maxBytes)}, the limit for ${limit.what}.`,
    limit.streamed ? 'Split the findings over several requests.' : 'Send a smaller body; see /api/v1/openapi.json for what the route takes.',
  );
}

/**
 * Reads what is left of a refused body and drops each chunk as it comes, so the 413 already sent
 * reaches the client (closing the socket would reset it) while nothing piles up: a released reader
 * lets the runtime's stream adapter queue the rest of the body in memory. The server's request
 * timeout bounds how long a client may keep sending.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    for (;;) if ((await reader.read()).done) return;
  } catch {
    // the client went away
  }
}

/** Reads a body while it stays within maxBytes; null as soon as it passes (the rest is dropped unread). */
async function readWithin(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void discardRest(reader);
      return null;
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}

/** The same body, counted as the route reads it: it errors with the 413 once it passes the limit. */
function countedStream(body: ReadableStream<Uint8Array>, limit: BodyLimit): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        total += value.byteLength;
        if (total <= limit.maxBytes) return controller.enqueue(value);
        void discardRest(reader);
        controller.error(bodyTooLarge(limit));
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * One body limit in front of every route, by route: decided from Content-Length before anything is
 * read, or while a chunked body is read (at most the limit is held), never after the whole body.
 * Runs the same on Node and Workers (web streams only). GET and HEAD pass untouched: no route reads
 * their bodies. Nothing is done to the response after `next()`.
 */
export function limitRequestBodies(config: Config, logger: Logger) {
  const refuse = (c: Context, limit: BodyLimit, declared: string | null) => {
    logger.warn('request body refused', { method: c.req.method, path: c.req.path, limit_bytes: limit.maxBytes, declared_bytes: declared });
    return c.json(bodyTooLarge(limit).toBody(), 413);
  };
  return createMiddleware(async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const limit = bodyLimitFor(config, method, c.req.path);
    const raw = c.req.raw;
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      // The HTTP parser delivers exactly Content-Length bytes, so the declared size is the size.
      return Number(declared) > limit.maxBytes ? refuse(c, limit, declared) : next();
    }
    if (!raw.body) return next();
    if (limit.streamed) {
      c.req.raw = new Request(raw, { body: countedStream(raw.body, limit), duplex: 'half' } as RequestInit);
      return next();
    }
    const body = await readWithin(raw.body, limit.maxBytes);
    if (body === null) return refuse(c, limit, null);
    c.req.raw = new Request(raw, { body });
    return next();
  });
}
