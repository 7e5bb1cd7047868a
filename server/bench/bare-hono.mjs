// The yardstick for `npm run bench`: one JSON route on the same hono and @hono/node-server the
// companion uses, in a process of its own. Prints its port once listening.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.stdout.write(`listening ${info.port}\n`));
process.on('SIGTERM', () => process.exit(0));
