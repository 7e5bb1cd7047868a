// The yardstick for `npm run bench`: one JSON route on the same hono and @hono/node-server the
// companion uses, in a process of its own. Prints its port once listening.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
// The update figure's floor: a JSON body in, a small JSON answer out, nothing else (the HTTP hop alone).
app.post('/issues', async (c) => c.json({ received: Object.keys(await c.req.json()).length }, 201));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.stdout.write(`listening ${info.port}\n`));
process.on('SIGTERM', () => process.exit(0));
