import { describe, expect, it } from 'vitest';
import { ResponseTooLargeError, readCappedBody } from './read-capped-body';

function stream(chunks: number[], onCancel: () => void = () => undefined) {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const size = chunks[index];
      index += 1;
      if (size === undefined) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(65));
    },
    cancel: onCancel,
  });
}

describe('readCappedBody', () => {
  it('reads a body up to the cap', async () => {
    expect((await readCappedBody(stream([3, 4, 3]), 10)).byteLength).toBe(10);
    expect((await readCappedBody(null, 10)).byteLength).toBe(0);
  });

  it('cancels the stream as soon as it passes the cap', async () => {
    let cancelled = false;
    const endless = stream(
      Array.from({ length: 1000 }, () => 1024),
      () => {
        cancelled = true;
      },
    );
    await expect(readCappedBody(endless, 4096)).rejects.toBeInstanceOf(ResponseTooLargeError);
    expect(cancelled).toBe(true);
  });
});
