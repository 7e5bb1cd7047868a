import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { createJsonLogger } from '../logger';
import { AppError } from '../errors';
import { bodyLimitFor, limitRequestBodies } from './body-limit';

const config = parseConfig({ PORTABLE_EXPORT_MAX_MB: '1' });
const logLines: string[] = [];

/** A tiny app behind the real middleware: it reports how much body its routes could read. */
function appUnderLimit() {
  const app = new Hono();
  app.use(
    '*',
    limitRequestBodies(
      config,
      createJsonLogger((line) => logLines.push(line)),
    ),
  );
  app.onError((error, c) => (error instanceof AppError ? c.json(error.toBody(), error.status) : c.json({ unexpected: String(error) }, 500)));
  app.post('/api/v1/exports/portable', async (c) => c.json({ read: (await c.req.arrayBuffer()).byteLength }));
  app.all('*', async (c) => c.json({ read: (await c.req.arrayBuffer()).byteLength }));
  return app;
}
const chunked = (bytes: number) => ({ body: new Blob([new Uint8Array(bytes)]).stream(), duplex: 'half' }) as RequestInit;

describe('the body limit by route', () => {
  it('knows the routes that need another limit than 64 KB', () => {
    expect(bodyLimitFor(config, 'POST', '/login').maxBytes).toBe(8 * 1024);
    expect(bodyLimitFor(config, 'PATCH', '/api/v1/targets/tgt_1').maxBytes).toBe(8 * 1024);
    expect(bodyLimitFor(config, 'PUT', '/api/v1/targets/tgt_1/credentials').maxBytes).toBe(16 * 1024);
    expect(bodyLimitFor(config, 'POST', '/api/v1/targets/tgt_1/issues').maxBytes).toBe(1024 * 1024);
    expect(bodyLimitFor(config, 'POST', '/api/v1/exports/portable')).toMatchObject({ maxBytes: 1024 * 1024, streamed: true });
    expect(bodyLimitFor(config, 'POST', '/settings/targets').maxBytes).toBe(64 * 1024);
  });

  it('refuses by Content-Length without reading, and while reading a chunked body', async () => {
    const app = appUnderLimit();
    const declared = await app.request('/api/v1/targets', { method: 'POST', headers: { 'content-length': String(64 * 1024 + 1) }, body: 'x' });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect((await app.request('/api/v1/targets', { method: 'POST', ...chunked(64 * 1024 + 1) })).status).toBe(413);
    expect(await (await app.request('/api/v1/targets', { method: 'POST', ...chunked(64 * 1024) })).json()).toEqual({ read: 64 * 1024 });
  });

  it('streams the portable export through, erroring with the 413 once the total passes its cap', async () => {
    const app = appUnderLimit();
    expect(await (await app.request('/api/v1/exports/portable', { method: 'POST', ...chunked(1024 * 1024) })).json()).toEqual({ read: 1024 * 1024 });
    const over = await app.request('/api/v1/exports/portable', { method: 'POST', ...chunked(1024 * 1024 + 1) });
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/1 MB/) } });
  });

  it('lets GET through untouched', async () => {
    expect((await appUnderLimit().request('/healthz')).status).toBe(200);
  });
});
