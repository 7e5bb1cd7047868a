import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from './support/companion-harness';
import { prepareFirstRunForTest } from './support/first-run';
import { finding, parseCsv } from './support/export-fixtures';

let companion: Companion;
let exporter: string;

beforeEach(async () => {
  companion = await startCompanion();
  await prepareFirstRunForTest(companion);
  exporter = await companion.token('default', 'export');
});
afterEach(() => companion.stop());

const ndjson = (items: unknown[]) => items.map((item) => JSON.stringify(item)).join('\n') + '\n';

function portable(query: string, body: string | ReadableStream<Uint8Array>, contentType = 'application/x-ndjson', headers: Record<string, string> = {}) {
  return companion.app.request(`/api/v1/exports/portable${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${exporter}`, 'content-type': contentType, ...headers },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
}

describe("portable export: CSV for Jira's importer", () => {
  it('writes the importer columns, one Labels column per label, wiki-markup descriptions and the fingerprint as External ID', async () => {
    const response = await portable(
      '?labels=webriskops,scan-42&issue_type=Task',
      ndjson([finding('fp-a'), finding('fp-b', { severity: 'critical', title: 'Say "hi", then go' })]),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="webriskops-findings-\d{8}T\d{6}Z\.csv"$/);
    const text = await response.text();
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Summary', 'Issue Type', 'Priority', 'Description', ...Array.from({ length: 2 + 5 + 1 }, () => 'Labels'), 'External ID']);
    expect(rows).toHaveLength(3);
    expect(rows[1]!.slice(0, 3)).toEqual(['Reflected XSS on /search (fp-a)', 'Task', 'High']);
    expect(rows[1]!.slice(4)).toEqual(['webriskops', 'scan-42', 'webriskops-fp-a', '', '', '', '', '', 'fp-a']);
    expect(rows[2]!.slice(0, 3)).toEqual(['Say "hi", then go', 'Task', 'Highest']);
    expect(rows[1]![3]).toContain('*Severity:* High');
    expect(rows[1]![3]).toContain('{noformat}\nGET /search?q=<script>alert(1)</script>');
    expect(text).toContain('"Say ""hi"", then go"');
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    const titles = ['=HYPERLINK("https://evil.test","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tTabbed', '\rReturn', 'Safe = not first'];
    const response = await portable('?issue_type=%3Dcmd|calc&priorities=high:%2BUrgent', ndjson(titles.map((title, i) => finding(`fp-f${i}`, { title }))));
    const rows = parseCsv(await response.text()).slice(1);
    expect(rows.map((row) => row[0])).toEqual([
      '\'=HYPERLINK("https://evil.test","x")',
      "'+1+1",
      "'-2+3",
      "'@SUM(A1:A2)",
      // Titles are trimmed on input, so leading tab and CR are gone before the CSV (csvCell's unit test covers them).
      'Tabbed',
      'Return',
      'Safe = not first',
    ]);
    expect(rows.every((row) => row[1] === "'=cmd|calc" && row[2] === "'+Urgent")).toBe(true);
  });
});

describe('portable export: JSON', () => {
  it('answers a JSON document from a JSON array, chosen by format or Accept', async () => {
    const body = JSON.stringify([finding('fp-j1'), finding('fp-j2', { severity: 'low' })]);
    for (const [query, headers] of [
      ['?format=json', {}],
      ['', { accept: 'application/json' }],
    ] as const) {
      const response = await portable(query, body, 'application/json', headers);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const document = JSON.parse(await response.text());
      expect(document).toMatchObject({
        format: 'webriskops.portable.v1',
        count: 2,
        columns: ['Summary', 'Issue Type', 'Priority', 'Description', 'Labels', 'External ID'],
      });
      expect(document.issues[1]).toMatchObject({
        summary: 'Reflected XSS on /search (fp-j2)',
        issue_type: 'Bug',
        priority: 'Low',
        labels: ['webriskops-fp-j2'],
        external_id: 'fp-j2',
        severity: 'low',
        url: 'https://app.acme.test/search?q=%3Cscript%3E',
      });
    }
  });
});

describe('portable export: input and errors', () => {
  it('refuses a bad first finding with 400, a wrong content type with 415, a bad query with 400, no token with 401', async () => {
    const bad = await portable('', ndjson([{ ...finding('fp-x'), severity: 'urgent' }]));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/Finding 1 is invalid: severity/);
    const notArray = await portable('', '{"findings": []}', 'application/json');
    expect(notArray.status).toBe(400);
    expect((await portable('', 'a,b,c', 'text/csv')).status).toBe(415);
    expect((await portable('?priorities=urgent:Now', ndjson([finding('fp-y')]))).status).toBe(400);
    expect((await portable('?labels=has%20space', ndjson([finding('fp-y')]))).status).toBe(400);
    const anonymous = await companion.app.request('/api/v1/exports/portable', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: ndjson([finding('fp-z')]),
    });
    expect(anonymous.status).toBe(401);
  });

  it('refuses a bad finding met before the first byte went out with the 400 envelope, not a download', async () => {
    const response = await portable('', ndjson([finding('fp-1'), finding('fp-2'), { nope: true }]));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/Finding 3 is invalid/) } });
  });

  it("takes labels of each finding beside the request's labels", async () => {
    const rows = parseCsv(await (await portable('?labels=scan-1', ndjson([finding('fp-l', { labels: ['team-web', 'pci'] })]))).text());
    expect(rows[1]!.slice(4, 8)).toEqual(['scan-1', 'team-web', 'pci', 'webriskops-fp-l']);
    expect((await portable('', ndjson([finding('fp-m', { labels: ['has space'] })]))).status).toBe(400);
  });

  it('an empty input gives the header alone', async () => {
    const rows = parseCsv(await (await portable('', '')).text());
    expect(rows).toEqual([['Summary', 'Issue Type', 'Priority', 'Description', ...Array.from({ length: 1 + 5 }, () => 'Labels'), 'External ID']]);
  });
});

describe('portable export: streaming', () => {
  it('streams 100,000 findings: output starts before the input is read, every row arrives', async () => {
    const total = 100_000;
    let produced = 0;
    const encoder = new TextEncoder();
    const input = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (produced >= total) return controller.close();
        let chunk = '';
        for (let i = 0; i < 200 && produced < total; i += 1, produced += 1) chunk += `${JSON.stringify(finding(`fp-${produced}`, { evidence: undefined }))}\n`;
        controller.enqueue(encoder.encode(chunk));
      },
    });
    const started = performance.now();
    const response = await portable('', input);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let records = 0;
    let first = true;
    let tail = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (first) {
        // Backpressure: only a little input has been read when the first rows are out.
        expect(produced).toBeLessThan(total / 4);
        first = false;
      }
      const text = tail + decoder.decode(value, { stream: true });
      records += text.split('\r\n').length - 1;
      tail = text.slice(text.lastIndexOf('\r\n') + 2);
    }
    expect(records).toBe(total + 1);
    expect(produced).toBe(total);
    console.log(`portable CSV: ${total} findings in ${Math.round(performance.now() - started)} ms`);
  }, 60_000);
});

describe('the export API in the OpenAPI document', () => {
  it('describes the export routes and their shapes', async () => {
    const doc = await companion.request('GET', '/api/v1/openapi.json', { token: exporter });
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining(['/targets/{id}/readiness', '/targets/{id}/metadata', '/targets/{id}/issues', '/exports/portable']),
    );
    const issues = doc.json.paths['/targets/{id}/issues'].post;
    expect(issues.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['id', 'idempotency-key']));
    expect(Object.keys(issues.responses)).toEqual(expect.arrayContaining(['200', '201', '409', '422', '503']));
    expect(Object.keys(doc.json.paths['/exports/portable'].post.requestBody.content)).toEqual(['application/x-ndjson', 'application/json']);
    expect(Object.keys(doc.json.components.schemas)).toEqual(
      expect.arrayContaining(['Finding', 'IssueMapping', 'ExportIssueRequest', 'ExportIssueResult', 'TargetMetadata', 'ExportReadiness']),
    );
    expect(doc.json.components.schemas.Finding.required).toEqual(expect.arrayContaining(['fingerprint', 'title', 'severity', 'url']));
  });
});
