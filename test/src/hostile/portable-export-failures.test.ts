import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finding } from '../support/export-fixtures';
import { startRunningCompanion, type RunningCompanion } from './support/running-companion';
import { fetchRaw, sendBody } from './support/raw-http';

const MB = 1024 * 1024;
let companion: RunningCompanion;
let token: string;

beforeAll(async () => {
  companion = await startRunningCompanion({ PORTABLE_EXPORT_MAX_MB: '4' });
  token = await companion.apiToken('export');
}, 60_000);
afterAll(() => companion?.stop());

const url = (query = '') => `${companion.base}/api/v1/exports/portable${query}`;
const headers = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' });
/** `count` good findings as NDJSON lines, then `tail`. */
const ndjson = (count: number, tail = '') => {
  const lines: string[] = [];
  for (let index = 1; index <= count; index += 1) lines.push(JSON.stringify(finding(`fp-${index}`)));
  return `${lines.join('\n')}\n${tail}`;
};

describe('portable export failures never look like files', () => {
  it('a bad finding after the first 64 KB: 200, then the transfer breaks off; the rows before it all arrive, no error text in the file', async () => {
    const answer = await fetchRaw(url('?format=csv'), {
      method: 'POST',
      headers: headers(),
      body: ndjson(5000, `{"fingerprint":"bad"}\n${JSON.stringify(finding('fp-after'))}\n`),
    });
    expect(answer.status).toBe(200);
    expect(answer.complete, 'the client sees a broken transfer, never a normal end').toBe(false);
    expect(answer.text).toContain('"fp-5000"\r\n');
    expect(answer.text).not.toContain('fp-after');
    expect(answer.text).not.toMatch(/Error|invalid/);
  });

  it('the same with fetch: reading the body rejects', async () => {
    const response = await fetch(url('?format=json'), { method: 'POST', headers: headers(), body: ndjson(3000, '{"nope":1}\n') });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('a bad finding before the first byte: 400 with the error envelope naming it', async () => {
    const answer = await fetchRaw(url(), { method: 'POST', headers: headers(), body: ndjson(3, '{"fingerprint":"bad"}\n') });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/Finding 4 is invalid/) } });
  });

  it('an over-long NDJSON line (2 MB) is refused with 413 while it is read', async () => {
    const answer = await sendBody(url(), { headers: headers(), totalBytes: 2 * MB, chunked: true, fill: 'x' });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/Line 1 is longer/) } });
  });

  it('over the total (PORTABLE_EXPORT_MAX_MB=4): 413 at once by Content-Length', async () => {
    const answer = await sendBody(url(), { headers: headers(), totalBytes: 64 * MB });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/4 MB/) } });
  });

  it('over the total, chunked: the download that started breaks off instead of ending', async () => {
    const body = ndjson(20_000); // about 6 MB of valid findings
    expect(body.length).toBeGreaterThan(4 * MB);
    const response = await fetch(url(), { method: 'POST', headers: headers(), body: new Blob([body]).stream(), duplex: 'half' } as RequestInit);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('per-finding labels are accepted', async () => {
    const answer = await fetchRaw(url('?format=json'), {
      method: 'POST',
      headers: headers(),
      body: `${JSON.stringify(finding('fp-l', { labels: ['team-web'] }))}\n`,
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).issues[0].labels).toEqual(['team-web', 'webriskops-fp-l']);
  });

  it('the log stays JSON lines (no stack text), names each abort, and /healthz still answers', async () => {
    expect((await fetch(`${companion.base}/healthz`)).status).toBe(200);
    const lines = companion.output().split('\n');
    expect(lines.filter((line) => /^\s+at\s/.test(line) || /^\w*Error\b/.test(line))).toEqual([]);
    const logLines = lines.filter((line) => line.startsWith('{'));
    for (const line of logLines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(logLines.filter((line) => line.includes('"portable export aborted"')).length).toBeGreaterThanOrEqual(3);
  });
});
