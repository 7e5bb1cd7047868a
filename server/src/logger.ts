/** Structured log lines; the app never logs request bodies, headers or secrets. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof ORDER;

/** A JSON-lines logger writing through `write` (stdout on Node, console on Workers, an array in tests). */
export function createJsonLogger(write: (line: string) => void, minLevel: Level = 'info', now: () => Date = () => new Date()): Logger {
  const emit =
    (level: Level) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (ORDER[level] < ORDER[minLevel]) return;
      write(JSON.stringify({ time: now().toISOString(), level, message, ...fields }));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
