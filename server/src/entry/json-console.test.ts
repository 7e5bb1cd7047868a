import { afterEach, describe, expect, it } from 'vitest';
import { createJsonLogger } from '../logger';
import { routeConsoleToLogger } from './json-console';

const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
afterEach(() => Object.assign(console, original));

describe('routeConsoleToLogger', () => {
  it("turns a library's console.error of an Error (as @hono/node-server prints) into one JSON line", () => {
    const lines: string[] = [];
    routeConsoleToLogger(createJsonLogger((line) => lines.push(line), 'debug'));
    const error = new Error('Finding 5001 is invalid:\nline two');
    console.error(error);
    console.info('The user aborted a request.');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain('\n');
    const first = JSON.parse(lines[0]!) as { level: string; message: string; text: string };
    expect(first).toMatchObject({ level: 'error', message: 'runtime output' });
    expect(first.text).toMatch(/^Error: Finding 5001 is invalid: line two \| at /);
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'info', text: 'The user aborted a request.' });
  });
});
