import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** One request a listener received (headers lower-cased by Node). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

/** An HTTP(S) listener on one loopback address that counts every TCP connection it accepts. */
export interface RecordingListener {
  readonly host: string;
  readonly port: number;
  /** TCP connections accepted, counted before any TLS handshake. */
  readonly connections: number;
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

/** Answers a request; the default says 200 and names the listener. */
export type ListenerHandler = (request: IncomingMessage, response: ServerResponse, listener: RecordingListener) => void;

/**
 * Starts a listener on `host:port` (port 0 picks one). With `tls` it speaks HTTPS with that
 * certificate. Every accepted connection is counted, so a test can assert "never reached".
 */
export async function startRecordingListener(options: {
  host: string;
  port?: number;
  tls?: { key: string; cert: string };
  handler?: ListenerHandler;
}): Promise<RecordingListener> {
  const requests: RecordedRequest[] = [];
  let connections = 0;
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }) : createHttpServer();
  const listener: RecordingListener = {
    host: options.host,
    get port() {
      return (server.address() as AddressInfo).port;
    },
    get connections() {
      return connections;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    connections += 1;
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    if (options.handler) options.handler(request, response, listener);
    else response.writeHead(200, { 'content-type': 'text/plain' }).end(`reached ${options.host}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port ?? 0, ipv6Only: options.host.includes(':') }, () => resolve());
  });
  return listener;
}
