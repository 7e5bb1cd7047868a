import type { Logger } from '../logger';

/** One argument of a console call as one line: errors by name, message and the first frames. */
function oneLine(value: unknown): string {
  if (value instanceof Error) {
    const frames = (value.stack ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at '))
      .slice(0, 3);
    return [`${value.name}: ${value.message}`, ...frames].join(' | ').replace(/[\r\n]+/g, ' ');
  }
  if (typeof value === 'string') return value.replace(/[\r\n]+/g, ' ');
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Routes what libraries print with `console` (@hono/node-server prints whole stack traces on a
 * failed response) into the JSON-lines logger, so every line the process writes is one JSON object.
 */
export function routeConsoleToLogger(logger: Logger): void {
  const to =
    (level: 'info' | 'warn' | 'error') =>
    (...args: unknown[]) =>
      logger[level]('runtime output', { text: args.map(oneLine).join(' ') });
  /* eslint-disable no-console -- replacing console is the point: nothing may print around the logger */
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  /* eslint-enable no-console */
}
