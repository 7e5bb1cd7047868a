import { parseJsonOrNull, type Companion } from './companion-harness';

/**
 * The in-process harness's `request`, sent over HTTP to a companion started with `npm start`: the
 * helpers that drive the API (connectReadyDataCenterTarget, …) then drive the real process.
 */
export function companionOverHttp(base: string): Pick<Companion, 'request'> {
  return {
    async request(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
      if (init.body !== undefined) headers['content-type'] ??= 'application/json';
      const response = await fetch(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, json: parseJsonOrNull(text) };
    },
  };
}
