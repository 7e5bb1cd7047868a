import { joinChunks } from '../lib/join-chunks';

/** Thrown when a response body grows past the cap; safeFetch reports it as `too-large`. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The response is larger than ${limit} bytes.`);
    this.name = 'ResponseTooLargeError';
  }
}

/** The part of a web ReadableStream we use (undici's and the DOM's types differ). */
export interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
  cancel(): Promise<void>;
}

/**
 * Reads a response body into memory, cancelling the stream as soon as it passes `limit` bytes, so
 * a hostile server cannot make us buffer an unbounded (or decompression-bomb) body.
 */
export async function readCappedBody(body: ByteStream | null, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || value === undefined) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(value);
  }
  return joinChunks(chunks, total);
}
