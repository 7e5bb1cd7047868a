import { Agent, request } from 'node:http';

/** What came back for a hostile request: the status (0 when none), the body, and how it ended. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Body bytes the client managed to send before the server answered or closed. */
  bytesSent: number;
  /** True when the response body ended normally (false: the transfer broke off). */
  complete: boolean;
  error: string | null;
}

export interface BodyPlan {
  method?: string;
  headers?: Record<string, string>;
  /** Bytes to offer in all; sending stops as soon as the server answers. */
  totalBytes: number;
  /** Send without Content-Length (chunked transfer encoding). */
  chunked?: boolean;
  /** The bytes sent, repeated; default `a`. */
  fill?: string;
  /**
   * Send this many bytes, then nothing more until the server answers (resolving without an answer
   * after {@link WAIT_FOR_ANSWER_MS}): shows an answer given before the rest of the body arrived,
   * whatever the pace of this client (without it, how much was sent before the answer was seen
   * depends on how busy the machine is).
   */
  thenWaitAfterBytes?: number;
}

/** How long a client that stopped sending ({@link BodyPlan.thenWaitAfterBytes}) waits for the answer. */
export const WAIT_FOR_ANSWER_MS = 15_000;

/**
 * Sends a large body over a fresh keep-alive loopback connection (as browsers and curl do), 64 KB
 * at a time with back-pressure, stopping once the server answers; resolves with what the client saw.
 * (A client asking for `Connection: close` gets its socket closed right after an early answer, and
 * the kernel may drop that answer when the client was still sending.)
 */
export function sendBody(url: string, plan: BodyPlan): Promise<RawAnswer> {
  const piece = Buffer.alloc(64 * 1024, plan.fill ?? 'a');
  return new Promise((resolve) => {
    let bytesSent = 0;
    let answered = false;
    let text = '';
    let status = 0;
    let headers: RawAnswer['headers'] = {};
    let settled = false;
    const finish = (complete: boolean, error: string | null) => {
      if (settled) return;
      settled = true;
      agent.destroy();
      resolve({ status, headers, text, bytesSent, complete, error });
    };
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const req = request(url, {
      method: plan.method ?? 'POST',
      agent,
      headers: { ...(plan.chunked ? {} : { 'content-length': String(plan.totalBytes) }), ...plan.headers },
    });
    req.on('response', (res) => {
      answered = true;
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => finish(true, null));
      res.on('error', (error) => finish(false, error.message));
      res.on('aborted', () => finish(false, 'aborted'));
    });
    req.on('error', (error) => {
      if (!answered) finish(false, error.message);
    });
    req.on('close', () => setTimeout(() => finish(false, answered ? 'closed' : 'closed before an answer'), 100));
    const stopAt = Math.min(plan.totalBytes, plan.thenWaitAfterBytes ?? plan.totalBytes);
    const pump = () => {
      while (!answered && !req.destroyed && bytesSent < stopAt) {
        const size = Math.min(piece.length, stopAt - bytesSent);
        bytesSent += size;
        if (!req.write(size === piece.length ? piece : piece.subarray(0, size))) return void req.once('drain', pump);
      }
      if (stopAt < plan.totalBytes) {
        // The rest is never sent: the answer must come without it.
        if (!answered && bytesSent >= stopAt)
          setTimeout(() => finish(false, `no answer within ${WAIT_FOR_ANSWER_MS} ms once the client stopped sending`), WAIT_FOR_ANSWER_MS).unref();
        return;
      }
      // Once answered, stop sending and let the answer finish (finish() closes the connection).
      if (!answered && !req.destroyed && !req.writableEnded) req.end();
    };
    pump();
  });
}

/** Reads a response body to its end; `complete` false when the transfer broke off. */
export function fetchRaw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let settled = false;
    let status = 0;
    let headers: RawAnswer['headers'] = {};
    const finish = (complete: boolean, error: string | null) => {
      if (settled) return;
      settled = true;
      resolve({ status, headers, text, bytesSent: options.body?.length ?? 0, complete, error });
    };
    const req = request(url, { method: options.method ?? 'GET', agent: false, headers: options.headers ?? {} }, (res) => {
      status = res.statusCode ?? 0;
      headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => finish(true, null));
      res.on('error', (error) => finish(false, error.message));
      res.on('aborted', () => finish(false, 'aborted'));
    });
    req.on('error', (error) => finish(false, error.message));
    req.end(options.body);
  });
}
