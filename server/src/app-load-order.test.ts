import { describe, expect, it } from 'vitest';

describe('the app module', () => {
  // zod copies its methods onto each schema when the schema is made: a plain-zod schema of commands/
  // made before @hono/zod-openapi extends zod has no .openapi. The bundled `npm start` and CLI load
  // commands/ first; a route calling .openapi on such a schema then stops the server at start.
  it('loads after commands/ and the CLI have made their plain zod schemas (the order of the bundled entries)', async () => {
    await import('./commands/index');
    await import('./cli/run-cli');
    const { createApp } = await import('./app');
    expect(typeof createApp).toBe('function');
  });
});
