import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Companion } from '../../support/companion-harness';

/** The companion's app as a real HTTP server on 127.0.0.1, so a browser can drive it. */
export async function serveCompanion(companion: Companion): Promise<{ origin: string; close(): Promise<void> }> {
  let server!: ReturnType<typeof serve>;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: companion.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
