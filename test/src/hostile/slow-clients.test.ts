import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunningCompanion, type RunningCompanion } from './support/running-companion';

let companion: RunningCompanion;

beforeAll(async () => {
  companion = await startRunningCompanion({
    HEADERS_TIMEOUT_SECONDS: '2',
    REQUEST_TIMEOUT_SECONDS: '4',
    IDLE_TIMEOUT_SECONDS: '3',
    KEEP_ALIVE_TIMEOUT_SECONDS: '1',
  });
}, 60_000);
afterAll(() => companion?.stop());

/**
 * Opens a raw connection, writes `head`, then one more byte of `drip` every `everyMs` until the
 * server closes; resolves with how long it stayed open and what the server said.
 */
function dripUntilClosed(head: string, drip: string, everyMs: number, giveUpMs: number): Promise<{ openMs: number; answer: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(companion.port, '127.0.0.1');
    let answer = '';
    let position = 0;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => {});
    const timer = setInterval(() => {
      if (socket.destroyed || socket.writableEnded) return;
      socket.write(drip[position % drip.length]!);
      position += 1;
    }, everyMs);
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      resolve({ openMs: Date.now() - started, answer, closedByServer: false });
    }, giveUpMs);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ openMs: Date.now() - started, answer, closedByServer: true });
    });
    socket.write(head);
  });
}

describe('slow clients: header, body and idle deadlines on the Node server', () => {
  it('slow headers (one byte every 500 ms) are cut off at HEADERS_TIMEOUT_SECONDS', async () => {
    const result = await dripUntilClosed('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n'.repeat(100), 500, 20_000);
    expect(result.closedByServer).toBe(true);
    expect(result.openMs).toBeLessThan(2_000 + 1_000 + 1_500);
    expect(result.answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a slow body (slowloris on the body, one byte every 500 ms) is cut off at REQUEST_TIMEOUT_SECONDS', async () => {
    const head = 'POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n';
    const result = await dripUntilClosed(head, 'email=a%40b.example&password=x&', 500, 20_000);
    expect(result.closedByServer).toBe(true);
    expect(result.openMs).toBeLessThan(4_000 + 1_000 + 1_500);
  });

  it('a slow chunked body to the streamed portable export is cut off the same way', async () => {
    const token = await companion.apiToken('export');
    const head = `POST /api/v1/exports/portable HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const result = await dripUntilClosed(head, '1\r\n \r\n', 500, 20_000);
    expect(result.closedByServer).toBe(true);
    expect(result.openMs).toBeLessThan(4_000 + 1_000 + 1_500);
  });

  it('a connection that says nothing is closed', async () => {
    const result = await dripUntilClosed('', '', 60_000, 20_000);
    expect(result.closedByServer).toBe(true);
    expect(result.openMs).toBeLessThan(3_000 + 1_000 + 1_500);
  });

  it('an idle kept-alive connection is closed after KEEP_ALIVE_TIMEOUT_SECONDS', async () => {
    const result = await dripUntilClosed('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', '', 60_000, 20_000);
    expect(result.answer).toMatch(/^HTTP\/1\.1 200/);
    expect(result.closedByServer).toBe(true);
    expect(result.openMs).toBeLessThan(1_000 + 1_000 + 1_500);
  });

  it('/healthz still answers afterwards', async () => {
    expect((await fetch(`${companion.base}/healthz`)).status).toBe(200);
  });
});
