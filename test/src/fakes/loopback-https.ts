import { type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';

/** An answer read whole. */
export interface LoopbackResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when there was none. */
  json: unknown;
}

/** Resolves every name to 127.0.0.1, so a fake's hostname reaches it with real TLS name checks. */
const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if (options.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

/**
 * Test-side HTTPS call to `{baseUrl}{path}` trusting only `ca`, dialling 127.0.0.1 whatever the
 * hostname; no redirects followed. A token goes out as `Authorization: Bearer`.
 */
export function requestOverLoopback(
  target: { baseUrl: string; ca: string },
  init: { method?: string; path: string; token?: string; body?: unknown; headers?: Record<string, string> },
): Promise<LoopbackResponse> {
  const payload = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    ...init.headers,
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(
      `${target.baseUrl}${init.path}`,
      { method: init.method ?? 'GET', ca: target.ca, lookup: loopbackLookup, agent: false, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (text !== '' && /json/.test(response.headers['content-type'] ?? '')) json = JSON.parse(text) as unknown;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
